package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The answer-level figures on the test file: questions never used to choose a threshold, a weight or a rule
 * (those were chosen on the dev file). The whole pipeline answers each question as it would a resident.
 * Issue 12 asks for answer accuracy ≥ 0.95, unanswerable handed over ≥ 0.95 and false answers ≤ 2 %. The test
 * file is the sixth round's, written blind (300 questions, 288 after removing those already in the repository's
 * files before any run) and run once on the evening of 2026-12-07: 0.852, 0.952 and 5.9 % (main of that evening:
 * 0.852, 0.904, 8.7 %). What it reaches is asserted, less one question each, as a floor that a change must not
 * lower, until the targets are met. (The earlier test files, now dev data, are kept as they were in
 * answers-test-round1.tsv, answers-test-round2.tsv, answers-test-round4.tsv and answers-test-round5.tsv.)
 */
class AnswerTargetsTest {

  @Test
  void theTestFileKeepsWhatThisVersionReaches() throws Exception {
    var config = TestConfigs.with(Map.of());
    AnswerEvaluation.Report r = AnswerEvaluation.evaluate(config, AnswerEvaluation.file(config, "test"));
    AnswerEvaluation.print(r, System.out, true);
    assertThat(r.answerAccuracy()).as("answer accuracy").isGreaterThanOrEqualTo(0.845);
    assertThat(r.unanswerableHandled()).as("unanswerable handed over").isGreaterThanOrEqualTo(0.945);
    assertThat(r.falseAnswerRate()).as("false answers").isLessThanOrEqualTo(0.0625);
  }
}
