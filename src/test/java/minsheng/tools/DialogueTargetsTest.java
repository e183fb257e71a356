package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The claim conversations held out from tuning. Issue 13 asks that at least 95 % end in the right claim (or rightly
 * in none) and that no conversation gets the same prompt three times in a row. The whole pipeline answers each
 * message as it would a resident.
 *
 * <p>Two files: the round-1 test file ({@code dialogues-test-round1.yaml}; its first run, 0.875, exposed faults that
 * were fixed, so it is no longer blind — its conversations are also dev data now) keeps the floors, and the
 * round-2 blind file ({@code dialogues-test.yaml}, written 2026-12-07 without reading the dialogue code) is held to
 * the figures its one blind run reached (0.854 right, a longest run of 3): the target is NOT met on it yet,
 * and these floors only keep it from getting worse. Raise them when the dialogue improves, never by editing it.
 */
class DialogueTargetsTest {

  private static final String ROUND_ONE = "eval/dialogues-test-round1.yaml";

  @Test
  void theRoundOneTestConversationsEndInTheRightClaimWithoutAPromptThreeTimesInARow() throws Exception {
    var config = TestConfigs.with(Map.of());
    DialogueEvaluation.Report r =
        DialogueEvaluation.evaluate(config, config.knowledgeBaseDir.resolve(ROUND_ONE));
    DialogueEvaluation.print(r, System.out, false);
    assertThat(r.results()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(r.results().stream().filter(x -> x.script().messy()).count()).isGreaterThanOrEqualTo(13);
    assertThat(r.rightShare()).as("share ending in the right claim").isGreaterThanOrEqualTo(0.95);
    assertThat(r.longestRun()).as("the same prompt in a row").isLessThan(3);
  }

  @Test
  void theBlindTestConversationsDoNoWorseThanTheirFirstRun() throws Exception {
    var config = TestConfigs.with(Map.of());
    DialogueEvaluation.Report r = DialogueEvaluation.evaluate(config, DialogueEvaluation.file(config, "test"));
    DialogueEvaluation.print(r, System.out, false);
    assertThat(r.results()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(r.results().stream().filter(x -> x.script().messy()).count()).isGreaterThanOrEqualTo(22);
    assertThat(r.rightShare())
        .as("share ending in the right claim (blind run: 0.854, target 0.95)")
        .isGreaterThanOrEqualTo(0.85);
    assertThat(r.longestRun()).as("the same prompt in a row (blind run: 3, target < 3)").isLessThanOrEqualTo(3);
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
