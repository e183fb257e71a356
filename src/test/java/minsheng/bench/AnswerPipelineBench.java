package minsheng.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.AssistantCore;
import minsheng.TestConfigs;
import minsheng.config.Config;
import minsheng.dialogue.Decision;
import minsheng.kb.ArticleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The answer pipeline in-process, on one thread: analyse, classify, search, decide, and compose the reply text.
 * Run: {@code mvn -q test-compile exec:exec -Pbench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class AnswerPipelineBench {
  private static final List<String> QUESTIONS = List.of(
      "我家房子被淹了民生保险能赔多少", "低保咋申请", "老人吃饭的食堂在哪里", "免费培训班有交通补贴吗",
      "网格员是干什么的", "明天天气怎么样", "你好", "物业不管了怎么办", "慈善总会有哪些救助项目", "武昌人均收入多少");

  private AssistantCore core;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Config config = TestConfigs.with(Map.of());
    try {
      // The service's index lives on disk (memory-mapped), so the benchmark's does too.
      core = AssistantCore.build(config, ArticleFiles.readAll(config.knowledgeBaseDir),
          FSDirectory.open(Files.createTempDirectory("minsheng-bench-index")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    core.close();
  }

  @Benchmark
  public String answer() {
    String question = QUESTIONS.get(next++ % QUESTIONS.size());
    Decision d = core.policy().decide(core.intents().understand(question));
    return d instanceof Decision.Answer a ? a.hits().get(0).article().summary() + a.hits().get(0).article().title()
        : d.toString();
  }
}
