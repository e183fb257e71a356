package minsheng.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import minsheng.nlu.LearnedAnswerability;

/**
 * Issue 12's experiment, measured leave one batch of writers out: does a signal learned from the labelled dev
 * questions hand over, on a batch written by someone it never saw, questions the checks answer but should not,
 * without handing over ones they answer right? Reads the rows {@link AnswerabilityFeatures} writes (the whole
 * pipeline's scored reply per question, its decision, scores and sentence vector). The hook it measures turns
 * an answer into a hand-over and nothing else, so each batch's figures with the signal follow from the rows:
 * an answered unanswerable question becomes handled, an answered in-scope one handed off.
 *
 * <p>Batches: the dev file's rows that a round's test file holds (answers-test-round1/2/4.tsv, appended after
 * their blind runs) are that round's batch; the rows between them, in file order, are the dev batches written
 * between rounds; rows of any other file are a batch only ever held out, never trained on. For each held-out
 * batch the model is built on the other dev batches, and its threshold chosen by leave-one-batch-out among those
 * training batches alone (utility: questions turned right, less {@link #COST_OF_A_RIGHT_ANSWER} per in-scope
 * answer lost). Two signals: the nearest labelled questions ({@link LearnedAnswerability}), and a logistic model
 * over the vector and the pipeline's numbers (intent confidences, fused/BM25/vector scores, the kind asked).
 *
 * <p>Usage: {@code LearnedAnswerabilityStudy FEATURES.tsv [ROUND_FILE...]}.
 */
public final class LearnedAnswerabilityStudy {
  static final String DEV_FILE = "answers-dev.tsv";
  static final double COST_OF_A_RIGHT_ANSWER = 3;
  /** The thresholds tried (1.01: never hand over); {@code -Dstudy.thresholds=0.5,0.9,...} tries others. */
  static final double[] THRESHOLDS = java.util.Arrays.stream(System.getProperty("study.thresholds",
      "0.5,0.6,0.7,0.8,0.85,0.9,0.93,0.95,0.97,0.99,1.01").split(",")).mapToDouble(Double::parseDouble).toArray();
  /** Neighbours for the nearest-question signal and L2 for the logistic one ({@code -Dstudy.k}, {@code -Dstudy.l2}). */
  static final int K = Integer.getInteger("study.k", 10);
  static final double L2 = Double.parseDouble(System.getProperty("study.l2", "10"));
  private static final String[] NUMBERS = {"conf", "conf2", "fused", "bm25", "vector", "fused2", "pfused",
      "pvector", "pbm25"};

  private LearnedAnswerabilityStudy() {
  }

  /** One question's row: its batch, label, what the pipeline did, and the numbers a model may learn from. */
  record Row(String batch, String question, boolean inScope, String outcome, boolean answered, float[] vector,
      double[] numbers) {
  }

  /** A held-out batch's figures without and with the signal. */
  record Figures(String batch, int questions, double threshold, int flipped, double[] without, double[] with) {
  }

