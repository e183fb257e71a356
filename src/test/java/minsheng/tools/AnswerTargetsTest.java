package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The answer-level figures on the test file: questions never used to choose a threshold, a weight or a rule
 * (those were chosen on the dev file). The whole pipeline answers each question as it would a resident.
 * Issue 12 asks for answer accuracy ≥ 0.95, unanswerable handed over ≥ 0.95 and false answers ≤ 2 %. The test
 * file is the eighth round's, written blind on the night of 2026-12-07/08 (300 questions, 270 after removing those
 * already in the repository's files before any run; none of them is in the dev file) and run once on that night's
 * main (0.929, 0.977, 3.3 %) and once on the merged code (0.922, 0.984, 2.6 %). What the merged code reaches is
 * asserted, less one question each, as a floor that a change must not lower, until the targets are met or a new
 * blind round replaces it. Since those runs its questions are dev data too (appended to answers-dev.tsv at 02:45 UTC
 * on 2026-12-08, so its misses can be worked). (The earlier test files, now dev data, are kept as they were in answers-test-round1.tsv,
 * answers-test-round2.tsv, answers-test-round4.tsv, answers-test-round5.tsv, answers-test-round6.tsv and
 * answers-test-round7.tsv; this one is also in answers-test-round8.tsv.)
 */
class AnswerTargetsTest {

  @Test
  void theTestFileKeepsWhatThisVersionReaches() throws Exception {
    var config = TestConfigs.with(Map.of());
    AnswerEvaluation.Report r = AnswerEvaluation.evaluate(config, AnswerEvaluation.file(config, "test"));
    AnswerEvaluation.print(r, System.out, true);
    assertThat(r.answerAccuracy()).as("answer accuracy").isGreaterThanOrEqualTo(0.914);
    assertThat(r.unanswerableHandled()).as("unanswerable handed over").isGreaterThanOrEqualTo(0.976);
    assertThat(r.falseAnswerRate()).as("false answers").isLessThanOrEqualTo(0.0296);
  }
}
