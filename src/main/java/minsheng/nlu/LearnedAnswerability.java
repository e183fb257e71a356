package minsheng.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A learned answerability signal (issue 12's experiment): the labelled questions nearest to a question by
 * sentence vector, and how many of them the knowledge base cannot answer. Where the hand-written checks
 * (place, kind, currency, about what) ask what a question's words say, this asks which labelled questions it is
 * worded like. The score is the share of unanswerable questions among the {@code k} nearest, each weighted by
 * {@code exp(SHARPNESS × cosine)} so that a near-copy counts for more than a loose neighbour; a question at or
 * above the threshold would be handed over, and the nearest examples say why.
 *
 * <p>Built deterministically: the examples are ordered by their text before anything else, so the same labelled
 * questions in any order give the same model, and ties between equally near neighbours go to the earlier text.
 * Judging one question is one pass of dot products over the examples (1,473 × 512 floats: about 0.33 ms of CPU).
 * Measured leave one batch of writers out, it is not wired into the answer policy: see the README, "Issue 12:
 * a learned answerability signal".
 */
public final class LearnedAnswerability {
  /** How much a nearer neighbour outweighs a farther one: weight {@code exp(SHARPNESS × cosine)}. */
  static final double SHARPNESS = 10;

  /** A labelled question: its text, whether the knowledge base answers it, and its sentence vector. */
  public record Example(String question, boolean answerable, float[] vector) {
  }

  /** One of the nearest labelled questions, with its cosine to the question judged. */
  public record Neighbour(String question, boolean answerable, double similarity) {
  }

  /** The score (share of unanswerable among the nearest, weighted), the decision, and the nearest examples. */
  public record Verdict(double score, boolean handOver, List<Neighbour> nearest) {
  }

  private final String[] questions;
  private final boolean[] answerable;
  /** The examples' unit vectors, one after another. */
  private final float[] vectors;
  private final int dimension;
  private final int k;
  private final double threshold;

  private LearnedAnswerability(List<Example> sorted, int k, double threshold) {
    this.k = k;
    this.threshold = threshold;
    this.dimension = sorted.isEmpty() ? 0 : sorted.get(0).vector().length;
    this.questions = new String[sorted.size()];
    this.answerable = new boolean[sorted.size()];
    this.vectors = new float[sorted.size() * dimension];
    for (int i = 0; i < sorted.size(); i++) {
      Example e = sorted.get(i);
      if (e.vector().length != dimension) {
        throw new IllegalArgumentException("example '" + e.question() + "' has a vector of " + e.vector().length
            + " dimensions, not " + dimension);
      }
      questions[i] = e.question();
      answerable[i] = e.answerable();
      float[] unit = unit(e.vector());
      System.arraycopy(unit, 0, vectors, i * dimension, dimension);
    }
  }

  /**
   * A model over {@code examples}: a question is handed over when the weighted share of unanswerable questions
   * among its {@code k} nearest reaches {@code threshold} (above 1: never).
   */
  public static LearnedAnswerability build(List<Example> examples, int k, double threshold) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1");
    }
    List<Example> sorted = new ArrayList<>(examples);
    sorted.sort(Comparator.comparing(Example::question).thenComparing(Example::answerable));
    return new LearnedAnswerability(sorted, k, threshold);
  }

  public int size() {
    return questions.length;
  }

  public double threshold() {
    return threshold;
  }

  /** The same examples and neighbours, another threshold (the study chooses it on the training batches). */
  public LearnedAnswerability withThreshold(double t) {
    return new LearnedAnswerability(this, k, t);
  }

  private LearnedAnswerability(LearnedAnswerability from, int k, double threshold) {
    this.questions = from.questions;
    this.answerable = from.answerable;
    this.vectors = from.vectors;
    this.dimension = from.dimension;
    this.k = k;
    this.threshold = threshold;
  }

  /** The question's nearest labelled questions and whether they say "hand over". */
  public Verdict judge(float[] vector) {
    if (questions.length == 0) {
      return new Verdict(0, false, List.of());
    }
    if (vector.length != dimension) {
      throw new IllegalArgumentException("a vector of " + vector.length + " dimensions, not " + dimension);
    }
    float[] q = unit(vector);
    int n = Math.min(k, questions.length);
    // The k best so far, nearest first: k is small, so insertion beats a heap.
    int[] best = new int[n];
    double[] sims = new double[n];
    int filled = 0;
    for (int i = 0; i < questions.length; i++) {
      double s = dot(q, i * dimension);
      if (filled == n && s <= sims[n - 1]) {
        continue;
      }
      int at = filled < n ? filled++ : n - 1;
      while (at > 0 && sims[at - 1] < s) {
        sims[at] = sims[at - 1];
        best[at] = best[at - 1];
        at--;
      }
      sims[at] = s;
      best[at] = i;
    }
    double weight = 0;
    double unanswerable = 0;
    List<Neighbour> nearest = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      double w = Math.exp(SHARPNESS * sims[j]);
      weight += w;
      unanswerable += answerable[best[j]] ? 0 : w;
      nearest.add(new Neighbour(questions[best[j]], answerable[best[j]], sims[j]));
    }
    double score = unanswerable / weight;
    return new Verdict(score, score >= threshold, List.copyOf(nearest));
  }

  private double dot(float[] q, int offset) {
    // Four float lanes the JIT can vectorise; unit vectors keep the sum's rounding far below a neighbour's gap.
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int d = 0;
    for (; d + 3 < dimension; d += 4) {
      s0 += q[d] * vectors[offset + d];
      s1 += q[d + 1] * vectors[offset + d + 1];
      s2 += q[d + 2] * vectors[offset + d + 2];
      s3 += q[d + 3] * vectors[offset + d + 3];
    }
    for (; d < dimension; d++) {
      s0 += q[d] * vectors[offset + d];
    }
    return (double) s0 + s1 + s2 + s3;
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
    }
    return out;
  }
}
