package minsheng.kb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.segment.TextSegment;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
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
  public static final int DIMENSIONS = 512;
  /** A resident's question comes first; past this many characters a message is embedded by its beginning. */
  static final int MAX_CHARS = 200;
  private static final int CACHED_TEXTS = 20_000;
  private static final int BATCH = 32;
  private static Thread warmUp;
  private static volatile boolean loading;

  /** One model per JVM: it takes seconds and a hundred-odd megabytes to load, and is safe to share. */
  private static final class Shared {
    static final EmbeddingModel MODEL = load();

    /**
     * The jar's model and tokenizer in a session of one thread that does not spin: a question is embedded on
     * the worker that handles it, and ONNX Runtime's default pool (one spinning thread per core) only took CPU
     * from the other requests (p99 on one core 18 → see README). Same vectors as the jar's own class.
     */
    private static EmbeddingModel load() {
      loading = true;
      try {
        return loadModel();
      } finally {
        loading = false;
      }
    }

    private static EmbeddingModel loadModel() {
      long start = System.nanoTime();
      try (InputStream model = resource("/bge-small-zh-v1.5.onnx");
          InputStream tokenizer = resource("/bge-small-zh-v1.5-tokenizer.json")) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, env.createSession(model.readAllBytes(), options),
            tokenizer, PoolingMode.CLS);
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
        log.info("embeddings: {} loaded in {} ms", Embedder.MODEL, (System.nanoTime() - start) / 1_000_000);
        return m;
      } catch (IOException | OrtException e) {
        throw new IllegalStateException("cannot load the embedding model " + Embedder.MODEL, e);
      }
    }

    private static InputStream resource(String name) {
      InputStream in = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream(name);
      if (in == null) {
        throw new IllegalStateException("the embedding model's jar lacks " + name);
      }
      return in;
    }
  }

  private final AtomicLong computed = new AtomicLong();
  private final Cache<String, float[]> recent = Caffeine.newBuilder().maximumSize(CACHED_TEXTS).build();
  private final Optional<VectorFile> file;

  private Embedder(Optional<VectorFile> file) {
    this.file = file;
  }

  /** Vectors kept on disk under {@code cacheDir} (shared by every embedder of this JVM that names it). */
  public static Embedder withFile(Path cacheDir) {
    return new Embedder(Optional.of(VectorFile.open(cacheDir.resolve(MODEL + ".vectors"), DIMENSIONS)));
  }

  /**
   * For tools and tests that build a knowledge base without a configuration: vectors kept under the directory
   * the system property {@code minsheng.embeddingCache} names, else under the temporary directory.
   */
  public static Embedder byDefault() {
    return withFile(Path.of(System.getProperty("minsheng.embeddingCache",
        Path.of(System.getProperty("java.io.tmpdir"), "minsheng-embeddings").toString())));
  }

  /** Loads the model in the background, so the first resident's question does not wait for it. */
  public static synchronized void warmUp() {
    if (warmUp != null) {
      return;
    }
    warmUp = new Thread(() -> Shared.MODEL.embed("你好"), "embeddings-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
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
    return recent.get(t, k -> file.flatMap(f -> f.get(k)).orElseGet(() -> compute(List.of(k), false).get(0)));
  }

  /** The vector of one text, computed on a worker thread when it is not cached; completes on the caller's context. */
  public Future<float[]> embedOffLoop(String text) {
    float[] known = recent.getIfPresent(clip(text));
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
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    List<float[]> vectors = Shared.MODEL.embedAll(segments).content().stream()
        .map(e -> unit(e.vector())).toList();
    if (keep) {
      file.ifPresent(f -> f.putAll(texts, vectors));
    }
    return vectors;
  }

  static String clip(String text) {
    String t = text.strip();
    if (t.codePoints().noneMatch(Character::isLetterOrDigit)) {
      // Only emoji, punctuation or invisible characters: nothing to read, and the model refuses blank text.
      return "?";
    }
    return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS);
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
