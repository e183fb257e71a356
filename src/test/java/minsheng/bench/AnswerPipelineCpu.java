package minsheng.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
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
 * It also says where the wall clock beyond the CPU time went (README, "Speed", sixth round): per question, whether a
 * collection ran and how long the thread waited on the run queue; over the measured questions, each of this
 * process's threads' CPU ticks and the core's busy ticks (Linux /proc; elsewhere those figures read 0).
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
      long[] collections = new long[measured];
      long[] compiling = new long[measured];
      long[] waiting = new long[measured];
      java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
      long jit0 = jit.getTotalCompilationTime();
      String loadStart = load();
      long gcCount0 = gcCount();
      long gcMillis0 = gcMillis();
      long allocated0 = allocated(threads);
      Map<String, Long> tasks0 = taskTicks();
      System.out.printf(Locale.ROOT, "measuring from %d ms of the JVM's uptime%n",
          ManagementFactory.getRuntimeMXBean().getUptime());
      long[] core0 = coreTicks();
      for (int i = 0; i < measured; i++) {
        String q = questions.get(warmUp + i);
        long g0 = gcCount();
        long q0 = runQueueWait();
        long j0 = jit.getTotalCompilationTime();
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
        collections[i] = gcCount() - g0;
        compiling[i] = jit.getTotalCompilationTime() - j0;
        waiting[i] = runQueueWait() - q0;
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
      System.out.printf(Locale.ROOT, "JIT compilation during the measured questions: %d ms%n",
          jit.getTotalCompilationTime() - jit0);
      attribute(wall, cpu, collections, compiling);
      tail(questions.subList(warmUp, warmUp + measured), cpu, understand, embed, decide);
      waits(wall, cpu, waiting);
      Map<String, Long> tasks1 = taskTicks();
      System.out.printf(Locale.ROOT, "measured until %d ms of the JVM's uptime%n",
          ManagementFactory.getRuntimeMXBean().getUptime());
      long[] core1 = coreTicks();
      System.out.printf(Locale.ROOT, "the process's CPUs over the measured questions: busy %d, idle %d ticks"
          + " (of 100 a second); its threads (ticks):%n", core1[0] - core0[0], core1[1] - core0[1]);
      tasks1.forEach((name, t) -> {
        long d = t - tasks0.getOrDefault(name, 0L);
        if (d > 0) {
          System.out.printf(Locale.ROOT, "  %-40s %d%n", name, d);
        }
      });
      core.close();
    }
  }

  /**
   * Where the wall clock's tail goes beyond the thread's CPU time: the questions during which the collector ran,
   * during which a compiler thread worked, or neither (another thread or process had the core).
   */
  private static void attribute(long[] wall, long[] cpu, long[] collections, long[] compiling) {
    long[] sorted = wall.clone();
    Arrays.sort(sorted);
    long p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
    long p90 = sorted[(int) Math.ceil(0.90 * sorted.length) - 1];
    int slow = 0;
    int slowGc = 0;
    int slowJit = 0;
    int slowGapGc = 0;
    int slowGapJit = 0;
    int slowGapNeither = 0;
    int withGc = 0;
    int gapped = 0;
    long[] noGc = new long[wall.length];
    int n = 0;
    for (int i = 0; i < wall.length; i++) {
      boolean gc = collections[i] > 0;
      // Coarse: the JVM adds a compilation's time when it ends, so a long one shows in the question it ends in.
      boolean jit = compiling[i] > 0;
      if (gc) {
        withGc++;
      } else {
        noGc[n++] = wall[i];
      }
      boolean gap = wall[i] - cpu[i] > 2_000_000;
      if (gap) {
        gapped++;
      }
      if (wall[i] >= p99) {
        slow++;
        slowGc += gc ? 1 : 0;
        slowJit += jit ? 1 : 0;
      }
      if (wall[i] >= p90 && gap) {
        slowGapGc += gc ? 1 : 0;
        slowGapJit += !gc && jit ? 1 : 0;
        slowGapNeither += !gc && !jit ? 1 : 0;
      }
    }
    System.out.printf(Locale.ROOT, "questions with a collection inside: %d; wall - CPU > 2 ms: %d%n", withGc, gapped);
    System.out.printf(Locale.ROOT, "at or past the wall p99 (%d): %d with a collection, %d with compilation%n",
        slow, slowGc, slowJit);
    System.out.printf(Locale.ROOT, "past the wall p90 with wall - CPU > 2 ms: %d with a collection,"
        + " %d compilation only, %d neither%n", slowGapGc, slowGapJit, slowGapNeither);
    print("wall, questions without GC", Arrays.copyOf(noGc, n));
  }

  /**
   * The wall clock minus the CPU time, split into time the answering thread was ready to run while another
   * thread had the core (the run queue) and time it was not ready (stopped for a collection or a safepoint).
   */
  private static void waits(long[] wall, long[] cpu, long[] waiting) {
    Integer[] order = new Integer[wall.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(wall[b], wall[a]));
    int tail = (int) Math.ceil(wall.length * 0.02);
    double gap = 0;
    double queued = 0;
    double allGap = 0;
    double allQueued = 0;
    for (int i = 0; i < wall.length; i++) {
      allGap += wall[i] - cpu[i];
      allQueued += waiting[i];
    }
    for (int i = 0; i < tail; i++) {
      gap += wall[order[i]] - cpu[order[i]];
      queued += waiting[order[i]];
    }
    System.out.printf(Locale.ROOT, "wall - CPU, all questions: %.0f ms, of which on the run queue %.0f ms;"
        + " slowest 2%% (%d): %.2f ms each, on the run queue %.2f ms each%n", allGap / 1e6, allQueued / 1e6, tail,
        gap / tail / 1e6, queued / tail / 1e6);
    print("run-queue wait per question", waiting);
  }

  /**
   * Which questions are in the CPU tail: their length and where their CPU went, against the median questions
   * (README, "Speed", seventh round); and the embedding's CPU by the question's length.
   */
  private static void tail(List<String> qs, long[] cpu, long[] understand, long[] embed, long[] decide) {
    Integer[] order = new Integer[cpu.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(cpu[a], cpu[b]));
    int n = order.length;
    int p99 = (int) Math.ceil(0.99 * n) - 1;
    describe("CPU p99 and beyond", qs, Arrays.copyOfRange(order, p99, n), cpu, understand, embed, decide);
    describe("CPU p45-p55", qs, Arrays.copyOfRange(order, (int) (0.45 * n), (int) (0.55 * n)), cpu, understand,
        embed, decide);
    java.util.TreeMap<Integer, long[]> byLength = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      long[] s = byLength.computeIfAbsent(qs.get(i).length() / 10 * 10, k -> new long[3]);
      s[0]++;
      s[1] += embed[i];
      s[2] += decide[i];
    }
    byLength.forEach((len, s) -> System.out.printf(Locale.ROOT,
        "  %3d-%3d chars: %5d questions, embedding %.2f ms, deciding %.2f ms (CPU means)%n", len, len + 9, s[0],
        s[1] / 1e6 / s[0], s[2] / 1e6 / s[0]));
    for (int k = n - 1; k >= Math.max(0, n - 12); k--) {
      int i = order[k];
      System.out.printf(Locale.ROOT, "  %.2f ms (understand %.2f, embed %.2f, decide %.2f): %s%n", cpu[i] / 1e6,
          understand[i] / 1e6, embed[i] / 1e6, decide[i] / 1e6, qs.get(i));
    }
  }

  private static void describe(String what, List<String> qs, Integer[] which, long[] cpu, long[] understand,
      long[] embed, long[] decide) {
    double chars = 0;
    double u = 0;
    double e = 0;
    double d = 0;
    double c = 0;
    for (int i : which) {
      chars += qs.get(i).length();
      u += understand[i];
      e += embed[i];
      d += decide[i];
      c += cpu[i];
    }
    int k = which.length;
    System.out.printf(Locale.ROOT, "%s (%d questions): %.1f chars, CPU %.2f ms = understanding %.2f + embedding %.2f"
        + " + deciding %.2f (means)%n", what, k, chars / k, c / k / 1e6, u / k / 1e6, e / k / 1e6, d / k / 1e6);
  }

  /** Nanoseconds this thread has been ready to run but waited for the core (Linux schedstat; else 0). */
  private static long runQueueWait() {
    try {
      return Long.parseLong(Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat")).split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Each thread of this process (by name and id) and its CPU ticks so far, from /proc (Linux only; else none). */
  private static Map<String, Long> taskTicks() {
    Map<String, Long> out = new java.util.TreeMap<>();
    try (Stream<java.nio.file.Path> tasks = Files.list(java.nio.file.Path.of("/proc/self/task"))) {
      for (java.nio.file.Path t : tasks.toList()) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.put(name + " " + t.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** Busy and idle ticks of the CPUs this process may run on (the first such CPU's line of /proc/stat). */
  private static long[] coreTicks() {
    try {
      String cpu = "cpu" + Files.readString(java.nio.file.Path.of("/proc/self/stat")).split(" ")[38];
      for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/stat"))) {
        if (line.startsWith(cpu + " ")) {
          String[] f = line.split(" +");
          long busy = 0;
          for (int i = 1; i <= 8; i++) {
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
          }
          return new long[] {busy, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        }
      }
    } catch (IOException | RuntimeException e) {
      return new long[2];
    }
    return new long[2];
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
