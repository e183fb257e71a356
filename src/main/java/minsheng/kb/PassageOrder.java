package minsheng.kb;

import java.util.ArrayList;
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
 *
 * <p>Two shapes of a passage say less than its words suggest. A list of headings ("考核标准分设施配套齐全、服务功能完善…6类")
 * names a category inside one of its items; asked for the members of that category ("有些么设施"), it does not hold
 * the word: the passage listing the things themselves (减速标志, 休闲板凳) answers, though it never writes 设施. A
 * list of members names its category after 等 ("在为民服务、财务收支…等方面学"), and holds it. And a figure of people
 * that sizes a group ("物业自管5人小组") counts its members, not the people a question asks about ("请了几多人做事"
 * is answered by "养活了16人"): unless the question names the group, a passage whose only count of people is such a
 * size comes after the others.
 */
public final class PassageOrder {
  /** Words that ask: what is asked about stands just before or just after them. */
  private static final Pattern ASKS = Pattern.compile("几多|几|多少|好多|哪|什么|么|啥|谁|怎么|咋");
  /** How many characters either side of an asking word say what it asks about. */
  private static final int SPAN = 4;
  /** Words that ask for the members of what follows them ("些么设施", "哪些方面", "么事课"). */
  private static final Pattern MEMBERS = Pattern.compile("哪些|哪几|些么|些什么|些啥|什么|么事|么子|啥");
  /** A clause listing three or more items ("A、B、C"). */
  private static final Pattern LIST = Pattern.compile("[^,,。;;::!!??]*、[^,,。;;::!!??]*、[^,,。;;::!!??]*");
  /** How many people, asked ("几多人", "好多个人"), not counted otherwise (人次, 人口). */
  private static final Pattern PEOPLE_ASKED = Pattern.compile("(几多|多少|好多|几)个?人(?![次口均])");
  /** Words for a group of people that a figure before them sizes ("5人小组", "3人团队"). */
  private static final String GROUPS = "小组|组|团队|队伍|队|班子|委员会";
  private static final Pattern GROUP_SIZE = Pattern.compile("\\d+\\s*人(" + GROUPS + ")");
  private static final Pattern PEOPLE_COUNT = Pattern.compile("\\d[\\d.]*\\s*(余|多)?万?人(?!次|口|均|" + GROUPS + ")");

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
    Comparator<PassageMatch> order = Comparator.comparingInt((PassageMatch p) -> onlySizesAGroup(question,
        stated.apply(p)) ? 1 : 0);
    if (!telling.isEmpty()) {
      order = order.thenComparingLong((PassageMatch p) -> {
        String text = stated.apply(p);
        return -telling.stream().filter(w -> holds(question, p, text, w)).mapToLong(w -> asked.contains(w) ? 2 : 1)
            .sum();
      });
    }
    return facts.stream().sorted(order).toList();
  }

  /**
   * Whether the question asks how many people and the passage's only count of people sizes a group the question
   * does not name ("5人小组" for "请了几多人做事").
   */
  static boolean onlySizesAGroup(String question, String passage) {
    Matcher size = GROUP_SIZE.matcher(passage);
    if (!PEOPLE_ASKED.matcher(question).find() || !size.find() || question.contains(size.group(1))) {
      return false;
    }
    return !PEOPLE_COUNT.matcher(passage).find();
  }

  /**
   * Whether the question asks for the members of what {@code word} names ("有些么设施") and the passage writes it
   * only inside an item of a list, as a heading ("设施配套齐全、服务功能完善…"), not as the category the list's
   * items belong to ("…等方面").
   */
  public static boolean onlyAsAHeading(String question, String passage, String word) {
    if (!membersAsked(question, word)) {
      return false;
    }
    int at = passage.indexOf(word);
    if (at < 0) {
      return false;
    }
    Matcher list = LIST.matcher(passage);
    List<int[]> lists = new ArrayList<>();
    while (list.find()) {
      lists.add(new int[] {list.start(), list.end()});
    }
    for (; at >= 0; at = passage.indexOf(word, at + 1)) {
      int from = at;
      boolean inList = lists.stream().anyMatch(l -> l[0] <= from && from < l[1]);
      // Outside a list, after 等 (the items' category) or as a whole item (a member), it is no heading.
      if (!inList || at > 0 && passage.charAt(at - 1) == '等' || itemIsWord(passage, at, word)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the list item at {@code at} is the word itself ("、设施、"), a member, not a heading. */
  private static boolean itemIsWord(String passage, int at, String word) {
    int end = at + word.length();
    boolean startsItem = at == 0 || "、,,。;;::".indexOf(passage.charAt(at - 1)) >= 0;
    boolean endsItem = end >= passage.length() || "、,,。;;::等".indexOf(passage.charAt(end)) >= 0;
    return startsItem && endsItem;
  }

  /** Whether an asking word for members stands just before the question's {@code word} ("些么适老的设施"). */
  private static boolean membersAsked(String question, String word) {
    for (int at = question.indexOf(word); at >= 0; at = question.indexOf(word, at + 1)) {
      if (MEMBERS.matcher(question.substring(Math.max(0, at - SPAN - 2), at)).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a passage states a word of the question: as written when the question writes it so (理赔 is not 赔付,
   * though the analyzer folds them), as the analyzer reads both when the question words it otherwise (its 出钱 is
   * the passage's 出钱 or 出资 alike).
   */
  private static boolean holds(String question, PassageMatch p, String stated, String word) {
    boolean written = question.isEmpty() || question.contains(word);
    if (written && onlyAsAHeading(question, stated, word)) {
      return false;
    }
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
