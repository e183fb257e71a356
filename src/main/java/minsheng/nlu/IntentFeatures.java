package minsheng.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Features of a segmented sentence for the intent model: its words and the character 1–2-grams of the
 * text (word pairs and longer character n-grams measured worse on the held-out sentences). Character n-grams carry residents' typos and words the segmenter splits
 * differently; words carry meaning. OpenNLP's stock generators give only one of the two.
 */
public final class IntentFeatures implements FeatureGenerator {

  @Override
  public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
    List<String> out = new ArrayList<>(words.length * 6);
    for (int i = 0; i < words.length; i++) {
      out.add("w=" + words[i]);
    }
    String text = String.join("", words);
    for (int n = 1; n <= 2; n++) {
      for (int i = 0; i + n <= text.length(); i++) {
        out.add("c" + n + "=" + text.substring(i, i + n));
      }
    }
    if (words.length <= 2) {
      // Very short messages (你好, 谢谢, 转人工) are a kind of their own.
      out.add("short");
    }
    return out;
  }
}
