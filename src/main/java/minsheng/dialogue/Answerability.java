package minsheng.dialogue;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import minsheng.kb.Article;
import minsheng.kb.ArticleMatch;
import minsheng.kb.ArticleMatch.PassageMatch;
import minsheng.kb.Passages;

/**
 * The checks a found article must pass before anything is said as an answer, each small and on its own:
 * the question's place is Wuchang ({@link Places}), a passage of the article states the kind of information
 * asked for ({@link QuestionKind}), and a question about now is not answered with a dated figure as if it
 * were current. Each check either lets the answer through (with the passage to quote) or says why not.
 */
public final class Answerability {
  /** Words that ask about the present or the future. */
  private static final Pattern NOW = Pattern.compile("现在|今年|最新|目前|如今|当前|眼下|这两年|近两年|最近");
  /** Words that ask about the future: nothing dated answers them. */
  private static final Pattern FUTURE = Pattern.compile(
      "明年|今后|将来|以后还|下一期|下期|下一次|下次|下一批|下回|下一场|下一届|下一轮|还会不会|还会有");
  /** "还是一个人一块钱啵": a question that names a figure asks whether it still holds. */
  private static final Pattern NAMES_FIGURE = Pattern.compile("\\d|[一二三四五六七八九十两几]+(块|元|个|人|户|万|百|千)");
  /** Kinds that ask for a figure or a date, which today may differ from the dated one. */
  private static final Set<QuestionKind> FIGURES = EnumSet.of(QuestionKind.AMOUNT, QuestionKind.CAP, QuestionKind.COUNT,
      QuestionKind.DATE, QuestionKind.DURATION);
  /** A count asked in a measure word that says what is counted (几多张床, 几份饭): the figure must be in it too. */
  private static final Pattern ASKED_MEASURE = Pattern.compile("(?:几|多少|几多|好多)(张|份|间|套|辆|台|层|期|节|门|栋|床|顿|餐|趟)");
  /** A figure asked per unit (每个社区, 每户): the figure must be per that unit too. */
  private static final Pattern ASKED_EACH = Pattern.compile("每(?:个|一个|一)?([\\u4e00-\\u9fa5])");
  /** "据2016年报道," names when the source was written, not a date the passage states. */
  private static final Pattern SOURCE_DATE = Pattern.compile("[((]?据\\d{4}年[^,,:。)]{0,16}[,,:)]?");
  /**
   * An article's own pointer to a person ("请问您所在社区", "报道没写…"): it answers nothing, and a detail it
   * mentions as missing ("要带的材料") is not stated by it.
   */
  private static final Pattern POINTER = Pattern.compile(
      "请问|可以问(您|社区|街道|网格)|没写|没有写|没有登出|没登出|以[^,。]{0,12}为准|接着问我");
  /** Less than this much text left once the pointers are taken out, and a passage states no fact. */
  private static final int MIN_FACT_CHARS = 8;
  /** The summary's first passage holds the key fact; another passage must match clearly better to be quoted. */
  private static final float FIRST_PASSAGE_BONUS = 0.03f;
  /** A quantity (an amount, a count, a rate), as opposed to a year or a date. */
  private static final Pattern FIGURE = Pattern.compile(
      "\\d[\\d.,]*\\s*(余|多)?(万|亿)?(元|块|人|户|个|名|场|所|家|项|次|位|班|平方米|%|‰|:)|\\d[\\d.]*\\s*(万|亿)");

  /** The outcome of the checks: the passage to quote, or the reason there is none and what is missing. */
  record Verdict(String check, Decision.Reason reason, String missing, PassageMatch passage) {
    boolean answers() {
      return reason == null;
    }
  }

  private final Places places;
  private final List<String> neighbours;

  Answerability(Places places, List<String> neighbours) {
    this.places = places;
    this.neighbours = neighbours;
  }

  /** The terms of a neighbours file ({@code conf/neighbours-zh.txt}): one a line, # comments. */
  public static List<String> neighbours(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The place check, before anything is looked up. */
  Optional<Verdict> place(String question) {
    return places.elsewhere(question).map(p -> new Verdict("place", Decision.Reason.OTHER_PLACE, p, null));
  }

  /** The kind and currency checks on the best article found. */
  Verdict check(String question, QuestionKind kind, ArticleMatch top) {
    Article a = top.article();
    String covered = a.title() + a.body() + String.join(" ", a.keywords()) + String.join(" ", a.questions());
    for (String term : neighbours) {
      if (question.contains(term) && !covered.contains(term)) {
        return new Verdict("topic", Decision.Reason.NOT_COVERED, term, null);
      }
    }
    List<PassageMatch> facts = top.passages().stream().filter(p -> facts(p).length() >= MIN_FACT_CHARS)
        .sorted(Comparator.comparingDouble((PassageMatch p) -> p.fused()
            + (p.passage().index() == 0 ? FIRST_PASSAGE_BONUS : 0)).reversed())
        .toList();
    if (facts.isEmpty()) {
      return new Verdict("kind", Decision.Reason.MISSING_DETAIL, kind.specific() ? kind.label() : "答案", null);
    }
    PassageMatch chosen = facts.get(0);
    if (kind.specific()) {
      // "How do I apply" is answered by where to go: there the article's pointer to a person is an answer too.
      PassageMatch stating = facts.stream().filter(p -> kind.statedIn(facts(p))
          && (!FIGURES.contains(kind) || sameUnit(question, facts(p))))
          .findFirst()
          .or(() -> kind == QuestionKind.PROCEDURE
              ? top.passages().stream().filter(p -> kind.statedIn(p.passage().text())).findFirst()
              : java.util.Optional.empty())
          .orElse(null);
      if (stating == null) {
        return new Verdict("kind", Decision.Reason.MISSING_DETAIL, kind.label(), chosen);
      }
      chosen = stating;
    }
    boolean dated = chosen.passage().year() > 0;
    if (dated && (FUTURE.matcher(question).find()
        || NOW.matcher(question).find() && (FIGURES.contains(kind) || NAMES_FIGURE.matcher(question).find())
        && FIGURE.matcher(facts(chosen)).find())) {
      return new Verdict("currency", Decision.Reason.NOT_CURRENT, String.valueOf(chosen.passage().year()), chosen);
    }
    return new Verdict("answer", null, null, chosen);
  }

  /**
   * Whether a passage's figure counts what the question counts: "有几多张床" is not answered by "1个老年公寓",
   * nor "每个社区分到几多" by a district's yearly total; "每户每月交几多" is by "每户每月只交10元".
   */
  static boolean sameUnit(String question, String passage) {
    Matcher measure = ASKED_MEASURE.matcher(question);
    if (measure.find() && !Pattern.compile("[\\d一二三四五六七八九十两百千万]\\s*(余|多)?" + measure.group(1))
        .matcher(passage).find()) {
      return false;
    }
    Matcher each = ASKED_EACH.matcher(question);
    if (each.find()) {
      String unit = each.group(1);
      return Pattern.compile("每(个|一个|一)?" + unit + "|" + unit + "均").matcher(passage).find();
    }
    return true;
  }

  /** A passage's text without its pointers to a person. */
  private static String facts(PassageMatch p) {
    StringBuilder out = new StringBuilder();
    for (String sentence : Passages.sentences(p.passage().text())) {
      if (!POINTER.matcher(sentence).find()) {
        out.append(sentence);
      }
    }
    return SOURCE_DATE.matcher(out).replaceAll("");
  }
}
