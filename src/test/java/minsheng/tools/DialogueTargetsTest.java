package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The claim conversations held out from tuning. Issue 13 asks that at least 95 % end in the right claim (or rightly
 * in none) and that no conversation gets the same prompt three times in a row. The whole pipeline answers each
 * message as it would a resident.
 *
 * <p>The spent test files keep the issue's floors: round 1 ({@code dialogues-test-round1.yaml}; its first run, 0.875,
 * exposed faults that were fixed) and round 2 ({@code dialogues-test-round2.yaml}; its one blind run, 0.854 with a
 * run of 3, exposed the classes fixed after it). Neither is blind any more: their conversations are dev data too.
 * Round 3 ({@code dialogues-test-round3.yaml}; blind runs 0.661 before the round-2 fixes and 0.729 after) is dev data
 * too since those runs; its classes were fixed after them, and it keeps the issue's floors as the other spent files
 * do. The blind file is round 4's (one blind run: 0.825), dev data too since then (a copy as it was in
 * {@code dialogues-test-round4.yaml}, which keeps the issue's floors as the other spent files do since its classes
 * were fixed). The blind file is now round 5's ({@code dialogues-test-round5.yaml}; one blind run on 2026-12-07:
 * 0.829, where that morning's code ended 0.443), dev data too since that run; its classes were fixed after it and it
 * keeps the issue's floors as the other spent files do. The blind file is now round 6's ({@code
 * dialogues-test-round6.yaml}; one blind run on the evening of 2026-12-07: 0.943, where that morning's code ended
 * 0.900), dev data too since that run; after a short round on its misses it keeps the issue's floors as the other
 * spent files do. The blind file is now round 7's ({@code dialogues-test-round7.yaml}; one blind run on the evening
 * of 2026-12-07: 0.914, where that evening's main ended 0.886), dev data too since that run; after a short round on
 * its misses it keeps the issue's floors as the other spent files do. The blind file is now round 8's ({@code
 * dialogues-test-round8.yaml}; one blind run on the night of 2026-12-07: 0.786 on the merged code with the
 * evaluator's loss-order fix, 0.771 before it, where that night's main ended 0.757), dev data too since those
 * runs (spent at 23:40 UTC on 2026-12-07); after a round on its classes it keeps the issue's floors as the other
 * spent files do. The blind file is now round 9's ({@code dialogues-test-round9.yaml}; written apart from the code
 * on the night of 2026-12-07/08, run once on that night's main and once on the merged code: 0.857 both times),
 * dev data too since those runs (spent at 02:45 UTC on 2026-12-08); after a round on its classes it keeps the
 * issue's floors as the other spent files do. The blind file is now round 10's ({@code dialogues-test-round10.yaml};
 * written apart from the code on 2026-12-08, run once on that morning's main fe8468a, 0.943, and once on the merged
 * code da1bc87, 0.957), until a round-11 file replaces it. The batches written blind as dev data are in the dev file
 * only.
 * The blind file ({@code dialogues-test.yaml}) is held to the issue's target, 0.95, which round 10's blind run was
 * the first to reach (0.957, 67 of 70: one conversation more wrong fails this test); it is replaced by whoever writes
 * the next round, with the floor its blind run reaches.
 */
class DialogueTargetsTest {

  private static final String ROUND_ONE = "eval/dialogues-test-round1.yaml";
  private static final String ROUND_TWO = "eval/dialogues-test-round2.yaml";
  private static final String ROUND_THREE = "eval/dialogues-test-round3.yaml";
  private static final String ROUND_FOUR = "eval/dialogues-test-round4.yaml";
  private static final String ROUND_FIVE = "eval/dialogues-test-round5.yaml";
  private static final String ROUND_SIX = "eval/dialogues-test-round6.yaml";
  private static final String ROUND_SEVEN = "eval/dialogues-test-round7.yaml";
  private static final String ROUND_EIGHT = "eval/dialogues-test-round8.yaml";
  private static final String ROUND_NINE = "eval/dialogues-test-round9.yaml";
  /** Rounds whose conversations are dev data. */
  private static final List<String> SPENT = List.of(ROUND_ONE, ROUND_TWO, ROUND_THREE, ROUND_FOUR, ROUND_FIVE,
      ROUND_SIX, ROUND_SEVEN, ROUND_EIGHT, ROUND_NINE);

