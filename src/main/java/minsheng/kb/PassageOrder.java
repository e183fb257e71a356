package minsheng.kb;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.kb.ArticleMatch.PassageMatch;

/**
 * Which of an article's passages answers a question: the order in which the checks try them. Passages holding
 * more of the question's telling words come first, fused order kept among equals. A word is telling when some of
 * the article's passages state it and others do not ("老吾老…满不满意": 满意 is in the passage with the
 * satisfaction rate only, 老吾老 in the first only); a word every passage or none states says nothing about which
 * passage answers, and one-character words are too common to tell. What a passage states is its text without
 * its pointers to a person ({@code stated}): "不想跑社区 就在这上面报案得行啵" is not answered by "以您所在社区的…安排为准"
 * because both name a 社区. A word the question writes is compared as written (理赔 is not the 赔付 the analyzer
 * folds into it); one the question words otherwise is compared as the analyzer reads both: the question's 出钱, read
 * 出资, is stated by a passage writing 出钱 as by one writing 出资, so it does not choose the second.
 *
 * <p>The words next to what the question asks (养活 in "养活了几个人", 标准 in "照么标准发的") say what the answer is
 * about, so they weigh double: "梅苑小区自管收的钱养活了几个人" is answered by the passage saying 养活了16人, not by the
 * one naming the 小区. (Words of one character were tried there too — 装 in "装了些么事" — and dropped: 里, 出, 类 beside
 * an asking word chose passages as often wrongly as rightly.)
 */
public final class PassageOrder {
  /** Words that ask: what is asked about stands just before or just after them. */
  private static final Pattern ASKS = Pattern.compile("几多|几|多少|好多|哪|什么|么|啥|谁|怎么|咋");
  /** How many characters either side of an asking word say what it asks about. */
  private static final int SPAN = 4;

  private PassageOrder() {
  }

  /** {@code facts} in fused order; {@code words} the question's words that do not name the article's subject. */
  public static List<PassageMatch> tellingFirst(List<PassageMatch> facts, List<String> words,
      Function<PassageMatch, String> stated) {
    return tellingFirst("", facts, words, stated);
  }

  /**
   * As {@link #tellingFirst(List, List, Function)}, the words beside what {@code question} asks weighing double.
   */
  public static List<PassageMatch> tellingFirst(String question, List<PassageMatch> facts, List<String> words,
      Function<PassageMatch, String> stated) {
    List<String> texts = facts.stream().map(stated).toList();
    String asked = askedSpan(question);
    List<String> telling = words.stream().distinct().filter(w -> w.length() >= 2)
        .filter(w -> {
          long holding = 0;
          for (int i = 0; i < facts.size(); i++) {
            holding += holds(question, facts.get(i), texts.get(i), w) ? 1 : 0;
          }
          return holding > 0 && holding < facts.size();
        }).toList();
    if (telling.isEmpty()) {
      return facts;
    }
    return facts.stream().sorted(Comparator.comparingLong((PassageMatch p) -> {
      String text = stated.apply(p);
      return -telling.stream().filter(w -> holds(question, p, text, w)).mapToLong(w -> asked.contains(w) ? 2 : 1).sum();
    })).toList();
  }

  /**
   * Whether a passage states a word of the question: as written when the question writes it so (理赔 is not 赔付,
   * though the analyzer folds them), as the analyzer reads both when the question words it otherwise (its 出钱 is
   * the passage's 出钱 or 出资 alike).
   */
  private static boolean holds(String question, PassageMatch p, String stated, String word) {
    boolean written = question.isEmpty() || question.contains(word);
    return stated.contains(word) || !written && p.words().contains(word);
  }

  /** The characters either side of the question's asking words. */
  static String askedSpan(String question) {
    StringBuilder span = new StringBuilder();
    Matcher m = ASKS.matcher(question);
    while (m.find()) {
      span.append(question, Math.max(0, m.start() - SPAN), m.start()).append('|')
          .append(question, m.end(), Math.min(question.length(), m.end() + SPAN)).append('|');
    }
    return span.toString();
  }
}
