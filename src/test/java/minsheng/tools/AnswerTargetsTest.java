package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The answer-level figures on the test file: questions never used to choose a threshold, a weight or a rule
 * (those were chosen on the dev file). The whole pipeline answers each question as it would a resident.
 * Issue 12 asks for answer accuracy ≥ 0.95, unanswerable handed over ≥ 0.95 and false answers ≤ 2 %. The test
 * file is the seventh round's, written blind (300 questions, 281 after removing those already in the repository's
 * files or the night's dev batch before any run) and run once on the night of 2026-12-07: 0.864, 0.955 and 6.4 %
 * (main of that night: 0.844, 0.948, 7.1 %). What it reaches is asserted, less one question each, as a floor that a change must not
 * lower, until the targets are met or a new blind round replaces it. Since that run its questions are dev data
 * too (appended to answers-dev.tsv at 23:40 UTC on 2026-12-07, so its misses can be worked). (The earlier test files, now dev data, are kept as they were in
 * answers-test-round1.tsv, answers-test-round2.tsv, answers-test-round4.tsv, answers-test-round5.tsv and answers-test-round6.tsv.)
 */
class AnswerTargetsTest {

  @Test
  void theTestFileKeepsWhatThisVersionReaches() throws Exception {
    var config = TestConfigs.with(Map.of());
    AnswerEvaluation.Report r = AnswerEvaluation.evaluate(config, AnswerEvaluation.file(config, "test"));
    AnswerEvaluation.print(r, System.out, true);
    assertThat(r.answerAccuracy()).as("answer accuracy").isGreaterThanOrEqualTo(0.857);
    assertThat(r.unanswerableHandled()).as("unanswerable handed over").isGreaterThanOrEqualTo(0.947);
    assertThat(r.falseAnswerRate()).as("false answers").isLessThanOrEqualTo(0.0677);
  }
}
