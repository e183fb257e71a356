package minsheng.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import minsheng.config.Config;
import minsheng.dialogue.AssistantCore;
import minsheng.dialogue.AnswerPolicy;
import minsheng.dialogue.Decision;
import minsheng.kb.Article;
import minsheng.kb.ArticleFiles;
import minsheng.kb.Embedder;
import minsheng.kb.KnowledgeBase;
import minsheng.kb.SearchHit;
import minsheng.nlu.IntentExamples;
import minsheng.nlu.IntentModel;
import minsheng.nlu.ResidentAnalyzer;
import minsheng.nlu.Understanding;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * {@code java -jar minsheng.jar eval}: how well the assistant understands and finds, on data it never trained
 * on. Intent precision/recall/F1 and a confusion matrix on {@code intents/heldout}, 5-fold cross-validation on
 * the training examples, retrieval top-1/top-3 on {@code kb-index/eval/heldout-questions.tsv}, and the share of
 * held-out out-of-scope questions handed to a person. Needs no store: the index is built in memory. The
 * answer-level evaluation ({@link AnswerEvaluation}) scores the replies themselves.
 */
public final class Evaluation {
  static final String HELDOUT_QUESTIONS = "eval/heldout-questions.tsv";

  /** The figures the README reports and the tests hold the assistant to. */
  public record Report(double heldoutAccuracy, double crossValidationAccuracy, double retrievalTop1,
      double retrievalTop3, double outOfScopeHandedOff, double inScopeHandedOff, double clarified,
      Map<String, double[]> perIntent, Map<String, Map<String, Integer>> confusion, int heldoutSize, int questions,
      List<String> misses) {
  }

