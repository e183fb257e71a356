package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import minsheng.TestConfigs;
import minsheng.tools.AnswerEvaluation.ClassFigures;
import minsheng.tools.AnswerEvaluation.Outcome;
import minsheng.tools.AnswerEvaluation.Question;
import minsheng.config.Config;
import minsheng.dialogue.Reply;
import minsheng.kb.Article;
import minsheng.kb.ArticleFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer-level evaluation's machinery: the question files are sound (each key fact is in its article, no
 * question in both files), the scoring means what the README says, and a run over the dev file accounts for
 * every question. Thresholds on today's figures are deliberately not asserted here.
 */
class AnswerEvaluationTest {
  private static Config config;
  private static Map<String, Article> articles;
  private static List<Question> dev;
  private static List<Question> test;
  private static AnswerEvaluation.Report report;

  @BeforeAll
  static void evaluateDev() throws Exception {
    config = TestConfigs.with(Map.of());
    articles = ArticleFiles.readAll(config.knowledgeBaseDir).stream()
        .collect(Collectors.toMap(Article::id, Function.identity()));
    dev = AnswerEvaluation.read(AnswerEvaluation.file(config, "dev"));
    test = AnswerEvaluation.read(AnswerEvaluation.file(config, "test"));
    report = AnswerEvaluation.evaluate(config, AnswerEvaluation.file(config, "dev"));
    AnswerEvaluation.print(report, System.out, false);
  }

