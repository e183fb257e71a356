package minsheng.kb;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The full graph against the [CLS]-only cut ({@link ClsOnlyGraph}) on the benchmark's questions, taking turns
 * question by question on one thread: are the vectors the same, and what does each cost in CPU time (README,
 * "Speed", seventh round). {@code taskset -c 0 java -cp … minsheng.kb.ClsOnlyProbe [texts]}.
 */
public final class ClsOnlyProbe {
  public static void main(String[] args) throws Exception {
    byte[] model = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream("/bge-small-zh-v1.5.onnx").readAllBytes();
    long t0 = System.nanoTime();
    byte[] cut = ClsOnlyGraph.cut(model).orElseThrow();
    System.out.printf("cut in %d ms, %d -> %d bytes%n", (System.nanoTime() - t0) / 1_000_000, model.length, cut.length);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession full = env.createSession(model, options());
    OrtSession slim = env.createSession(cut, options());
    HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(
        BgeSmallZhV15EmbeddingModel.class.getResourceAsStream("/bge-small-zh-v1.5-tokenizer.json"),
        Map.of("padding", "false"));
    List<String> qs = minsheng.bench.AnswerPipelineCpu.questions();
    int n = Integer.parseInt(args.length > 0 ? args[0] : "3000");
    ThreadMXBean th = ManagementFactory.getThreadMXBean();
    long[] a = new long[n];
    long[] b = new long[n];
    int same = 0;
    float maxDiff = 0;
    for (int i = 0; i < n; i++) {
      String q = qs.get(i * 37 % qs.size());
      Encoding e = tok.encode(q, true, false);
      long c0 = th.getCurrentThreadCpuTime();
      float[] x = run(env, full, e);
      long c1 = th.getCurrentThreadCpuTime();
      float[] y = run(env, slim, e);
      long c2 = th.getCurrentThreadCpuTime();
      a[i] = c1 - c0;
      b[i] = c2 - c1;
      if (Arrays.equals(x, y)) {
        same++;
      }
      for (int k = 0; k < x.length; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(x[k] - y[k]));
      }
    }
    System.out.printf(Locale.ROOT, "%d texts: %d bit-identical, max |diff| %.3g%n", n, same, maxDiff);
    minsheng.bench.AnswerPipelineCpu.print("full graph (CPU)", a);
    minsheng.bench.AnswerPipelineCpu.print("cls-only graph (CPU)", b);
  }

  static OrtSession.SessionOptions options() throws Exception {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    o.setInterOpNumThreads(1);
    o.addConfigEntry("session.intra_op.allow_spinning", "0");
    return o;
  }

  static float[] run(OrtEnvironment env, OrtSession s, Encoding e) throws Exception {
    return ClsOnlyGraphTest.run(env, s, e)[0];
  }
}
