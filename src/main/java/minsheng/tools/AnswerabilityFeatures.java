package minsheng.tools;

import io.vertx.core.Future;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import minsheng.channel.ChatApi;
import minsheng.config.Config;
import minsheng.dialogue.AnswerPolicy;
import minsheng.dialogue.AssistantCore;
import minsheng.dialogue.Decision;
import minsheng.dialogue.Message;
import minsheng.dialogue.Reply;
import minsheng.kb.ArticleMatch;
import minsheng.nlu.Understanding;

/**
 * Issue 12's study of a learned answerability signal: for every question of labelled answer files, what the
 * whole pipeline replies (scored as {@link AnswerEvaluation} scores it) beside what the answer policy decided
 * and the numbers it decided on (intent confidence, fused/BM25/vector scores, the kind asked, which check) and
 * the question's sentence vector. One row per question, so a signal can be trained and measured leave one
 * batch out without running the service again. Usage: {@code AnswerabilityFeatures OUT.tsv FILE...}.
 */
public final class AnswerabilityFeatures {
  private static final int CONCURRENT = 16;

  private AnswerabilityFeatures() {
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Config config = Config.load();
    List<String[]> rows = new ArrayList<>();
    AnswerEvaluation.onScratchStore(config, "minsheng-answer-features", app -> {
      AssistantCore core = app.core();
      for (int f = 1; f < args.length; f++) {
        Path file = Path.of(args[f]);
        List<AnswerEvaluation.Question> questions = AnswerEvaluation.read(file);
        for (int from = 0; from < questions.size(); from += CONCURRENT) {
          List<Future<Reply>> replies = new ArrayList<>();
          for (int i = from; i < Math.min(from + CONCURRENT, questions.size()); i++) {
            replies.add(app.assistant().respond(new Message(ChatApi.CHANNEL, "answer-features-" + f + "-" + i,
                questions.get(i).text())));
          }
          Future.all(replies).await(60, TimeUnit.SECONDS);
          for (int i = 0; i < replies.size(); i++) {
            AnswerEvaluation.Question q = questions.get(from + i);
            Reply reply = replies.get(i).result();
            rows.add(row(core, file, from + i, q, reply));
          }
        }
      }
    });
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(String.join("\t", "file", "index", "question", "class", "outcome", "handoff", "decision", "check",
          "kind", "intent", "conf", "conf2", "fused", "bm25", "vector", "fused2", "pfused", "pvector", "pbm25",
          "article", "embedding"));
      w.newLine();
      for (String[] r : rows) {
        w.write(String.join("\t", r));
        w.newLine();
      }
    }
  }

  private static String[] row(AssistantCore core, Path file, int index, AnswerEvaluation.Question q, Reply reply) {
    Understanding u = core.intents().understand(q.text());
    float[] v = core.kb().embedder().embed(q.text());
    AnswerPolicy.Explanation e = core.policy().explain(u, v);
    List<ArticleMatch> m = e.matches();
    ArticleMatch top = m.isEmpty() ? null : m.get(0);
    ArticleMatch.PassageMatch p = top == null || top.passages().isEmpty() ? null : top.passages().get(0);
    if (e.decision() instanceof Decision.Answer a && a.passage() != null && top != null) {
      p = top.passages().stream().filter(x -> x.passage().equals(a.passage())).findFirst().orElse(p);
    }
    StringBuilder vec = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      vec.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", v[i]));
    }
    return new String[] {file.getFileName().toString(), Integer.toString(index), q.text(), q.kind(),
        AnswerEvaluation.score(q, reply).name(), Boolean.toString(reply.handoff()),
        e.decision().getClass().getSimpleName(), e.check(), e.kind().name(), u.best().name(),
        num(u.best().confidence()), num(u.second().confidence()), num(top == null ? 0 : top.fused()),
        num(top == null ? 0 : top.bm25()), num(top == null ? 0 : top.vector()),
        num(m.size() > 1 ? m.get(1).fused() : 0), num(p == null ? 0 : p.fused()), num(p == null ? 0 : p.vector()),
        num(p == null ? 0 : p.bm25()), top == null ? "" : top.article().id(), vec.toString()};
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%.4f", d);
  }
}
