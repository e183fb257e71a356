package minsheng.kb;

import dev.langchain4j.data.segment.TextSegment;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import minsheng.nlu.Simplified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentence embeddings from BGE small zh v1.5, run in-process by ONNX Runtime (the model ships inside its jar;
 * nothing is fetched). Vectors are unit length, so a dot product is their cosine. Residents' repeated texts are
 * served from a bounded cache; passages' vectors also from a {@link VectorFile} on disk, so an index rebuilt
 * from unchanged text embeds nothing. Embedding takes milliseconds of CPU: on the event loop, call
 * {@link #embedOffLoop}.
 */
public final class Embedder {
  private static final Logger log = LoggerFactory.getLogger(Embedder.class);
  public static final String MODEL = "bge-small-zh-v1.5";
  /**
   * The encoder's weight matrices in int8 unless configured otherwise ({@code kb.int8Encoder}): about 2.4 times
   * less CPU per question, vectors at cosine ~0.996 to the fp32 ones (README, "Quality and speed", eighth round).
   */
  public static final boolean INT8_BY_DEFAULT = true;
  public static final int DIMENSIONS = 512;
  /** A resident's question comes first; past this many characters a message is embedded by its beginning. */
  static final int MAX_CHARS = 200;
  private static final int CACHED_TEXTS = 20_000;
  private static final int BATCH = 32;
  private static final java.util.Set<Boolean> warmedUp = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static volatile boolean loading;

  /** One model per JVM and kind: it takes seconds and a hundred-odd megabytes to load, and is safe to share. */
  private static final class Shared {
    static final Loaded MODEL = Loading.load(false);
  }

  /** The same model with its weight matrices in int8 ({@link Int8Graph}), loaded only when asked for. */
  private static final class SharedInt8 {
    static final Loaded MODEL = Loading.load(true);
  }

  private static final class Loading {

    /**
     * The jar's model and tokenizer in a session of one thread that does not spin: a question is embedded on
     * the worker that handles it, and ONNX Runtime's default pool (one spinning thread per core) only took CPU
     * from the other requests (p99 on one core 18 → see README). Same vectors as the jar's own class.
     */
    private static Loaded load(boolean int8) {
      loading = true;
      try {
        return loadModel(int8);
      } finally {
        loading = false;
      }
    }

    private static Loaded loadModel(boolean int8) {
      long start = System.nanoTime();
      try (InputStream model = resource("/bge-small-zh-v1.5.onnx");
          InputStream tokenizer = resource("/bge-small-zh-v1.5-tokenizer.json");
          InputStream ownTokenizer = resource("/bge-small-zh-v1.5-tokenizer.json")) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        byte[] graph = lastLayerOnClsRow(model.readAllBytes());
        OrtSession session = env.createSession(int8 ? int8(graph) : graph, options);
        OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
        // Batches (an index being built) are spread over the cores.
        ExecutorService batches = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
          Thread t = new Thread(r, "embeddings-batch");
          t.setDaemon(true);
          return t;
        });
        EmbeddingModel m = new AbstractInProcessEmbeddingModel(batches) {
          @Override
          protected OnnxBertBiEncoder model() {
            return encoder;
          }
        };
        OneText one = new OneText(env, session,
            HuggingFaceTokenizer.newInstance(ownTokenizer, Map.of("padding", "false")));
        log.info("embeddings: {} loaded in {} ms", int8 ? INT8_MODEL : MODEL, (System.nanoTime() - start) / 1_000_000);
        return new Loaded(m, one);
      } catch (IOException | OrtException e) {
        throw new IllegalStateException("cannot load the embedding model " + Embedder.MODEL, e);
      }
    }

    /**
     * The model with its last layer, past attention, on the [CLS] row alone ({@link ClsOnlyGraph}): the same
     * vectors to the last bit for about 13 % less CPU per question (README, "Speed", seventh round).
     */
    private static byte[] lastLayerOnClsRow(byte[] model) {
      Optional<byte[]> cut = ClsOnlyGraph.cut(model);
      if (cut.isEmpty()) {
        log.warn("embeddings: the model's graph is not shaped as expected; every token runs through every layer");
      }
      return cut.orElse(model);
    }

    /** The model with its constant matrices' products in int8 ({@link Int8Graph}), or as it was, with a warning. */
    private static byte[] int8(byte[] model) {
      Optional<Int8Graph.Result> q = Int8Graph.quantize(model);
      if (q.isEmpty()) {
        log.warn("embeddings: the model's graph has no constant matrix products; it runs in fp32");
        return model;
      }
      log.info("embeddings: {} matrix products in int8 ({} with their bias)", q.get().matrices(), q.get().biases());
      return q.get().model();
    }

    private static InputStream resource(String name) {
      InputStream in = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream(name);
      if (in == null) {
        throw new IllegalStateException("the embedding model's jar lacks " + name);
      }
      return in;
    }
  }

  /** The model twice over one session: batches spread over the cores, and one text on the caller's thread. */
  private record Loaded(EmbeddingModel batches, OneText one) {
  }

  /**
   * One text through the model the short way: langchain4j's encoder tokenizes a text three times (to split it
   * into 510-token windows, to check the window's text, then to encode it) and copies out every token's vector;
   * a clipped text is one window, so one tokenization and the first ({@code [CLS]}) vector give the same numbers
   * (bit for bit: {@code EmbedderTest}) for about 0.28 ms less CPU per question (README, "Speed").
   */
  private record OneText(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, boolean typeIds) {
    OneText(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer) {
      this(env, session, tokenizer, session.getInputNames().contains("token_type_ids"));
    }

    /** The text's vector as langchain4j's encoder returns it (unit length in float arithmetic). */
    float[] embed(String text) {
      Encoding encoding = tokenizer.encode(text, true, false);
      long[] shape = {1, encoding.getIds().length};
      try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getIds()), shape);
          OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
          OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape);
          OrtSession.Result result = session.run(typeIds
              ? Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types)
              : Map.of("input_ids", ids, "attention_mask", mask))) {
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[] cls = new float[DIMENSIONS];
        hidden.get(cls);
        return unitAsLangchain(cls);
      } catch (OrtException e) {
        throw new IllegalStateException("the embedding model failed on a text of " + text.length() + " chars", e);
      }
    }

    /** langchain4j's normalisation, in its float arithmetic, so the vector is the same to the last bit. */
    private static float[] unitAsLangchain(float[] v) {
      float sumSquare = 0;
      for (float x : v) {
        sumSquare += x * x;
      }
      float norm = (float) Math.sqrt(sumSquare);
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i] / norm;
      }
      return out;
    }
  }

  /** The name vectors computed by the int8 encoder are kept and indexed under (never mixed with fp32 ones). */
  public static final String INT8_MODEL = MODEL + "-int8";

  private final boolean int8;
  private final AtomicLong computed = new AtomicLong();
  private final VectorCache recent = new VectorCache(CACHED_TEXTS, DIMENSIONS);
  private final Optional<VectorFile> file;

  private Embedder(Optional<VectorFile> file, boolean int8) {
    this.file = file;
    this.int8 = int8;
  }

  /** Vectors kept on disk under {@code cacheDir} (shared by every embedder of this JVM that names it), default encoder. */
  public static Embedder withFile(Path cacheDir) {
    return withFile(cacheDir, INT8_BY_DEFAULT);
  }

  /**
   * Vectors of the int8 or the fp32 encoder, kept on disk under {@code cacheDir} in a file of that encoder's own
   * ({@link #model}), so a vector of one is never read back for the other.
   */
  public static Embedder withFile(Path cacheDir, boolean int8) {
    String model = int8 ? INT8_MODEL : MODEL;
    return new Embedder(Optional.of(VectorFile.open(cacheDir.resolve(model + ".vectors"), DIMENSIONS)), int8);
  }

  /** Which encoder computes this embedder's vectors: part of the index's fingerprint and of the vector file's name. */
  public String model() {
    return int8 ? INT8_MODEL : MODEL;
  }

  private Loaded loaded() {
    return int8 ? SharedInt8.MODEL : Shared.MODEL;
  }

  /**
   * For tools and tests that build a knowledge base without a configuration: vectors kept under the directory
   * the system property {@code minsheng.embeddingCache} names, else under the temporary directory.
   */
  public static Embedder byDefault() {
    return withFile(Path.of(System.getProperty("minsheng.embeddingCache",
        Path.of(System.getProperty("java.io.tmpdir"), "minsheng-embeddings").toString())));
  }

  /** Loads this embedder's model in the background, so the first resident's question does not wait for it. */
  public void warmUp() {
    if (!warmedUp.add(int8)) {
      return;
    }
    Thread t = new Thread(() -> loaded().one().embed("你好"), "embeddings-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Waits at most {@code millis} for a load of the model in progress to end; true when none is in progress then.
   * Before {@code System.exit}: ONNX Runtime's own shutdown hook frees its environment even while a session is
   * being created, and the process then dies of SIGSEGV instead of exiting.
   */
  public static boolean awaitLoad(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (loading && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return !loading;
  }

  /** The vector of one text (blocking: milliseconds of CPU, seconds for the first call of the JVM). */
  public float[] embed(String text) {
    String t = clip(text);
    float[] known = recent.get(t);
    if (known != null) {
      return known;
    }
    // Two threads may compute the same new text at once: the same vector, kept twice over the same slot.
    float[] v = file.flatMap(f -> f.get(t)).orElseGet(() -> compute(List.of(t), false).get(0));
    recent.put(t, v);
    return v;
  }

  /** The vector of one text, computed on a worker thread when it is not cached; completes on the caller's context. */
  public Future<float[]> embedOffLoop(String text) {
    float[] known = recent.get(clip(text));
    if (known != null) {
      return Future.succeededFuture(known);
    }
    Context context = Vertx.currentContext();
    if (context == null) {
      return Future.succeededFuture(embed(text));
    }
    return context.executeBlocking(() -> embed(text), false);
  }

  /** The vectors of many texts (an index being built): those on disk are read, only the others computed and kept. */
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    List<Integer> missing = new ArrayList<>();
    for (String text : texts) {
      String t = clip(text);
      float[] v = file.flatMap(f -> f.get(t)).orElse(null);
      out.add(v);
      if (v == null) {
        missing.add(out.size() - 1);
      }
    }
    if (!missing.isEmpty()) {
      long start = System.nanoTime();
      for (int from = 0; from < missing.size(); from += BATCH) {
        List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
        List<String> batchTexts = batch.stream().map(i -> clip(texts.get(i))).toList();
        List<float[]> vectors = compute(batchTexts, true);
        for (int j = 0; j < batch.size(); j++) {
          out.set(batch.get(j), vectors.get(j));
        }
      }
      log.info("embeddings: {} new texts embedded in {} ms ({} from disk)", missing.size(),
          (System.nanoTime() - start) / 1_000_000, texts.size() - missing.size());
    }
    return out;
  }

  /** How many texts this embedder ran through the model (not served from a cache or the file). */
  public long computed() {
    return computed.get();
  }

  /** Runs the model; {@code keep}: the texts are the index's (residents' questions stay out of the file). */
  private List<float[]> compute(List<String> texts, boolean keep) {
    computed.addAndGet(texts.size());
    List<float[]> vectors = texts.size() == 1 ? List.of(unit(loaded().one().embed(texts.get(0))))
        : loaded().batches().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
            .map(e -> unit(e.vector())).toList();
    if (keep) {
      file.ifPresent(f -> f.putAll(texts, vectors));
    }
    return vectors;
  }

  /** For tests and probes: one text the short way, and by langchain4j's encoder on the same session. */
  static float[] oneTextVector(String text, boolean int8) {
    return unit((int8 ? SharedInt8.MODEL : Shared.MODEL).one().embed(text));
  }

  static float[] langchainVector(String text, boolean int8) {
    return unit((int8 ? SharedInt8.MODEL : Shared.MODEL).batches().embed(text).content().vector());
  }

  static String clip(String text) {
    String t = text.strip();
    if (t.codePoints().noneMatch(Character::isLetterOrDigit)) {
      // Only emoji, punctuation or invisible characters: nothing to read, and the model refuses blank text.
      return "?";
    }
    // Traditional characters simplified: the articles, and so the vectors compared with a question, are simplified.
    return Simplified.fold(t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS));
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  /** Cosine of two unit vectors. */
  public static float cosine(float[] a, float[] b) {
    float dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
