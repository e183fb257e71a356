package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialogue evaluation scores the claim, not the order a script happens to name its fields in. The three
 * residents run at once, so each has an ID number of their own: the same person, address and day filed three
 * times would (rightly) be asked about as a possible duplicate, and which one is asked depends on timing.
 */
class DialogueEvaluationTest {

  private static final String SAYS = """
      - id: losses-%1$s
        says: ["我叫邓春华 电话13807120206 身份证%2$s 住石洞街新河社区2栋 前天夜里家里煤气罐起火 我男人烧伤了 要报案",
               他落了残疾 房子也烧坏了, 两万, 五万, 厨房煤气罐着火 我男人去关阀门被烧伤了, 没有, 是, 确认]
        claim: {peril: FIRE_EXPLOSION, incidentDate: 2, street: 石洞街, community: 新河社区, detail: 2栋, name: 邓春华,
                idNumber: "%2$s", phone: "13807120206", losses: %3$s, attachments: 0}
      """;

  @Test
  void lossesAreComparedAsASetWhateverOrderTheScriptNamesThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("losses.yaml");
    Files.writeString(file, SAYS.formatted("told-order", "420106198303031217", "{HOUSE_DAMAGE: 20000, DISABILITY: 50000}")
        + "\n" + SAYS.formatted("other-order", "420106198303031225", "{DISABILITY: 50000, HOUSE_DAMAGE: 20000}")
        + "\n" + SAYS.formatted("wrong-amount", "420106198303031233", "{DISABILITY: 50000, HOUSE_DAMAGE: 30000}"), StandardCharsets.UTF_8);
    var config = TestConfigs.with(Map.of());
    DialogueEvaluation.Report r = DialogueEvaluation.evaluate(config, file);
    assertThat(r.results()).hasSize(3);
    assertThat(r.results().get(0).problems()).isEmpty();
    assertThat(r.results().get(1).problems()).isEmpty();
    assertThat(r.results().get(2).problems()).anySatisfy(p -> assertThat(p).startsWith("losses:"));
  }
}
