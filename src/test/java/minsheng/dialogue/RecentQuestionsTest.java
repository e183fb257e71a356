package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import minsheng.kb.Article;
import minsheng.kb.ArticleFiles;
import minsheng.kb.KnowledgeBase;
import minsheng.nlu.IntentExamples;
import minsheng.nlu.IntentModel;
import minsheng.nlu.LiveIntents;
import minsheng.nlu.ResidentAnalyzer;
import minsheng.nlu.Understanding;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same words are understood and decided once, and never past the model or the knowledge-base version they
 * were computed with: a retrained model or an edited article counts from the next message.
 */
class RecentQuestionsTest {
  static final String QUESTION = "低保是什么";
  ResidentAnalyzer analyzer;
  KnowledgeBase kb;
  AnswerPolicy policy;
  LiveIntents intents;
  AtomicInteger decided = new AtomicInteger();
  Function<Understanding, Decision> countingPolicy = u -> {
    decided.incrementAndGet();
    return policy.decide(u);
  };

  @BeforeEach
  void setUp() {
    analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));
    kb = KnowledgeBase.open(new ByteBuffersDirectory(), analyzer, "test", ArticleFiles.readAll(Path.of("kb-index")));
    policy = new AnswerPolicy(kb, 0.5, 0.3, minsheng.TestConfigs.with(java.util.Map.of()).kbMinFused, 0.5);
    intents = new LiveIntents(model());
  }

  @AfterEach
  void tearDown() throws Exception {
    kb.close();
  }

  IntentModel model() {
    return IntentModel.train(analyzer, IntentExamples.read(Path.of("intents/train")), new IntentModel.Training(30, 1));
  }

  @Test
  void theSameWordsAreUnderstoodAndDecidedOnce() {
    RecentQuestions recent = new RecentQuestions(intents, kb, 100);
    Understanding first = recent.understand(QUESTION);
    Decision d1 = recent.decide(QUESTION, first, countingPolicy);
    Understanding again = recent.understand(QUESTION);
    Decision d2 = recent.decide(QUESTION, again, countingPolicy);

    assertThat(again).isSameAs(first);
    assertThat(d2).isSameAs(d1);
    assertThat(decided).hasValue(1);
    assertThat(d1).isInstanceOf(Decision.Answer.class);
    // Decided once, the question need not be embedded again: the decision is known before any vector is.
    assertThat(recent.decided(QUESTION, again)).containsSame(d1);
    assertThat(recent.decided("没问过的问题", recent.understand("没问过的问题"))).isEmpty();
    // Different words are their own question.
    assertThat(recent.understand("低保咋申请")).isNotSameAs(first);
  }

  @Test
  void anEditedArticleCountsFromTheNextMessage() {
    RecentQuestions recent = new RecentQuestions(intents, kb, 100);
    Decision.Answer before = (Decision.Answer) recent.decide(QUESTION, recent.understand(QUESTION), countingPolicy);
    Article top = before.hits().get(0).article();
    Article edited = new Article(top.id(), top.title(), top.topic(), top.source(), top.passages(), top.questions(),
        top.keywords(), "改过的答案:" + top.body(), false);
    kb.put(edited);

    Decision.Answer after = (Decision.Answer) recent.decide(QUESTION, recent.understand(QUESTION), countingPolicy);

    assertThat(decided).hasValue(2);
    assertThat(after.hits().get(0).article().body()).startsWith("改过的答案:");
  }

  @Test
  void aRetrainedModelCountsFromTheNextMessage() {
    RecentQuestions recent = new RecentQuestions(intents, kb, 100);
    Understanding before = recent.understand(QUESTION);
    intents.swap(model());

    assertThat(recent.understand(QUESTION)).isNotSameAs(before);
  }

  @Test
  void anUnderstandingFromElsewhereIsDecidedAfresh() {
    RecentQuestions recent = new RecentQuestions(intents, kb, 100);
    recent.decide(QUESTION, recent.understand(QUESTION), countingPolicy);
    recent.decide(QUESTION, intents.understand(QUESTION), countingPolicy);

    assertThat(decided).hasValue(2);
  }

  @Test
  void itIsBoundedAndKeepsWhatIsAskedAgain() {
    RecentQuestions recent = new RecentQuestions(intents, kb, 3); // six entries at most
    Understanding kept = recent.understand(QUESTION);
    Understanding once = recent.understand("你好");
    for (int i = 0; i < 40; i++) {
      recent.understand("第" + i + "个问题");
      assertThat(recent.understand(QUESTION)).isSameAs(kept); // asked again and again: kept
    }
    assertThat(recent.understand("你好")).as("asked once, 40 questions ago").isNotSameAs(once);
  }

  @Test
  void aLongMessageIsNotKept() {
    RecentQuestions recent = new RecentQuestions(intents, kb, 100);
    String story = "我家".repeat(RecentQuestions.MAX_TEXT_CHARS);
    assertThat(recent.understand(story)).isNotSameAs(recent.understand(story));
  }
}
