package minsheng.kb;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoder alone, fp32 against int8 weights ({@link Int8Graph}), taking turns text by text on one thread so
 * both run under the same load: CPU time per text (mean, p50, p99) and the cosine of the two vectors. Not a test.
 * {@code taskset -c 0 java -cp target/test-classes:target/classes:$(cat target/cp.txt) minsheng.kb.Int8Probe [n] [variants]}
 */
public final class Int8Probe {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    byte[] model;
    byte[] tok;
    try (InputStream m = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream("/bge-small-zh-v1.5.onnx");
        InputStream t = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream("/bge-small-zh-v1.5-tokenizer.json")) {
      model = m.readAllBytes();
      tok = t.readAllBytes();
    }
    long t0 = System.nanoTime();
    byte[] cut = ClsOnlyGraph.cut(model).orElseThrow();
    long t1 = System.nanoTime();
    Int8Graph.Result q = Int8Graph.quantize(cut).orElseThrow();
    long t2 = System.nanoTime();
    System.out.printf("cut %d ms, quantize %d ms: %d products, %d biases; %d -> %d bytes%n", (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000, q.matrices(), q.biases(), cut.length, q.model().length);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OrtSession> sessions = new LinkedHashMap<>();
    List<String> wanted = args.length > 1 ? List.of(args[1].split(",")) : List.of("fp32", "int8");
    for (String w : wanted) {
      OrtSession.SessionOptions o = options();
      if (w.endsWith("-basic")) {
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
      } else if (w.endsWith("-ext")) {
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
      } else if (w.endsWith("-noarena")) {
        o.setCPUArenaAllocator(false);
        o.setMemoryPatternOptimization(false);
      }
      sessions.put(w, env.createSession(w.startsWith("int8") ? q.model() : cut, o));
    }
    List<String> texts = new ArrayList<>();
    for (String file : List.of("kb-index/eval/answers-dev.tsv", "kb-index/eval/heldout-questions.tsv")) {
      Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split("\t")[0])
          .forEach(texts::add);
    }
    List<String> openings = List.of("", "请问", "你好,", "我想问一下", "麻烦问下", "同志,");
    HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tok),
        Map.of("padding", "false"));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int variants = sessions.size();
    long[][] cpu = new long[variants][n];
    double[] cos = new double[n];
    for (int i = 0; i < n + 500; i++) {
      String text = Embedder.clip(openings.get((i / texts.size()) % openings.size()) + texts.get(i % texts.size()));
      Encoding e = tokenizer.encode(text, true, false);
      float[][] v = new float[variants][];
      int k = 0;
      for (OrtSession s : (i % 2 == 0 ? sessions.values() : reversed(sessions.values()))) {
        long c0 = mx.getCurrentThreadCpuTime();
        float[] out = run(env, s, e);
        long c1 = mx.getCurrentThreadCpuTime();
        int idx = i % 2 == 0 ? k : variants - 1 - k;
        v[idx] = out;
        if (i >= 500) {
          cpu[idx][i - 500] = c1 - c0;
        }
        k++;
      }
      if (i >= 500) {
        cos[i - 500] = cosine(v[0], v[variants - 1]);
      }
    }
    int k = 0;
    for (String name : sessions.keySet()) {
      long[] c = cpu[k++].clone();
      Arrays.sort(c);
      System.out.printf("%s: CPU mean %.3f ms, p50 %.3f, p90 %.3f, p99 %.3f%n", name,
          Arrays.stream(c).average().orElse(0) / 1e6, c[n / 2] / 1e6, c[n * 9 / 10] / 1e6, c[n * 99 / 100] / 1e6);
    }
    double[] sorted = cos.clone();
    Arrays.sort(sorted);
    System.out.printf("cosine first vs last variant: mean %.5f, min %.5f, p1 %.5f, p10 %.5f, p50 %.5f%n",
        Arrays.stream(cos).average().orElse(0), sorted[0], sorted[n / 100], sorted[n / 10], sorted[n / 2]);
  }

  private static <T> List<T> reversed(java.util.Collection<T> c) {
    List<T> l = new ArrayList<>(c);
    java.util.Collections.reverse(l);
    return l;
  }

  static OrtSession.SessionOptions options() throws ai.onnxruntime.OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    o.setInterOpNumThreads(1);
    o.addConfigEntry("session.intra_op.allow_spinning", "0");
    return o;
  }

  static float[] run(OrtEnvironment env, OrtSession s, Encoding e) throws ai.onnxruntime.OrtException {
    long[] shape = {1, e.getIds().length};
    try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getIds()), shape);
        OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape);
        OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape);
        OrtSession.Result r = s.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
      float[] cls = new float[Embedder.DIMENSIONS];
      ((OnnxTensor) r.get(0)).getFloatBuffer().get(cls);
      return cls;
    }
  }

  static double cosine(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }
}