  public static void main(String[] args) throws IOException {
    List<Path> rounds = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      rounds.add(Path.of(args[i]));
    }
    if (rounds.isEmpty()) {
      for (String r : List.of("1", "2", "4")) {
        rounds.add(Path.of("kb-index/eval/answers-test-round" + r + ".tsv"));
      }
    }
    List<Row> rows = read(Path.of(args[0]), rounds);
    PrintStream out = System.out;
    report(out, "nearest labelled questions (k=" + K + ")", leaveOneBatchOut(rows, LearnedAnswerabilityStudy::knn));
    report(out, "logistic over the vector and the pipeline's numbers (L2 " + L2 + ")",
        leaveOneBatchOut(rows, LearnedAnswerabilityStudy::logistic));
  }

  static List<Row> read(Path features, List<Path> rounds) throws IOException {
    Map<String, Set<String>> roundOf = new HashMap<>();
    for (Path r : rounds) {
      String name = r.getFileName().toString().replace("answers-test-", "").replace(".tsv", "") + "-test";
      for (AnswerEvaluation.Question q : AnswerEvaluation.read(r)) {
        roundOf.computeIfAbsent(q.text(), x -> new LinkedHashSet<>()).add(name);
      }
    }
    List<String> lines = Files.readAllLines(features, StandardCharsets.UTF_8);
    Map<String, Integer> col = new HashMap<>();
    String[] header = lines.get(0).split("\t");
    for (int i = 0; i < header.length; i++) {
      col.put(header[i], i);
    }
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      kinds.putIfAbsent(line.split("\t")[col.get("kind")], kinds.size());
    }
    List<Row> rows = new ArrayList<>();
    String previous = "";
    int between = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t", -1);
      String file = c[col.get("file")];
      String text = c[col.get("question")];
      String batch;
      if (!file.equals(DEV_FILE)) {
        batch = file.replace("answers-", "").replace(".tsv", "") + " (held out only)";
      } else if (roundOf.containsKey(text)) {
        Set<String> of = roundOf.get(text);
        batch = of.contains(previous) ? previous : of.iterator().next();
      } else {
        batch = previous.startsWith("dev-") ? previous : "dev-" + ++between;
      }
      previous = batch;
      String[] v = c[col.get("embedding")].split(",");
      float[] vector = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        vector[i] = Float.parseFloat(v[i]);
      }
      double[] numbers = new double[NUMBERS.length + kinds.size()];
      for (int i = 0; i < NUMBERS.length; i++) {
        numbers[i] = Double.parseDouble(c[col.get(NUMBERS[i])]);
      }
      numbers[NUMBERS.length + kinds.get(c[col.get("kind")])] = 1;
      boolean answered = c[col.get("decision")].equals("Answer") && !Boolean.parseBoolean(c[col.get("handoff")]);
      rows.add(new Row(batch, text, c[col.get("class")].equals(AnswerEvaluation.IN_SCOPE), c[col.get("outcome")],
          answered, vector, numbers));
    }
    return rows;
  }

  /** Scores for {@code test} from a model built on {@code train}: at or above a threshold, hand over. */
  static double[] knn(List<Row> train, List<Row> test) {
    LearnedAnswerability model = LearnedAnswerability.build(
        train.stream().map(r -> new LearnedAnswerability.Example(r.question(), r.inScope(), r.vector())).toList(),
        K, 1.01);
    return test.stream().mapToDouble(r -> model.judge(r.vector()).score()).toArray();
  }

  static double[] logistic(List<Row> train, List<Row> test) {
    return Logistic.fit(train.stream().map(LearnedAnswerabilityStudy::inputs).toList(),
        train.stream().mapToDouble(r -> r.inScope() ? 0 : 1).toArray(), L2)
        .predict(test.stream().map(LearnedAnswerabilityStudy::inputs).toList());
  }

  private static double[] inputs(Row r) {
    double[] x = new double[r.vector().length + r.numbers().length];
    double norm = 0;
    for (float f : r.vector()) {
      norm += f * f;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < r.vector().length; i++) {
      x[i] = r.vector()[i] / norm;
    }
    System.arraycopy(r.numbers(), 0, x, r.vector().length, r.numbers().length);
    return x;
  }

  static List<Figures> leaveOneBatchOut(List<Row> rows, BiFunction<List<Row>, List<Row>, double[]> signal) {
    List<String> batches = rows.stream().map(Row::batch).distinct().toList();
    List<String> dev = batches.stream().filter(b -> !b.endsWith("(held out only)")).toList();
    List<Figures> out = new ArrayList<>();
    for (String held : batches) {
      List<String> training = dev.stream().filter(b -> !b.equals(held)).toList();
      double t = threshold(rows, training, signal);
      List<Row> test = of(rows, List.of(held));
      double[] scores = signal.apply(of(rows, training), test);
      int flipped = 0;
      for (int i = 0; i < test.size(); i++) {
        flipped += test.get(i).answered() && scores[i] >= t ? 1 : 0;
      }
      out.add(new Figures(held, test.size(), t, flipped, figures(test, new double[test.size()], 2),
          figures(test, scores, t)));
    }
    return out;
  }

  /** The threshold the training batches choose, each held out in turn from the others. */
  static double threshold(List<Row> rows, List<String> training, BiFunction<List<Row>, List<Row>, double[]> signal) {
    double[] utility = new double[THRESHOLDS.length];
    for (String inner : training) {
      List<Row> test = of(rows, List.of(inner));
      double[] scores = signal.apply(of(rows, training.stream().filter(b -> !b.equals(inner)).toList()), test);
      for (int j = 0; j < THRESHOLDS.length; j++) {
        for (int i = 0; i < test.size(); i++) {
          Row r = test.get(i);
          if (r.answered() && scores[i] >= THRESHOLDS[j]) {
            utility[j] += !r.inScope() || r.outcome().equals("FALSE_ANSWER") ? 1 : -COST_OF_A_RIGHT_ANSWER;
          }
        }
      }
    }
    int best = 0;
    for (int j = 1; j < THRESHOLDS.length; j++) {
      best = utility[j] > utility[best] ? j : best;
    }
    return THRESHOLDS[best];
  }

  /** Answer accuracy, unanswerable handled, false answers over all, with answers at or above t handed over. */
  static double[] figures(List<Row> rows, double[] scores, double t) {
    int inScope = 0;
    int right = 0;
    int unanswerable = 0;
    int handled = 0;
    int wrong = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      String outcome = r.answered() && scores[i] >= t ? (r.inScope() ? "HANDED_OFF" : "RIGHT") : r.outcome();
      inScope += r.inScope() ? 1 : 0;
      right += r.inScope() && outcome.equals("RIGHT") ? 1 : 0;
      unanswerable += r.inScope() ? 0 : 1;
      handled += !r.inScope() && outcome.equals("RIGHT") ? 1 : 0;
      wrong += outcome.equals("FALSE_ANSWER") ? 1 : 0;
    }
    return new double[] {AnswerEvaluation.ratio(right, inScope), AnswerEvaluation.ratio(handled, unanswerable),
        AnswerEvaluation.ratio(wrong, rows.size())};
  }

  private static List<Row> of(List<Row> rows, List<String> batches) {
    return rows.stream().filter(r -> batches.contains(r.batch())).toList();
  }

  static void report(PrintStream out, String signal, List<Figures> figures) {
    out.println("Leave one batch out: " + signal);
    out.printf("  %-28s %4s %5s %4s   %-23s %-23s%n", "held-out batch", "n", "t", "flip",
        "without: acc unans false", "with: acc unans false");
    double[] sum = new double[6];
    int dev = 0;
    for (Figures f : figures) {
      out.printf("  %-28s %4d %5.2f %4d   %.3f %.3f %5.1f%%    %.3f %.3f %5.1f%%%n", f.batch(), f.questions(),
          f.threshold(), f.flipped(), f.without()[0], f.without()[1], 100 * f.without()[2], f.with()[0], f.with()[1],
          100 * f.with()[2]);
      if (!f.batch().endsWith("(held out only)")) {
        dev++;
        for (int i = 0; i < 3; i++) {
          sum[i] += f.without()[i];
          sum[3 + i] += f.with()[i];
        }
      }
    }
    out.printf("  %-28s %4s %5s %4s   %.3f %.3f %5.1f%%    %.3f %.3f %5.1f%%%n", "mean of the dev batches", "", "",
        "", sum[0] / dev, sum[1] / dev, 100 * sum[2] / dev, sum[3] / dev, sum[4] / dev, 100 * sum[5] / dev);
  }

  /** L2-regularised logistic regression on standardised inputs, fitted by Newton's method (deterministic). */
  record Logistic(double[] mean, double[] scale, double[] weights, double bias) {
    private static final int ITERATIONS = 25;

    static Logistic fit(List<double[]> xs, double[] y, double l2) {
      int n = xs.size();
      int d = xs.get(0).length;
      double[] mean = new double[d];
      double[] scale = new double[d];
      for (double[] x : xs) {
        for (int j = 0; j < d; j++) {
          mean[j] += x[j] / n;
        }
      }
      for (double[] x : xs) {
        for (int j = 0; j < d; j++) {
          scale[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / n;
        }
      }
      for (int j = 0; j < d; j++) {
        scale[j] = Math.sqrt(scale[j]) + 1e-6;
      }
      double[][] a = new double[n][d + 1];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] = (xs.get(i)[j] - mean[j]) / scale[j];
        }
        a[i][d] = 1;
      }
      double[] w = new double[d + 1];
      for (int it = 0; it < ITERATIONS; it++) {
        double[] g = new double[d + 1];
        double[][] h = new double[d + 1][d + 1];
        for (int i = 0; i < n; i++) {
          double p = sigmoid(dot(a[i], w));
          double pw = p * (1 - p);
          for (int j = 0; j <= d; j++) {
            g[j] += a[i][j] * (p - y[i]);
            double aj = a[i][j] * pw;
            double[] hj = h[j];
            for (int l = 0; l <= j; l++) {
              hj[l] += aj * a[i][l];
            }
          }
        }
        for (int j = 0; j <= d; j++) {
          for (int l = 0; l < j; l++) {
            h[l][j] = h[j][l];
          }
          // The bias is not shrunk; a tiny ridge keeps its row positive definite.
          h[j][j] += j < d ? l2 : 1e-9;
          g[j] += j < d ? l2 * w[j] : 0;
        }
        double[] step = solve(h, g);
        double size = 0;
        for (int j = 0; j <= d; j++) {
          w[j] -= step[j];
          size += step[j] * step[j];
        }
        if (size < 1e-12) {
          break;
        }
      }
      return new Logistic(mean, scale, java.util.Arrays.copyOf(w, d), w[d]);
    }

    double[] predict(List<double[]> xs) {
      double[] out = new double[xs.size()];
      for (int i = 0; i < xs.size(); i++) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
          z += weights[j] * (xs.get(i)[j] - mean[j]) / scale[j];
        }
        out[i] = sigmoid(z);
      }
      return out;
    }

    private static double sigmoid(double z) {
      return 1 / (1 + Math.exp(-z));
    }

    private static double dot(double[] a, double[] b) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * b[i];
      }
      return s;
    }

    /** Solves h x = g for a symmetric positive definite h (Cholesky). */
    static double[] solve(double[][] h, double[] g) {
      int n = g.length;
      double[][] l = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double s = h[i][j];
          for (int k = 0; k < j; k++) {
            s -= l[i][k] * l[j][k];
          }
          l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
        }
      }
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        double s = g[i];
        for (int k = 0; k < i; k++) {
          s -= l[i][k] * z[k];
        }
        z[i] = s / l[i][i];
      }
      double[] x = new double[n];
      for (int i = n - 1; i >= 0; i--) {
        double s = z[i];
        for (int k = i + 1; k < n; k++) {
          s -= l[k][i] * x[k];
        }
        x[i] = s / l[i][i];
      }
      return x;
    }
  }
}
