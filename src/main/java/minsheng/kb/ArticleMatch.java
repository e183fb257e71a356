package minsheng.kb;

import java.util.List;

/**
 * An article found for a question by hybrid retrieval: its BM25 score (its own document and best example
 * question), its best vector similarity (over its passages and example questions), the two fused, and its
 * passages scored the same way, best first.
 */
public record ArticleMatch(Article article, float bm25, float vector, float fused, List<PassageMatch> passages) {

  /** A passage with its own BM25, vector similarity and fused score. */
  public record PassageMatch(Passage passage, float bm25, float vector, float fused) {
  }

  public ArticleMatch withFused(float f) {
    return new ArticleMatch(article, bm25, vector, f, passages);
  }

  public PassageMatch bestPassage() {
    return passages.get(0);
  }
}
