package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The answer-level figures on the test file: questions never used to choose a threshold, a weight or a rule
 * (those were chosen on the dev file). The whole pipeline answers each question as it would a resident.
 * Issue 12 asks for answer accuracy ≥ 0.95, unanswerable handed over ≥ 0.95 and false answers ≤ 2 %. The test
 * file is the fourth round's, written blind (301 questions) and run once on this version: 0.882, 0.873 and 9.6 %
 * (that morning's code: 0.694, 0.854, 11.3 %). What it reaches is asserted, as a floor that a change must not
 * lower, until the targets are met. (The earlier test files, now dev data, are kept as they were in
 * answers-test-round1.tsv and answers-test-round2.tsv.)
 */
class AnswerTargetsTest {

  @Test
  void theTestFileKeepsWhatThisVersionReaches() throws Exception {
    var config = TestConfigs.with(Map.of());
    AnswerEvaluation.Report r = AnswerEvaluation.evaluate(config, AnswerEvaluation.file(config, "test"));
    AnswerEvaluation.print(r, System.out, true);
    assertThat(r.answerAccuracy()).as("answer accuracy").isGreaterThanOrEqualTo(0.88);
    assertThat(r.unanswerableHandled()).as("unanswerable handed over").isGreaterThanOrEqualTo(0.87);
    assertThat(r.falseAnswerRate()).as("false answers").isLessThanOrEqualTo(0.10);
  }
}
