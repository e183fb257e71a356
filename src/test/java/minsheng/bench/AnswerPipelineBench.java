package minsheng.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import minsheng.AssistantCore;
import minsheng.TestConfigs;
import minsheng.config.Config;
import minsheng.dialogue.Decision;
import minsheng.kb.ArticleFiles;
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
 * The whole answer pipeline in-process, on one thread, on distinct questions: analyse, classify, embed the
 * question (BGE small zh), hybrid search, the answerability checks, decide, and compose the quoted passage. No
 * question is asked twice, so neither the embedding cache nor anything else serves a repeat: the questions are
 * the held-out and dev questions (never the test file's), each with a different greeting or ending, tens of
 * thousands in all. SampleTime reports the mean and the percentiles per question.
 * Run on one core: {@code taskset -c 0 mvn -q test-compile exec:exec -Pbench -Dbench=AnswerPipelineBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Threads(1)
public class AnswerPipelineBench {
  private static final List<String> OPENINGS = List.of("", "请问", "你好,", "我想问一下", "麻烦问下", "师傅,", "打扰一下,",
      "问一哈", "您好 ", "想咨询下", "我婆婆让我问", "同志,");
  private static final List<String> ENDINGS = List.of("", "?", "啊", "呢", "哦", "撒", "。", "谢谢");

  private AssistantCore core;
  private List<String> questions;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Config config = TestConfigs.with(Map.of());
    try {
      // The service's index lives on disk (memory-mapped), so the benchmark's does too.
      core = AssistantCore.build(config, ArticleFiles.readAll(config.knowledgeBaseDir),
          FSDirectory.open(Files.createTempDirectory("minsheng-bench-index")));
      questions = distinctQuestions();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> distinctQuestions() throws IOException {
    List<String> base = new ArrayList<>();
    for (String file : List.of("kb-index/eval/heldout-questions.tsv", "kb-index/eval/answers-dev.tsv")) {
      Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().skip(1)
          .map(l -> l.split("\t")[0]).forEach(base::add);
    }
    try (Stream<Path> files = Files.list(Path.of("intents/heldout"))) {
      for (Path f : files.sorted().toList()) {
        Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
            .forEach(base::add);
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (String ending : ENDINGS) {
      for (String opening : OPENINGS) {
        for (String q : base) {
          out.add(opening + q + ending);
        }
      }
    }
    return List.copyOf(out);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("\ndistinct questions available: " + questions.size() + ", asked: " + next);
    if (next > questions.size()) {
      throw new IllegalStateException("questions repeated: the benchmark needs more distinct questions");
    }
    core.close();
  }

  @Benchmark
  public String answer() {
    String question = questions.get(next++ % questions.size());
    Decision d = core.policy().decide(core.intents().understand(question), core.kb().embedder().embed(question));
    return d instanceof Decision.Answer a ? core.kb().paragraph(a.passage()) + a.hits().get(0).article().title()
        : d.toString();
  }
}
