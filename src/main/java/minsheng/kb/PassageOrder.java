package minsheng.kb;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import minsheng.kb.ArticleMatch.PassageMatch;

/**
 * Which of an article's passages answers a question: the order in which the checks try them. Passages holding
 * more of the question's telling words come first, fused order kept among equals. A word is telling when some of
 * the article's passages state it and others do not ("老吾老…满不满意": 满意 is in the passage with the
 * satisfaction rate only, 老吾老 in the first only); a word every passage or none states says nothing about which
 * passage answers, and one-character words are too common to tell. What a passage states is its text without
 * its pointers to a person ({@code stated}): "不想跑社区 就在这上面报案得行啵" is not answered by "以您所在社区的…安排为准"
 * because both name a 社区.
 */
public final class PassageOrder {
  private PassageOrder() {
  }

  /** {@code facts} in fused order; {@code words} the question's words that do not name the article's subject. */
  public static List<PassageMatch> tellingFirst(List<PassageMatch> facts, List<String> words,
      Function<PassageMatch, String> stated) {
    List<String> texts = facts.stream().map(stated).toList();
    List<String> telling = words.stream().distinct().filter(w -> w.length() >= 2).filter(w -> {
      long holding = texts.stream().filter(t -> t.contains(w)).count();
      return holding > 0 && holding < facts.size();
    }).toList();
    if (telling.isEmpty()) {
      return facts;
    }
    return facts.stream().sorted(Comparator.comparingLong((PassageMatch p) ->
        -telling.stream().filter(stated.apply(p)::contains).count())).toList();
  }
}
