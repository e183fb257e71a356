package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The claim conversations of the test file (written apart from the dev file, never used to choose a rule or a
 * word): issue 13 asks that at least 95 % end in the right claim (or rightly in none) and that no conversation
 * gets the same prompt three times in a row. The whole pipeline answers each message as it would a resident.
 */
class DialogueTargetsTest {

  @Test
  void theTestConversationsEndInTheRightClaimWithoutAPromptThreeTimesInARow() throws Exception {
    var config = TestConfigs.with(Map.of());
    DialogueEvaluation.Report r = DialogueEvaluation.evaluate(config, DialogueEvaluation.file(config, "test"));
    DialogueEvaluation.print(r, System.out, false);
    assertThat(r.results()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(r.results().stream().filter(x -> x.script().messy()).count()).isGreaterThanOrEqualTo(13);
    assertThat(r.rightShare()).as("share ending in the right claim").isGreaterThanOrEqualTo(0.95);
    assertThat(r.longestRun()).as("the same prompt in a row").isLessThan(3);
  }

  @Test
  void bothFilesTogetherHoldSixtyConversationsTwentyFiveOfThemMessy() throws Exception {
    var config = TestConfigs.with(Map.of());
    var all = new java.util.ArrayList<DialogueEvaluation.Script>();
    all.addAll(DialogueEvaluation.read(DialogueEvaluation.file(config, "dev")));
    all.addAll(DialogueEvaluation.read(DialogueEvaluation.file(config, "test")));
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(DialogueEvaluation.Script::messy).count()).isGreaterThanOrEqualTo(25);
    assertThat(all.stream().map(DialogueEvaluation.Script::id).distinct().count()).isEqualTo(all.size());
  }
}
