package minsheng.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.tools.Evaluation;
import minsheng.TestConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assistant is measured on sentences it never trained on; these floors keep a regression from landing. */
class HeldOutEvaluationTest {
  private static Evaluation.Report report;

  @BeforeAll
  static void evaluate() throws Exception {
    report = Evaluation.evaluate(TestConfigs.with(Map.of()));
  }

  @Test
  void heldOutIntentAccuracyStaysAtLeastNinetyPercent() {
    assertThat(report.heldoutAccuracy()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void outOfScopeQuestionsGoToAPerson() {
    assertThat(report.outOfScopeHandedOff()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void retrievalFindsTheRightArticle() {
    assertThat(report.retrievalTop1()).isGreaterThanOrEqualTo(0.85);
    assertThat(report.retrievalTop3()).isGreaterThanOrEqualTo(report.retrievalTop1());
  }
}
