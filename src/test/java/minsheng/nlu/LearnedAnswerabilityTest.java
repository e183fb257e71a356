package minsheng.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import minsheng.kb.Embedder;
import minsheng.nlu.LearnedAnswerability.Example;
import minsheng.nlu.LearnedAnswerability.Verdict;
import org.junit.jupiter.api.Test;

class LearnedAnswerabilityTest {

  /** Labelled questions from the dev file's classes: what the knowledge base answers and what it does not. */
  private static final List<String> IN_SCOPE = List.of("民生保险最多赔几多钱", "低保每个月给好多钱",
      "老年食堂给哪些老人吃的", "民生保险是政府出钱买的吗", "见义勇为受了伤民生保险管不管");
  private static final List<String> UNANSWERABLE = List.of("社区老年食堂的电话是好多", "汉阳区的低保么样申请",
      "医保报销比例是几多", "低保办公室几点上班", "今年民生保险保费涨了冇");

  @Test
  void aQuestionWordedLikeAnUnanswerableOneIsHandedOverAndOneLikeAnAnsweredOneIsNot() throws Exception {
    Embedder embedder = Embedder.withFile(Files.createTempDirectory("learned-answerability"));
    List<Example> examples = new ArrayList<>();
    IN_SCOPE.forEach(q -> examples.add(new Example(q, true, embedder.embed(q))));
    UNANSWERABLE.forEach(q -> examples.add(new Example(q, false, embedder.embed(q))));
    // Weighted majority of the 3 nearest: the phone question's second neighbour is an in-scope question about the
    // same canteen (cosine 0.75), the near-copy of the unanswerable one (0.89) outweighs it.
    LearnedAnswerability model = LearnedAnswerability.build(examples, 3, 0.6);

    Verdict phone = model.judge(embedder.embed("老年食堂的联系电话是多少"));
    assertTrue(phone.handOver(), () -> "score " + phone.score() + " " + phone.nearest());
    assertEquals("社区老年食堂的电话是好多", phone.nearest().get(0).question(), "the nearest example says why");
    assertFalse(phone.nearest().get(0).answerable());

    Verdict cap = model.judge(embedder.embed("民生保险顶多能赔好多钱"));
    assertFalse(cap.handOver(), () -> "score " + cap.score() + " " + cap.nearest());
    assertEquals("民生保险最多赔几多钱", cap.nearest().get(0).question());
    assertTrue(cap.nearest().get(0).similarity() > cap.nearest().get(1).similarity(), "nearest first");
    assertTrue(cap.score() < phone.score());
  }

  @Test
  void theSameExamplesInAnyOrderBuildTheSameModel() {
    Random random = new Random(12);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      examples.add(new Example("q" + i, i % 3 != 0, randomVector(random, 16)));
    }
    List<Example> shuffled = new ArrayList<>(examples);
    Collections.shuffle(shuffled, new Random(7));
    LearnedAnswerability a = LearnedAnswerability.build(examples, 7, 0.5);
    LearnedAnswerability b = LearnedAnswerability.build(shuffled, 7, 0.5);
    for (int i = 0; i < 50; i++) {
      float[] q = randomVector(random, 16);
      assertEquals(a.judge(q), b.judge(q));
    }
  }

  @Test
  void theScoreIsTheNearestNeighboursShareOfUnanswerableWeightedByNearness() {
    List<Example> examples = List.of(new Example("answered", true, new float[] {1, 0}),
        new Example("not answered", false, new float[] {0, 1}));
    LearnedAnswerability model = LearnedAnswerability.build(examples, 2, 0.5);
    Verdict between = model.judge(new float[] {1, 1});
    assertEquals(0.5, between.score(), 1e-9, "equally near: half and half");
    assertTrue(between.handOver(), "at the threshold: hand over");
    Verdict nearAnswered = model.judge(new float[] {3, 1});
    assertTrue(nearAnswered.score() < 0.05, () -> "a nearer neighbour weighs far more: " + nearAnswered.score());
    assertFalse(nearAnswered.handOver());
    assertFalse(model.withThreshold(1.01).judge(new float[] {0, 1}).handOver(), "above 1: never");
    assertEquals(1, LearnedAnswerability.build(examples, 1, 0.5).judge(new float[] {0, 2}).nearest().size());
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LearnedAnswerability.build(List.of(), 0, 0.5));
    List<Example> mixed = List.of(new Example("a", true, new float[2]), new Example("b", false, new float[3]));
    assertThrows(IllegalArgumentException.class, () -> LearnedAnswerability.build(mixed, 1, 0.5));
    LearnedAnswerability model = LearnedAnswerability.build(List.of(new Example("a", true, new float[] {1, 0})), 3,
        0.5);
    assertThrows(IllegalArgumentException.class, () -> model.judge(new float[3]));
    assertFalse(LearnedAnswerability.build(List.of(), 3, 0.5).judge(new float[] {1}).handOver(), "no examples");
  }

  private static float[] randomVector(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