  /** Each spent round's file, with the conversations and messy ones it holds at least. */
  static Stream<Arguments> spentRounds() {
    return Stream.of(
        Arguments.of(ROUND_ONE, 30, 13),
        Arguments.of(ROUND_TWO, 41, 30),
        Arguments.of(ROUND_THREE, 59, 46),
        Arguments.of(ROUND_FOUR, 63, 49),
        Arguments.of(ROUND_FIVE, 70, 58),
        Arguments.of(ROUND_SIX, 70, 58),
        Arguments.of(ROUND_SEVEN, 70, 58),
        Arguments.of(ROUND_EIGHT, 70, 58),
        Arguments.of(ROUND_NINE, 70, 62));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spentRounds")
  void aSpentRoundsConversationsEndInTheRightClaimWithoutAPromptThreeTimesInARow(String file, int conversations,
      int messy) throws Exception {
    holdsTheIssuesFloors(file, conversations, messy);
  }

  /** A spent test file: at least 95 % right, no reply three times in a row (the issue's floors). */
  private static void holdsTheIssuesFloors(String file, int conversations, int messy) throws Exception {
    var config = TestConfigs.with(Map.of());
    DialogueEvaluation.Report r = DialogueEvaluation.evaluate(config, config.knowledgeBaseDir.resolve(file));
    DialogueEvaluation.print(r, System.out, false);
    assertThat(r.results()).hasSizeGreaterThanOrEqualTo(conversations);
    assertThat(r.results().stream().filter(x -> x.script().messy()).count()).isGreaterThanOrEqualTo(messy);
    assertThat(r.rightShare()).as(file + ": share ending in the right claim").isGreaterThanOrEqualTo(0.95);
    assertThat(r.longestRun()).as(file + ": the same prompt in a row").isLessThan(3);
  }

  @Test
  void theBlindTestConversationsDoNoWorseThanTheirFirstRun() throws Exception {
    var config = TestConfigs.with(Map.of());
    DialogueEvaluation.Report r = DialogueEvaluation.evaluate(config, DialogueEvaluation.file(config, "test"));
    DialogueEvaluation.print(r, System.out, false);
    assertThat(r.results()).hasSizeGreaterThanOrEqualTo(70);
    assertThat(r.results().stream().filter(x -> x.script().messy()).count()).isGreaterThanOrEqualTo(62);
    assertThat(r.rightShare())
        .as("share ending in the right claim (round-10 blind run: 0.957, target 0.95)")
        .isGreaterThanOrEqualTo(0.95);
    assertThat(r.longestRun()).as("the same prompt in a row (round-10 blind run: 1, target < 3)").isLessThan(3);
  }

  /**
   * Dev and the blind file together: at least 60 conversations, 25 of them messy, each named once; a blind
   * conversation may be in dev only if it comes from a spent round's file (a blind file not yet replaced).
   */
  @Test
  void bothFilesTogetherHoldSixtyConversationsTwentyFiveOfThemMessy() throws Exception {
    var config = TestConfigs.with(Map.of());
    List<DialogueEvaluation.Script> dev = DialogueEvaluation.read(DialogueEvaluation.file(config, "dev"));
    List<DialogueEvaluation.Script> test = DialogueEvaluation.read(DialogueEvaluation.file(config, "test"));
    Set<String> spent = new HashSet<>();
    for (String file : SPENT) {
      DialogueEvaluation.read(config.knowledgeBaseDir.resolve(file)).forEach(s -> spent.add(s.id()));
    }
    Set<String> devIds = ids(dev);
    assertThat(devIds).hasSize(dev.size());
    // Dev only grows: round 5 (59, written blind as dev data), the conversations written for the classes missed
    // (d6, d7), round 6 (59, written apart from the code as dev data, d8), the spent round-5 test file (70) and the
    // conversations written for its remaining classes (e6, 30), round 7 (60, written apart from the code as
    // dev data, d9), the conversations written for its classes (e6, 16), the spent round-6 test file (70) and the
    // conversations written for three of its misses (e7, 5), round 8 (60, written apart from the code as dev data,
    // f1), the conversations written for its classes and the round-6 blind file's last miss (e8, 30), the spent
    // round-7 test file (70) and those written for three classes its blind run found (e9, 6), the round-9 dev batch
    // (60, written apart from the code, f2) and those written probing and for its classes (g1, 21), and the spent
    // round-8 test file (70, after its two blind runs), those written for the classes it still missed (g3, 23), the
    // g2 dev batch (60, written apart from the code) and those written for its classes (g3, 5), and the spent
    // round-9 test file (70, after its two blind runs) and the g4 dev batch (60, written apart from the code).
    assertThat(dev).hasSizeGreaterThanOrEqualTo(1194);
    assertThat(dev.stream().filter(DialogueEvaluation.Script::messy).count()).isGreaterThanOrEqualTo(1024);
    assertThat(ids(test)).hasSize(test.size());
    assertThat(devIds).as("the spent rounds are dev data").containsAll(spent);
    List<DialogueEvaluation.Script> all = new ArrayList<>(dev);
    test.stream().filter(s -> !devIds.contains(s.id())).forEach(all::add);
    assertThat(test.stream().map(DialogueEvaluation.Script::id).filter(devIds::contains))
        .as("blind conversations also in dev").allMatch(spent::contains);
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(DialogueEvaluation.Script::messy).count()).isGreaterThanOrEqualTo(25);
  }

  private static Set<String> ids(List<DialogueEvaluation.Script> scripts) {
    return scripts.stream().map(DialogueEvaluation.Script::id).collect(Collectors.toSet());
  }
}
