package minsheng.dialogue;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import minsheng.kb.ArticleMatch;
import minsheng.kb.ArticleMatch.PassageMatch;
import minsheng.kb.Passages;

/**
 * The checks a found article must pass before anything is said as an answer, each small and on its own:
 * the question's place is Wuchang ({@link Places}), a passage of the article states the kind of information
 * asked for ({@link QuestionKind}), and a question about now is not answered with a dated figure as if it
 * were current. Each check either lets the answer through (with the passage to quote) or says why not.
 */
final class Answerability {
  /** Words that ask about the present or the future. */
  private static final Pattern NOW = Pattern.compile(
      "现在|今年|明年|最新|目前|如今|当前|眼下|这两年|近两年|今后|将来|最近|下一期|下期|下一次|下次|下一批|下回");
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
      "\\d[\\d.,]*\\s*(余|多)?(万|亿)?(元|块|人|户|个|名|场|所|家|项|次|位|班|平方米|%|‰)");

  /** The outcome of the checks: the passage to quote, or the reason there is none and what is missing. */
  record Verdict(String check, Decision.Reason reason, String missing, PassageMatch passage) {
    boolean answers() {
      return reason == null;
    }
  }

  private final Places places;

  Answerability(Places places) {
    this.places = places;
  }

  /** The place check, before anything is looked up. */
  Optional<Verdict> place(String question) {
    return places.elsewhere(question).map(p -> new Verdict("place", Decision.Reason.OTHER_PLACE, p, null));
  }

  /** The kind and currency checks on the best article found. */
  Verdict check(String question, QuestionKind kind, ArticleMatch top) {
    List<PassageMatch> facts = top.passages().stream().filter(p -> facts(p).length() >= MIN_FACT_CHARS)
        .sorted(Comparator.comparingDouble((PassageMatch p) -> p.fused()
            + (p.passage().index() == 0 ? FIRST_PASSAGE_BONUS : 0)).reversed())
        .toList();
    if (facts.isEmpty()) {
      return new Verdict("kind", Decision.Reason.MISSING_DETAIL, kind.specific() ? kind.label() : "答案", null);
    }
    PassageMatch chosen = facts.get(0);
    if (kind.specific()) {
      // "How do I apply" is answered by where to go: there the article's pointer to a person is the answer.
      PassageMatch stating = kind == QuestionKind.PROCEDURE
          ? top.passages().stream().filter(p -> kind.statedIn(p.passage().text())).findFirst().orElse(null)
          : facts.stream().filter(p -> kind.statedIn(facts(p))).findFirst().orElse(null);
      if (stating == null) {
        return new Verdict("kind", Decision.Reason.MISSING_DETAIL, kind.label(), chosen);
      }
      chosen = stating;
    }
    if (NOW.matcher(question).find() && chosen.passage().year() > 0
        && (FIGURE.matcher(facts(chosen)).find() || kind == QuestionKind.DATE)) {
      return new Verdict("currency", Decision.Reason.NOT_CURRENT, String.valueOf(chosen.passage().year()), chosen);
    }
    return new Verdict("answer", null, null, chosen);
  }

  /** A passage's text without its pointers to a person. */
  private static String facts(PassageMatch p) {
    StringBuilder out = new StringBuilder();
    for (String sentence : Passages.sentences(p.passage().text())) {
      if (!POINTER.matcher(sentence).find()) {
        out.append(sentence);
      }
    }
    return out.toString();
  }
}
