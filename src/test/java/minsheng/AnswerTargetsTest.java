package minsheng;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's targets, on the test file: questions never used to choose a threshold, a weight or a rule
 * (those were chosen on the dev file). The whole pipeline answers each question as it would a resident.
 */
class AnswerTargetsTest {

  @Test
  void theTestFileMeetsTheAnswerLevelTargets() throws Exception {
    var config = TestConfigs.with(Map.of());
    AnswerEvaluation.Report r = AnswerEvaluation.evaluate(config, AnswerEvaluation.file(config, "test"));
    AnswerEvaluation.print(r, System.out, true);
    assertThat(r.answerAccuracy()).as("answer accuracy").isGreaterThanOrEqualTo(0.95);
    assertThat(r.unanswerableHandled()).as("unanswerable handed over").isGreaterThanOrEqualTo(0.95);
    assertThat(r.falseAnswerRate()).as("false answers").isLessThanOrEqualTo(0.02);
  }
}
