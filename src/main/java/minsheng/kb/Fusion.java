package minsheng.kb;

/**
 * How BM25 and vector similarity are combined into one score: {@code vectorWeight × cosine + bm25Weight ×
 * bm25 / (bm25 + bm25Half)}. BM25 is squashed into [0, 1) so that the fused score has one scale whatever the
 * question's length, and a threshold on it means the same for every question. Weights chosen on the dev set.
 */
public record Fusion(double vectorWeight, double bm25Weight, double bm25Half) {
  public static final Fusion DEFAULT = new Fusion(0.3, 0.7, 30.0);

  public float fuse(float bm25, float vector) {
    return (float) (vectorWeight * vector + bm25Weight * bm25 / (bm25 + bm25Half));
  }
}
