package minsheng.nlu;

import java.util.List;
import java.util.Map;

/**
 * What the intent model made of a message: the segmented words, every intent (most probable first),  and each
 * intent's probability by name, which weighs the search results of the knowledge-base topic it names.
 */
public record Understanding(String text, List<String> words, List<Intent> ranked,
    Map<String, Double> topicProbabilities) {

  public Intent best() {
    return ranked.get(0);
  }

  public Intent second() {
    return ranked.size() > 1 ? ranked.get(1) : new Intent("", 0);
  }
}
