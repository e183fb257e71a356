package minsheng.nlu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the intent model made of a message: the segmented words and every intent, most probable first.
 */
public record Understanding(String text, List<String> words, List<Intent> ranked) {

  public Intent best() {
    return ranked.get(0);
  }

  /** Each intent's probability, by name. */
  public Map<String, Double> topicProbabilities() {
    Map<String, Double> out = new HashMap<>();
    ranked.forEach(i -> out.put(i.name(), i.confidence()));
    return out;
  }

  public Intent second() {
    return ranked.size() > 1 ? ranked.get(1) : new Intent("", 0);
  }
}
