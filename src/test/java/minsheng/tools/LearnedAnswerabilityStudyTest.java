package minsheng.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedAnswerabilityStudyTest {
  private static final String HEADER = String.join("\t", "file", "index", "question", "class", "outcome", "handoff",
      "decision", "check", "kind", "intent", "conf", "conf2", "fused", "bm25", "vector", "fused2", "pfused", "pvector",
      "pbm25", "article", "embedding");

  @TempDir
  Path dir;

  @Test
  void rowsAreSplitIntoTheBatchesTheirWritersWrote() throws Exception {
    Path round = dir.resolve("answers-test-round1.tsv");
    Files.writeString(round, "question\tclass\tarticle\tkey_fact\tnote\nr1\tother_place\t\t\tplace\n"
        + "r2\tother_place\t\t\tplace\n", StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(HEADER));
    String[][] rows = {{"answers-dev.tsv", "a"}, {"answers-dev.tsv", "b"}, {"answers-dev.tsv", "r1"},
        {"answers-dev.tsv", "r2"}, {"answers-dev.tsv", "c"}, {"answers-dev-round6.tsv", "d"}};
    for (String[] r : rows) {
      lines.add(row(r[0], r[1], "in_scope", "RIGHT", true, 1, 0));
    }
    Path features = dir.resolve("features.tsv");
    Files.write(features, lines, StandardCharsets.UTF_8);
    List<String> batches = LearnedAnswerabilityStudy.read(features, List.of(round)).stream()
        .map(LearnedAnswerabilityStudy.Row::batch).toList();
    assertEquals(List.of("dev-1", "dev-1", "round1-test", "round1-test", "dev-2", "dev-round6 (held out only)"),
        batches);
  }

  /**
   * Three dev batches and a held-out one, where the unanswerable questions the pipeline answers point one way and
   * the in-scope ones it answers right the other: held out, each batch's threshold comes from the other dev batches
   * alone, the answered unanswerable questions are handed over and no right answer is lost.
   */
  @Test
  void aSignalThatSeparatesTheAnsweredQuestionsTurnsFalseAnswersIntoHandOvers() throws Exception {
    Path round = dir.resolve("answers-test-round1.tsv");
    Files.writeString(round, "question\tclass\tarticle\tkey_fact\tnote\nt1\tin_scope\tx\ty\tamount\n"
        + "t2\tmissing_detail\t\t\tphone\nt3\tin_scope\tx\ty\tamount\nt4\tmissing_detail\t\t\tphone\n",
        StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (String batch : List.of("d", "t", "e", "h")) {
      String file = batch.equals("h") ? "answers-dev-round6.tsv" : "answers-dev.tsv";
      lines.add(row(file, batch + "1", "in_scope", "RIGHT", true, 1, 0.1f));
      lines.add(row(file, batch + "2", "missing_detail", "FALSE_ANSWER", true, 0.1f, 1));
      lines.add(row(file, batch + "3", "in_scope", "RIGHT", true, 0.9f, 0.2f));
      lines.add(row(file, batch + "4", "missing_detail", "FALSE_ANSWER", true, 0.2f, 0.9f));
    }
    Path features = dir.resolve("features.tsv");
    Files.write(features, lines, StandardCharsets.UTF_8);
    List<LearnedAnswerabilityStudy.Row> rows = LearnedAnswerabilityStudy.read(features, List.of(round));
    List<LearnedAnswerabilityStudy.Figures> figures = LearnedAnswerabilityStudy.leaveOneBatchOut(rows,
        LearnedAnswerabilityStudy::knn);
    assertEquals(4, figures.size());
    for (LearnedAnswerabilityStudy.Figures f : figures) {
      assertArrayEquals(new double[] {1, 0, 0.5}, f.without(), 1e-9, f.batch());
      assertArrayEquals(new double[] {1, 1, 0}, f.with(), 1e-9, f.batch() + " at " + f.threshold());
      assertEquals(2, f.flipped());
    }
  }

  private static String row(String file, String question, String kind, String outcome, boolean answered, float x,
      float y) {
    StringBuilder v = new StringBuilder(x + "," + y);
    return String.join("\t", file, "0", question, kind, outcome, "false", answered ? "Answer" : "Handoff", "kind",
        "AMOUNT", "topic", "0.9", "0.1", "0.6", "12", "0.7", "0.5", "0.6", "0.7", "3", "article", v);
  }
}