  @Test
  void bothFilesHoldEveryClassAndEnoughQuestions() {
    for (List<Question> file : List.of(dev, test)) {
      assertThat(file.stream().map(Question::kind).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(AnswerEvaluation.CLASSES);
    }
    assertThat(dev.size() + test.size()).isGreaterThanOrEqualTo(300);
    assertThat(count(dev, true) + count(test, true)).isGreaterThanOrEqualTo(160);
    assertThat(count(dev, false) + count(test, false)).isGreaterThanOrEqualTo(130);
    // The dev file grows each round (new questions show what the checks do not yet generalise to); the test
    // file stays large enough to judge the targets on.
    assertThat(test.size()).isGreaterThanOrEqualTo(150);
    assertThat(count(test, false)).isGreaterThanOrEqualTo(60);
  }

  @Test
  void noQuestionIsInBothFilesOrTwiceInOne() throws Exception {
    // A blind round is spent into dev after its blind runs, so its misses can be worked, and stays the test file
    // until the next round replaces it: its questions may be in both files, no other question may.
    Set<String> spent = new HashSet<>();
    for (String round : SPENT_ROUNDS) {
      AnswerEvaluation.read(config.knowledgeBaseDir.resolve(round)).forEach(q -> spent.add(q.text()));
    }
    Set<String> seen = new HashSet<>();
    for (Question q : dev) {
      assertThat(seen.add(q.text())).as("repeated in dev: %s", q.text()).isTrue();
    }
    Set<String> seenInTest = new HashSet<>();
    for (Question q : test) {
      assertThat(seenInTest.add(q.text())).as("repeated in test: %s", q.text()).isTrue();
      assertThat(!seen.contains(q.text()) || spent.contains(q.text()))
          .as("in dev too, though its round is not spent: %s", q.text()).isTrue();
    }
  }

  /** The blind rounds whose questions are dev data too. */
  private static final List<String> SPENT_ROUNDS = List.of("eval/answers-test-round8.tsv");

  @Test
  void everyKeyFactIsWordedAsAnArticleWordsIt() {
    // The first key fact is in the article the row names; an alternative may come from a neighbouring article
    // that states the same fact in other words ("不用自己交" / "政府出钱"), but never from nowhere.
    for (Question q : concat(dev, test)) {
      // A currency question names the dated figure it should be answered with, when the articles give one.
      boolean namesAFigure = q.answerable() || q.kind().equals("currency") && !q.keyFacts().isEmpty();
      if (namesAFigure) {
        assertThat(articles).as("article of %s", q.text()).containsKey(q.article());
        assertThat(articles.get(q.article()).body()).as("key fact of %s", q.text()).contains(q.keyFacts().get(0));
        for (String fact : q.keyFacts()) {
          assertThat(articles.values()).as("key fact %s of %s", fact, q.text())
              .anySatisfy(a -> assertThat(a.body()).contains(fact));
        }
      } else {
        assertThat(q.article()).isEmpty();
        assertThat(q.keyFacts()).isEmpty();
      }
    }
  }

  @Test
  void inScopeQuestionsCoverEveryArticle() {
    Set<String> covered = concat(dev, test).stream().filter(Question::answerable).map(Question::article)
        .collect(Collectors.toSet());
    Set<String> live = articles.values().stream().filter(a -> !a.retired()).map(Article::id)
        .collect(Collectors.toSet());
    assertThat(covered).containsAll(live);
  }

  @Test
  void theDevRunAccountsForEveryQuestion() {
    assertThat(report.questions()).isEqualTo(dev.size());
    int sum = 0;
    for (String kind : AnswerEvaluation.CLASSES) {
      ClassFigures c = report.perClass().get(kind);
      assertThat(c.questions()).isEqualTo((int) dev.stream().filter(q -> q.kind().equals(kind)).count());
      assertThat(c.right() + c.handedOff() + c.falseAnswers()).isEqualTo(c.questions());
      if (!kind.equals(AnswerEvaluation.IN_SCOPE)) {
        assertThat(c.handedOff()).as("only in-scope questions count a hand-over as a miss").isZero();
      }
      sum += c.questions();
    }
    assertThat(sum).isEqualTo(dev.size());
    assertThat(report.misses()).hasSize(dev.size()
        - report.perClass().values().stream().mapToInt(ClassFigures::right).sum());
    assertThat(report.scored()).allSatisfy(s -> assertThat(s.reply()).isNotBlank());
    assertThat(List.of(report.answerAccuracy(), report.unanswerableHandled(), report.falseAnswerRate()))
        .allSatisfy(r -> assertThat(r).isBetween(0.0, 1.0));
  }

  @Test
  void theDevRunGoesThroughTheWholePipeline() {
    // Answers cite their article and hand-overs are flagged: the replies came from the assistant, not a stub.
    assertThat(report.scored()).anySatisfy(s -> assertThat(s.sources()).isNotEmpty());
    assertThat(report.scored()).anySatisfy(s -> assertThat(s.handoff()).isTrue());
    assertThat(report.scored()).filteredOn(s -> !s.sources().isEmpty())
        .allSatisfy(s -> assertThat(articles).containsKey(s.sources().get(0)));
  }

  @Test
  void anInScopeReplyIsRightOnlyWithItsKeyFactAndNoHandOver() {
    Question q = new Question("梅苑每户每月交几多", "in_scope", "property-meiyuan-example", List.of("10元"), "");
    assertThat(AnswerEvaluation.score(q, reply("7年来每户每月只交10元", false, "property-meiyuan-example")))
        .isEqualTo(Outcome.RIGHT);
    assertThat(AnswerEvaluation.score(q, reply("社区顺应民意成立物业自管5人小组", false, "property-meiyuan-example")))
        .isEqualTo(Outcome.FALSE_ANSWER);
    assertThat(AnswerEvaluation.score(q, reply("已经转给工作人员", true, null))).isEqualTo(Outcome.HANDED_OFF);
  }

  @Test
  void anUnanswerableQuestionNeedsAHandOverOrTheReplyItsClassRequires() {
    Question phone = new Question("食堂电话", "missing_detail", "", List.of(), "phone");
    assertThat(AnswerEvaluation.score(phone, reply("徐家幸福食堂在武车一村18号", false, "elderly-canteen-where")))
        .isEqualTo(Outcome.FALSE_ANSWER);
    assertThat(AnswerEvaluation.score(phone, reply("这个电话我这里没有,已转给工作人员", true, null)))
        .isEqualTo(Outcome.RIGHT);

    Question place = new Question("汉阳区的低保", "other_place", "", List.of(), "place");
    assertThat(AnswerEvaluation.score(place, reply("我只了解武昌区的政策,汉阳区的请问当地社区。", false, null)))
        .isEqualTo(Outcome.RIGHT);
    assertThat(AnswerEvaluation.score(place, reply("我只了解武昌区的:按低保全额保障标准", false,
        "social-illness-relief-amount"))).as("Wuchang's rule given as the answer").isEqualTo(Outcome.FALSE_ANSWER);

    Question now = new Question("现在最多赔几多", "currency", "insurance-caps", List.of("10万元"), "amount");
    assertThat(AnswerEvaluation.score(now, reply("据2016年报道最高赔10万元,现在的标准请问社区网格员", false,
        "insurance-caps"))).isEqualTo(Outcome.RIGHT);
    assertThat(AnswerEvaluation.score(now, reply("每人死亡或伤残最高赔10万元", false, "insurance-caps")))
        .as("an undated figure presented as current").isEqualTo(Outcome.FALSE_ANSWER);
  }

  @Test
  void aMalformedFileIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "question\tclass\tarticle\tkey_fact\tnote\n低保几多钱\tin_scope\t\t\t\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AnswerEvaluation.read(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2").hasMessageContaining("key fact");
    Files.writeString(bad, "question\tclass\tarticle\tkey_fact\tnote\n低保几多钱\tmaybe\t\t\t\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AnswerEvaluation.read(bad)).hasMessageContaining("unknown class 'maybe'");
  }

  private static Reply reply(String text, boolean handoff, String source) {
    return new Reply("c", List.of(text), handoff ? null : "x", 0.9,
        source == null ? List.of() : List.of(new Reply.Source(source, "t")), handoff);
  }

  private static int count(List<Question> questions, boolean answerable) {
    return (int) questions.stream().filter(q -> q.answerable() == answerable).count();
  }

  private static List<Question> concat(List<Question> a, List<Question> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
