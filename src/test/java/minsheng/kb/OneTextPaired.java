package minsheng.kb;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import minsheng.TestConfigs;
import minsheng.bench.AnswerPipelineCpu;
import minsheng.config.Config;
import minsheng.dialogue.AssistantCore;
import minsheng.nlu.Understanding;
import org.apache.lucene.store.FSDirectory;

/**
 * The answer pipeline with the question embedded by langchain4j's encoder (as before the short way) and by
 * {@link Embedder}'s short way, on the same distinct questions in one process, the two taking turns question by
 * question (who goes first alternates): on a core shared with other people's builds, two separate runs differ
 * by more than the change, while taking turns puts both under the same load.
 * {@code taskset -c 0 java -cp … minsheng.kb.OneTextPaired [warm-up] [measured]}.
 */
public final class OneTextPaired {
  private OneTextPaired() {
  }

  public static void main(String[] args) throws Exception {
    int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 1_500;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Config config = TestConfigs.with(Map.of());
    List<String> questions = AnswerPipelineCpu.questions();
    long[][] cpu = new long[2][measured];
    long[][] wall = new long[2][measured];
    try (FSDirectory dir = FSDirectory.open(Files.createTempDirectory("minsheng-bench-index"))) {
      AssistantCore core = AssistantCore.build(config, ArticleFiles.readAll(config.knowledgeBaseDir), dir);
      String loadStart = AnswerPipelineCpu.load();
      for (int i = 0; i < warmUp + measured; i++) {
        String q = questions.get(i);
        for (int turn = 0; turn < 2; turn++) {
          int way = (i + turn) % 2;
          long w0 = System.nanoTime();
          long c0 = threads.getCurrentThreadCpuTime();
          Understanding u = core.intents().understand(q);
          String t = Embedder.clip(q);
          core.policy().decide(u, way == 0 ? Embedder.langchainVector(t, Embedder.INT8_BY_DEFAULT)
              : Embedder.oneTextVector(t, Embedder.INT8_BY_DEFAULT));
          if (i >= warmUp) {
            cpu[way][i - warmUp] = threads.getCurrentThreadCpuTime() - c0;
            wall[way][i - warmUp] = System.nanoTime() - w0;
          }
        }
      }
      System.out.printf(Locale.ROOT, "%d distinct questions, each both ways, after %d warm-up ones; load average %s"
          + " -> %s%n", measured, warmUp, loadStart, AnswerPipelineCpu.load());
      AnswerPipelineCpu.print("CPU, langchain4j's encoder", cpu[0]);
      AnswerPipelineCpu.print("CPU, the short way", cpu[1]);
      AnswerPipelineCpu.print("wall, langchain4j's encoder", wall[0]);
      AnswerPipelineCpu.print("wall, the short way", wall[1]);
      double[] saved = new double[measured];
      Arrays.setAll(saved, i -> (cpu[0][i] - cpu[1][i]) / 1e6);
      double mean = Arrays.stream(saved).average().orElse(0);
      double sd = Math.sqrt(Arrays.stream(saved).map(x -> (x - mean) * (x - mean)).sum() / (measured - 1));
      System.out.printf(Locale.ROOT, "CPU saved per question: %.3f ms ± %.3f (95%% interval)%n", mean,
          1.96 * sd / Math.sqrt(measured));
      core.close();
    }
  }
}