  /**
   * {@code eval [--misses]}: the figures below, then the answer-level evaluation on the test file.
   * {@code eval --answers dev|test|FILE [--misses]}: the answer-level evaluation alone, on that file.
   * {@code eval --heldout [--misses]}: the figures below alone, without the test file (for tuning on dev).
   * {@code eval --dialogues dev|test|FILE [--misses]}: the claim-conversation simulation alone
   * ({@link DialogueEvaluation}); {@code --misses} there prints every conversation, failures with transcripts.
   */
  public static int run(Config config, String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    boolean misses = false;
    String answers = null;
    String dialogues = null;
    boolean heldoutOnly = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--misses")) {
        misses = true;
      } else if (args[i].equals("--heldout")) {
        heldoutOnly = true;
      } else if (args[i].equals("--answers") && i + 1 < args.length) {
        answers = args[++i];
      } else if (args[i].equals("--dialogues") && i + 1 < args.length) {
        dialogues = args[++i];
      } else {
        System.err.println("usage: java -jar target/minsheng.jar eval [--answers dev|test|FILE | --dialogues "
            + "dev|test|FILE | --heldout] [--misses]");
        return 2;
      }
    }
    if (dialogues != null) {
      Path file = DialogueEvaluation.file(config, dialogues);
      if (!Files.isRegularFile(file)) {
        System.err.println("minsheng: no dialogue file " + file);
        return 2;
      }
      DialogueEvaluation.print(DialogueEvaluation.evaluate(config, file), out, misses);
      return 0;
    }
    if (answers == null) {
      Report r = evaluate(config);
      print(r, out);
      if (misses) {
        out.println();
        r.misses().forEach(m -> out.println("  miss: " + m));
      }
      out.println();
      if (heldoutOnly) {
        return 0;
      }
    }
    Path file = AnswerEvaluation.file(config, answers == null ? "test" : answers);
    if (!Files.isRegularFile(file)) {
      System.err.println("minsheng: no question file " + file);
      return 2;
    }
    AnswerEvaluation.print(AnswerEvaluation.evaluate(config, file), out, misses);
    if (answers == null) {
      out.println();
      DialogueEvaluation.print(DialogueEvaluation.evaluate(config, DialogueEvaluation.file(config, "test")), out, misses);
    }
    return 0;
  }

  public static Report evaluate(Config config) throws IOException {
    ResidentAnalyzer analyzer = AssistantCore.analyzer(config);
    List<Article> articles = ArticleFiles.readAll(config.knowledgeBaseDir);
    IntentExamples train = AssistantCore.trainingExamples(config, articles);
    IntentExamples heldout = IntentExamples.read(config.intentsDir.resolve("heldout"));
    IntentModel model = AssistantCore.trainIntents(config, analyzer, articles);

    // Intent accuracy on the held-out files.
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    int correct = 0;
    for (Map.Entry<String, String> p : heldout.pairs()) {
      String predicted = model.understand(p.getValue()).best().name();
      confusion.computeIfAbsent(p.getKey(), k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
      correct += predicted.equals(p.getKey()) ? 1 : 0;
    }
    Map<String, double[]> perIntent = perIntent(confusion);

    double cv = crossValidate(config, analyzer, train, 5);

    try (KnowledgeBase kb = KnowledgeBase.open(new ByteBuffersDirectory(), analyzer,
        AssistantCore.analysisFingerprint(config), articles, Embedder.withFile(config.embeddingCacheDir, config.kbInt8Encoder))) {
      AnswerPolicy policy = AssistantCore.policy(config, kb);

      // Retrieval: the article the pipeline (intent, then index) puts first, and in its first three.
      List<String[]> questions = readQuestions(config.knowledgeBaseDir.resolve(HELDOUT_QUESTIONS));
      int top1 = 0;
      int top3 = 0;
      int clarified = 0;
      List<String> misses = new ArrayList<>();
      for (Map.Entry<String, String> p : heldout.pairs()) {
        String predicted = model.understand(p.getValue()).best().name();
        if (!predicted.equals(p.getKey())) {
          misses.add("intent " + p.getKey() + " -> " + predicted + ": " + p.getValue());
        }
      }
      for (String[] q : questions) {
        Understanding u = model.understand(q[0]);
        Decision d = policy.decide(u);
        if (d instanceof Decision.Clarify) {
          clarified++;
        }
        List<SearchHit> hits = d instanceof Decision.Answer a ? a.hits()
            : d instanceof Decision.Clarify c && policy.answer(c.first(), u.topicProbabilities(), u.text(), u.words(),
                kb.embedder().embed(u.text())).decision() instanceof Decision.Answer a
            ? a.hits() : List.of();
        if (hits.isEmpty() || !hits.get(0).article().id().equals(q[1])) {
          misses.add("article " + q[1] + " -> " + (hits.isEmpty() ? d.getClass().getSimpleName() + " " + u.best()
              : hits.get(0).article().id()) + ": " + q[0]);
        }
        for (int i = 0; i < hits.size() && i < 3; i++) {
          if (hits.get(i).article().id().equals(q[1])) {
            top1 += i == 0 ? 1 : 0;
            top3++;
            break;
          }
        }
      }

      // Hand-over: out-of-scope held-out questions should all go to a person; in-scope ones should not.
      int oos = 0;
      int oosHanded = 0;
      int inScope = 0;
      int inScopeHanded = 0;
      for (Map.Entry<String, String> p : heldout.pairs()) {
        Understanding understood = model.understand(p.getValue());
        Decision d = policy.decide(understood);
        // A claim intent acted on starts the claim form or looks a claim up, as the assistant does: no hand-over.
        boolean handed = d instanceof Decision.Handoff && !policy.claimAction(understood);
        if (p.getKey().equals("out_of_scope")) {
          oos++;
          oosHanded += handed ? 1 : 0;
        } else if (policy.isTopic(p.getKey())) {
          inScope++;
          inScopeHanded += handed ? 1 : 0;
          if (handed && d instanceof Decision.Handoff h) {
            misses.add("handed over " + p.getKey() + " (" + h.reason()
                + (h.missing() == null ? "" : ": " + h.missing()) + "): " + p.getValue());
          }
        }
      }
      return new Report((double) correct / heldout.size(), cv, (double) top1 / questions.size(),
          (double) top3 / questions.size(), ratio(oosHanded, oos), ratio(inScopeHanded, inScope),
          (double) clarified / questions.size(), perIntent, confusion, heldout.size(), questions.size(), misses);
    }
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /** Stratified k-fold: every k-th example of each intent (after a seeded shuffle) is held out in turn. */
  static double crossValidate(Config config, ResidentAnalyzer analyzer, IntentExamples examples, int k) {
    Random random = new Random(20161116L);
    Map<String, List<String>> shuffled = new TreeMap<>();
    examples.byIntent().forEach((intent, lines) -> {
      List<String> copy = new ArrayList<>(lines);
      Collections.shuffle(copy, random);
      shuffled.put(intent, copy);
    });
    int correct = 0;
    int total = 0;
    for (int fold = 0; fold < k; fold++) {
      List<Map.Entry<String, String>> trainPairs = new ArrayList<>();
      List<Map.Entry<String, String>> testPairs = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : shuffled.entrySet()) {
        for (int i = 0; i < e.getValue().size(); i++) {
          (i % k == fold ? testPairs : trainPairs).add(Map.entry(e.getKey(), e.getValue().get(i)));
        }
      }
      IntentModel model = IntentModel.train(analyzer, IntentExamples.of(trainPairs),
          new IntentModel.Training(config.nluIterations, config.nluCutoff));
      for (Map.Entry<String, String> p : testPairs) {
        correct += model.understand(p.getValue()).best().name().equals(p.getKey()) ? 1 : 0;
        total++;
      }
    }
    return (double) correct / total;
  }

  private static Map<String, double[]> perIntent(Map<String, Map<String, Integer>> confusion) {
    TreeSet<String> labels = new TreeSet<>(confusion.keySet());
    confusion.values().forEach(row -> labels.addAll(row.keySet()));
    Map<String, double[]> out = new TreeMap<>();
    for (String label : labels) {
      int tp = confusion.getOrDefault(label, Map.of()).getOrDefault(label, 0);
      int actual = confusion.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
      int predicted = confusion.values().stream().mapToInt(row -> row.getOrDefault(label, 0)).sum();
      double p = predicted == 0 ? 0 : (double) tp / predicted;
      double r = actual == 0 ? 0 : (double) tp / actual;
      out.put(label, new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), actual});
    }
    return out;
  }

  static List<String[]> readQuestions(Path tsv) throws IOException {
    List<String[]> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t");
      if (cols.length == 2 && !cols[0].isBlank()) {
        out.add(new String[] {cols[0].strip(), cols[1].strip()});
      }
    }
    return out;
  }

  static void print(Report r, PrintStream out) {
    out.println("Intent classification on intents/heldout (" + r.heldoutSize() + " sentences never trained on)");
    out.printf("  %-22s %9s %9s %9s %7s%n", "intent", "precision", "recall", "F1", "n");
    r.perIntent().forEach((intent, m) ->
        out.printf("  %-22s %9.3f %9.3f %9.3f %7d%n", intent, m[0], m[1], m[2], (int) m[3]));
    out.printf("  accuracy %.3f%n%n", r.heldoutAccuracy());
    out.println("Confusion matrix (row = true intent, column = predicted; only non-zero cells off the diagonal)");
    r.confusion().forEach((truth, row) -> {
      StringBuilder sb = new StringBuilder();
      row.forEach((pred, n) -> {
        if (!pred.equals(truth)) {
          sb.append(' ').append(pred).append('=').append(n);
        }
      });
      out.printf("  %-22s ok=%-3d%s%n", truth, row.getOrDefault(truth, 0), sb);
    });
    out.printf("%n5-fold cross-validation on intents/train and article titles: accuracy %.3f%n", r.crossValidationAccuracy());
    out.printf("Retrieval on %s (%d questions): top-1 %.3f, top-3 %.3f (pipeline asked to choose on %.3f)%n",
        HELDOUT_QUESTIONS, r.questions(), r.retrievalTop1(), r.retrievalTop3(), r.clarified());
    out.printf("Out-of-scope held-out questions handed to a person: %.3f%n", r.outOfScopeHandedOff());
    out.printf("In-scope held-out questions handed to a person: %.3f%n", r.inScopeHandedOff());
  }
}
