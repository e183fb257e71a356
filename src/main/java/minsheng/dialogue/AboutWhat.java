package minsheng.dialogue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether what a passage states is about what the question asks, not about something next to it. The kind of
 * question says what kind of fact is asked (a figure, a person); these say about what, by the shape of the
 * question rather than by its words: a figure the question itself names is not its answer ("那214万赔给了几多户"
 * is not answered by "赔款214万元"), a figure the passage gives for someone's own money (a couple's pension, what
 * they spent) does not answer a question that names no such money, a number or ordinal the question names that the
 * article never states (第7网格 when the article knows the 6th) means it asks about another one, and a person
 * asked by role is stated only by a sentence naming that role (an article's 副主任 is not the 主任 asked for).
 */
final class AboutWhat {
  /** A number as written, with its unit: "214万", "40项", "第7". */
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  private static final Pattern ORDINAL = Pattern.compile("第([一二三四五六七八九十]+)");
  /**
   * An ordinal the question names (第7网格, 第二期), not 第一 (第一步, 第一次: a way of speaking, and what the
   * articles call 首期). Plain numbers are left alone: a resident's own (我爸85了) is a circumstance.
   */
  private static final Pattern NAMED_ORDINAL = Pattern.compile("第(?!1(?!\\d))(\\d+)");
  private static final String DIGITS = "一二三四五六七八九";
  /** Money that is a household's own, not what a programme gives: its figure answers only a question naming it. */
  private static final List<List<String>> OWN_MONEY = List.of(
      List.of("退休金", "退休工资", "养老金", "退休费"),
      List.of("工资", "工钱", "薪水", "月薪", "年薪", "收入"),
      List.of("医药费", "医疗费", "住院费", "药费"),
      List.of("积蓄", "存款"),
      List.of("花了", "花费", "开支", "花销", "花"));
  /** Wages and income: often what an article is about (人均可支配收入), so its figure is not taken out. */
  private static final int INCOME = 1;
  /** The first groups name a kind of money; spending (the last) is asked of any money ("慈善花了几多钱"). */
  private static final int NAMED_MONEY = 4;
  private static final String AMOUNT = "\\d[\\d.,]*\\s*(?:余|多)?(?:万|亿)?(?:余|多)?元";
  /** A question asking part of a total: "里头", "当中", "其中". */
  private static final Pattern BREAKDOWN = Pattern.compile(
      "(\\d|几|那些|这些|个)[^,,。\\s]{0,8}(里头|里面|当中|其中|之中|中间)");
  /** A passage breaking a total down. */
  private static final Pattern BROKEN_DOWN = Pattern.compile("其中|分别|占|里头|当中|包括");
  /**
   * A person's title, as a question names it ("街道办主任叫么名字", "组长是哪个"); not 干部 or 网格员, which name
   * what someone does, and an article names a 干部 by his office (副主任陈光明).
   */
  private static final Pattern ROLE = Pattern.compile("副?(主任|书记|组长|站长|院长|会长|经理|队长|所长|局长|区长|社长)");

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final int MAX_PATTERNS = 2_000;

  private AboutWhat() {
  }

  /**
   * The passage's text with the figures that are not about what the question asks taken out: those the question
   * names itself, and amounts of a household's own money (a pension, medical costs, savings, spending; not
   * income, which the articles report as the district's) the question does not name. What is left is what the
   * kind check may read a figure from.
   */
  static String figuresAsked(String question, String passage) {
    String out = passage;
    Set<String> named = new LinkedHashSet<>();
    Matcher n = NUMBER.matcher(question);
    while (n.find()) {
      named.add(n.group());
    }
    for (String number : named) {
      out = pattern("(?<![\\d.])" + Pattern.quote(number) + "(?![\\d.])\\s*(?:余|多)?(?:万|亿)?[\\u4e00-\\u9fa5%]?")
          .matcher(out).replaceAll("");
    }
    for (List<String> money : OWN_MONEY) {
      if (money == OWN_MONEY.get(INCOME) || money.stream().anyMatch(question::contains)) {
        continue;
      }
      String nouns = String.join("|", money);
      out = pattern("(?:" + nouns + ")[^,,。;;、]{0,4}?" + AMOUNT + "|" + AMOUNT + "的?(?:" + nouns + ")")
          .matcher(out).replaceAll("");
    }
    return out;
  }

  /**
   * Whether a passage's figures can be about what the question asks: a breakdown of a total ("2100多个社会组织里头
   * 搞养老的有几个") is stated only by a passage that breaks one down (其中, 分别, 占); money the question names
   * (医药费, 退休金) in the clause that asks only by a passage naming it.
   */
  static boolean figureAbout(String question, String passage) {
    if (BREAKDOWN.matcher(question).find() && !BROKEN_DOWN.matcher(passage).find()) {
      return false;
    }
    String asking = Answerability.askingClause(question);
    for (List<String> money : OWN_MONEY.subList(0, NAMED_MONEY)) {
      if (money.stream().anyMatch(asking::contains) && money.stream().noneMatch(passage::contains)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An ordinal the question names that the article does not (第7网格 of an article that knows only the 6th): the
   * question asks about another one.
   */
  static Optional<String> numberNotStated(String question, String article) {
    String q = ordinals(question);
    String a = ordinals(article);
    Matcher m = NAMED_ORDINAL.matcher(q);
    while (m.find()) {
      String stated = "第" + m.group(1);
      int end = m.end();
      if (!pattern(Pattern.quote(stated) + "(?![\\d])").matcher(a).find()) {
        String unit = end < q.length() ? q.substring(end, Math.min(q.length(), end + 2)) : "";
        return Optional.of(stated + unit.replaceAll("[^\\u4e00-\\u9fa5]", ""));
      }
    }
    return Optional.empty();
  }

  /**
   * The role a question asks a person by, when the stating sentence names a person by another (or none):
   * "街道办主任" is not answered by a 副主任, nor a 组长 by a 网格员.
   */
  static Optional<String> roleNotStated(String question, String sentence) {
    Matcher m = ROLE.matcher(question);
    while (m.find()) {
      String role = m.group();
      Matcher s = ROLE.matcher(sentence);
      boolean stated = false;
      while (s.find()) {
        stated |= s.group().equals(role);
      }
      if (!stated) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /**
   * A pattern built from a question's words, compiled once: the checks run per passage on the answer path, and
   * the same few patterns (a measure word, a number, a unit) come back question after question.
   */
  static Pattern pattern(String regex) {
    Pattern p = PATTERNS.get(regex);
    if (p == null) {
      if (PATTERNS.size() >= MAX_PATTERNS) {
        PATTERNS.clear(); // a crude bound: numbers typed once should not grow the map without end
      }
      p = Pattern.compile(regex);
      PATTERNS.put(regex, p);
    }
    return p;
  }

  /** 第七 → 第7, 第十二 → 第12: ordinals compared as numbers. */
  static String ordinals(String text) {
    Matcher m = ORDINAL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, "第" + chineseNumber(m.group(1)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int chineseNumber(String s) {
    int ten = s.indexOf('十');
    if (ten < 0) {
      return DIGITS.indexOf(s.charAt(0)) + 1;
    }
    int tens = ten == 0 ? 1 : DIGITS.indexOf(s.charAt(0)) + 1;
    int units = ten == s.length() - 1 ? 0 : DIGITS.indexOf(s.charAt(ten + 1)) + 1;
    return tens * 10 + units;
  }
}
