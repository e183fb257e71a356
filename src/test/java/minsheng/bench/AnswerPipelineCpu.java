package minsheng.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import minsheng.TestConfigs;
import minsheng.config.Config;
import minsheng.dialogue.AssistantCore;
import minsheng.dialogue.Decision;
import minsheng.kb.ArticleFiles;
import minsheng.nlu.Understanding;
import org.apache.lucene.store.FSDirectory;

/**
 * The answer pipeline of {@link AnswerPipelineBench} on the same distinct questions, timed by the CPU time of the
 * answering thread as well as by the wall clock. CPU time is what the question costs; the wall clock adds what
 * other processes on a shared core take, so on this machine the two differ by the neighbours' load.
 * {@code taskset -c 0 java -cp … minsheng.bench.AnswerPipelineCpu [warm-up] [measured]}: the first {@code warm-up}
 * questions are asked and not counted, then {@code measured} more, none twice.
 */
public final class AnswerPipelineCpu {
  private AnswerPipelineCpu() {
  }

  public static void main(String[] args) throws Exception {
    int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Config config = TestConfigs.with(Map.of());
    List<String> questions = questions();
    if (warmUp + measured > questions.size()) {
      throw new IllegalArgumentException("only " + questions.size() + " distinct questions");
    }
    try (FSDirectory dir = FSDirectory.open(Files.createTempDirectory("minsheng-bench-index"))) {
      AssistantCore core = AssistantCore.build(config, ArticleFiles.readAll(config.knowledgeBaseDir), dir);
      long computed = core.kb().embedder().computed();
      for (int i = 0; i < warmUp; i++) {
        answer(core, questions.get(i));
      }
      long[] cpu = new long[measured];
      long[] wall = new long[measured];
      long[] understand = new long[measured];
      long[] embed = new long[measured];
      long[] decide = new long[measured];
      String loadStart = load();
      long gcCount0 = gcCount();
      long gcMillis0 = gcMillis();
      long allocated0 = allocated(threads);
      for (int i = 0; i < measured; i++) {
        String q = questions.get(warmUp + i);
        long w0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        Understanding u = core.intents().understand(q);
        long c1 = threads.getCurrentThreadCpuTime();
        float[] v = core.kb().embedder().embed(q);
        long c2 = threads.getCurrentThreadCpuTime();
        Decision d = core.policy().decide(u, v);
        long c3 = threads.getCurrentThreadCpuTime();
        wall[i] = System.nanoTime() - w0;
        cpu[i] = c3 - c0;
        understand[i] = c1 - c0;
        embed[i] = c2 - c1;
        decide[i] = c3 - c2;
        if (d == null) {
          throw new IllegalStateException();
        }
      }
      System.out.printf(Locale.ROOT, "%d distinct questions after %d warm-up ones; load average %s -> %s%n",
          measured, warmUp, loadStart, load());
      // Two questions can differ only by spaces the embedder strips: the cache then serves the second.
      System.out.printf(Locale.ROOT, "questions run through the model: %d of %d%n",
          core.kb().embedder().computed() - computed, warmUp + measured);
      System.out.printf(Locale.ROOT, "allocated %.0f kB per question; %d collections, %d ms in all (%s)%n",
          (allocated(threads) - allocated0) / 1024.0 / measured, gcCount() - gcCount0, gcMillis() - gcMillis0,
          ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
      print("CPU time, whole question", cpu);
      print("  understanding (CPU)", understand);
      print("  embedding (CPU)", embed);
      print("  deciding (CPU)", decide);
      print("wall clock, whole question", wall);
      core.close();
    }
  }

  private static Object answer(AssistantCore core, String q) {
    Decision d = core.policy().decide(core.intents().understand(q), core.kb().embedder().embed(q));
    return d instanceof Decision.Answer a ? core.kb().paragraph(a.passage()) : d;
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionCount()).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionTime()).sum();
  }

  private static long allocated(ThreadMXBean threads) {
    return threads instanceof com.sun.management.ThreadMXBean t ? t.getCurrentThreadAllocatedBytes() : 0;
  }

  /** The benchmark's distinct questions, in its order. */
  public static List<String> questions() throws IOException {
    return AnswerPipelineBench.distinctQuestions();
  }

  public static String load() {
    return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  public static void print(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0) / 1e6;
    System.out.printf(Locale.ROOT, "%-28s mean %6.3f ms  p50 %6.3f  p90 %6.3f  p99 %6.3f  p99.9 %6.3f  max %6.3f%n",
        what, mean, at(s, 0.50), at(s, 0.90), at(s, 0.99), at(s, 0.999), s[s.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
