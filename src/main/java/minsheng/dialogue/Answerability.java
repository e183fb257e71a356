package minsheng.dialogue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import minsheng.kb.ArticleMatch;
import minsheng.kb.ArticleMatch.PassageMatch;

/**
 * The checks a found article must pass before anything is said as an answer, each small and on its own:
 * the question's place is Wuchang ({@link Places}), a passage of the article states the kind of information
 * asked for ({@link QuestionKind}), and a question about now is not answered with a dated figure as if it
 * were current. Each check either lets the answer through (with the passage to quote) or says why not.
 */
final class Answerability {
  /** Words that ask about the present or the future. */
  private static final Pattern NOW = Pattern.compile("现在|今年|明年|最新|目前|如今|当前|眼下|这两年|近两年|今后|将来|最近");
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
    List<PassageMatch> ranked = top.passages();
    PassageMatch chosen = ranked.get(0);
    if (kind.specific()) {
      PassageMatch stating = ranked.stream().filter(p -> kind.statedIn(p.passage().text())).findFirst().orElse(null);
      if (stating == null) {
        return new Verdict("kind", Decision.Reason.MISSING_DETAIL, kind.label(), chosen);
      }
      chosen = stating;
    }
    if (NOW.matcher(question).find() && chosen.passage().year() > 0 && FIGURE.matcher(chosen.passage().text()).find()) {
      return new Verdict("currency", Decision.Reason.NOT_CURRENT, String.valueOf(chosen.passage().year()), chosen);
    }
    return new Verdict("answer", null, null, chosen);
  }
}
