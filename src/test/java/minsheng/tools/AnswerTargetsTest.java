package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The answer-level figures on the test file: questions never used to choose a threshold, a weight or a rule
 * (those were chosen on the dev file). The whole pipeline answers each question as it would a resident.
 * Issue 12 asks for answer accuracy ≥ 0.95, unanswerable handed over ≥ 0.95 and false answers ≤ 2 %. The test
 * file is the ninth round's, written blind on 2026-12-08 (300 questions, 273 after removing those already in the
 * repository's files before any run; none of them is in the dev file) and run once on that morning's main fe8468a
 * (0.957, 0.940, 3.3 %) and once on the merged code da1bc87 (0.964, 0.947, 2.9 %). What the merged code reaches is
 * asserted, less one question each, as a floor that a change must not lower, until the targets are met or a new
 * blind round replaces it. (The earlier test files, now dev data, are kept as they were in answers-test-round1.tsv,
 * answers-test-round2.tsv and answers-test-round4.tsv to answers-test-round8.tsv; this one is also in
 * answers-test-round9.tsv.)
 */
class AnswerTargetsTest {

  @Test
  void theTestFileKeepsWhatThisVersionReaches() throws Exception {
    var config = TestConfigs.with(Map.of());
    AnswerEvaluation.Report r = AnswerEvaluation.evaluate(config, AnswerEvaluation.file(config, "test"));
    AnswerEvaluation.print(r, System.out, true);
    assertThat(r.answerAccuracy()).as("answer accuracy").isGreaterThanOrEqualTo(0.957);
    assertThat(r.unanswerableHandled()).as("unanswerable handed over").isGreaterThanOrEqualTo(0.939);
    assertThat(r.falseAnswerRate()).as("false answers").isLessThanOrEqualTo(0.033);
  }
}
