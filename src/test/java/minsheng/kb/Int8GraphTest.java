package minsheng.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import minsheng.kb.OnnxProto.Field;
import minsheng.kb.OnnxProto.Node;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoder's weight matrices in int8: the edit is applied, its vectors stay close, and they are kept apart. */
class Int8GraphTest {
  /**
   * Measured on 2,000 dev and held-out questions: mean 0.996, lowest 0.993 (README, "Quality and speed", eighth
   * round). Odd texts (200 repeated letters, emoji, scripts the model barely knows) agree less: 0.977 at the lowest.
   */
  static final double LOWEST_COSINE_QUESTION = 0.985;
  static final double MEAN_COSINE_QUESTION = 0.994;
  static final double LOWEST_COSINE_ODD = 0.95;

  @TempDir
  Path dir;

  @Test
  void everyProductOfAConstantMatrixRunsInInt8() throws IOException {
    byte[] cut = ClsOnlyGraph.cut(resource("/bge-small-zh-v1.5.onnx")).orElseThrow();
    Map<String, Integer> before = ops(cut);
    Int8Graph.Result q = Int8Graph.quantize(cut).orElseThrow(() -> new AssertionError("the jar's model was not edited"));
    Map<String, Integer> after = ops(q.model());
    // Four layers of six weight matrices (query, key, value, output, two feed-forward), each with its bias.
    assertThat(q.matrices()).isEqualTo(24);
    assertThat(q.biases()).isEqualTo(24);
    assertThat(after.get("DynamicQuantizeMatMul")).isEqualTo(24);
    assertThat(constantProducts(q.model())).isZero();
    // What is left in fp32: attention's two products of activations per layer.
    assertThat(after.get("MatMul")).isEqualTo(before.get("MatMul") - 24).isEqualTo(8);
    assertThat(after.get("Add")).isEqualTo(before.get("Add") - 24);
    assertThat(q.model().length).isLessThan(cut.length * 2 / 3);
  }

  @Test
  void aGraphWithoutConstantProductsIsLeftAsItIs() {
    assertThat(Int8Graph.quantize(new byte[0])).isEmpty();
  }

  @Test
  void int8VectorsAgreeWithTheFp32OnesWithinABoundButAreNotThem() throws IOException {
    List<String> questions = new ArrayList<>();
    List<String> all = Files.readAllLines(Path.of("kb-index/eval/answers-dev.tsv"), StandardCharsets.UTF_8)
        .stream().skip(1).map(l -> l.split("\t")[0]).toList();
    for (int i = 0; i < all.size(); i += 16) {
      questions.add(all.get(i));
    }
    double sum = 0;
    for (String q : questions) {
      double cosine = agreement(q);
      assertThat(cosine).as("cosine of the two vectors of '%s'", q).isGreaterThanOrEqualTo(LOWEST_COSINE_QUESTION);
      sum += cosine;
    }
    assertThat(sum / questions.size()).isGreaterThanOrEqualTo(MEAN_COSINE_QUESTION);
    for (String odd : EmbedderTest.ODD) {
      assertThat(agreement(odd)).as("cosine of the two vectors of '%s'", odd).isGreaterThanOrEqualTo(LOWEST_COSINE_ODD);
    }
  }

  /** The cosine of a text's int8 and fp32 vectors, which must differ (else the edit was not applied). */
  private static double agreement(String text) {
    String t = Embedder.clip(text);
    float[] fp32 = Embedder.oneTextVector(t, false);
    float[] int8 = Embedder.oneTextVector(t, true);
    assertThat(int8).as("the int8 vector of '%s' is the fp32 one: the edit was not applied", t).isNotEqualTo(fp32);
    return Embedder.cosine(fp32, int8);
  }

  @Test
  void vectorsOfOneEncoderAreNeverReadBackForTheOther() throws Exception {
    List<Article> articles = ArticleFiles.readAll(Path.of("kb-index")).subList(0, 3);
    Embedder fp32 = Embedder.withFile(dir.resolve("cache"), false);
    assertThat(Embedder.withFile(dir.resolve("cache")).model()).isEqualTo(Embedder.INT8_MODEL);
    assertThat(fp32.model()).isEqualTo(Embedder.MODEL);
    try (KnowledgeBase kb = KnowledgeBase.open(FSDirectory.open(dir.resolve("index")), HybridRetrievalTest.analyzer,
        "v1", articles, fp32)) {
      assertThat(fp32.computed()).isPositive();
    }
    // The same index and vector directory with the int8 encoder: neither the index's vectors nor the file's are
    // the int8 encoder's, so every text is embedded again, and the vectors searched are the int8 ones.
    Embedder int8 = Embedder.withFile(dir.resolve("cache"), true);
    try (KnowledgeBase kb = KnowledgeBase.open(FSDirectory.open(dir.resolve("index")), HybridRetrievalTest.analyzer,
        "v1", articles, int8)) {
      assertThat(int8.computed()).isEqualTo(fp32.computed());
      Passage p = kb.passages(articles.get(0).id()).get(0);
      String q = p.text();
      ArticleMatch found = kb.hybrid(HybridRetrievalTest.analyzer.words(q), int8.embed(q), Fusion.DEFAULT, 1).get(0);
      assertThat((double) found.vector()).isGreaterThan(0.999);
    }
    // Back to fp32 on the index now written by int8: rebuilt again, from fp32's own file this time.
    Embedder again = Embedder.withFile(dir.resolve("cache"), false);
    try (KnowledgeBase kb = KnowledgeBase.open(FSDirectory.open(dir.resolve("index")), HybridRetrievalTest.analyzer,
        "v1", articles, again)) {
      assertThat(again.computed()).isZero();
      assertThat(Files.list(dir.resolve("cache")).map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly(Embedder.INT8_MODEL + ".vectors", Embedder.MODEL + ".vectors");
    }
  }

  /** How many nodes of each operator the model's graph holds. */
  private static Map<String, Integer> ops(byte[] model) {
    Map<String, Integer> out = new HashMap<>();
    for (Field f : graphFields(model)) {
      if (f.number() == 1) {
        out.merge(Node.of(model, f).op(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** MatMul nodes whose second input is one of the graph's constants (initializers). */
  private static int constantProducts(byte[] model) {
    Set<String> constants = new HashSet<>();
    for (Field f : graphFields(model)) {
      if (f.number() == 5) {
        Field.read(model, f.start(), f.end()).stream().filter(x -> x.number() == 8)
            .forEach(x -> constants.add(x.string(model)));
      }
    }
    int n = 0;
    for (Field f : graphFields(model)) {
      if (f.number() == 1) {
        Node node = Node.of(model, f);
        n += node.op().equals("MatMul") && constants.contains(node.inputs().get(1)) ? 1 : 0;
      }
    }
    return n;
  }

  private static List<Field> graphFields(byte[] model) {
    Field graph = OnnxProto.graph(Field.read(model, 0, model.length)).orElseThrow();
    return Field.read(model, graph.start(), graph.end());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
