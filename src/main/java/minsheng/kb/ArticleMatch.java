package minsheng.kb;

import java.util.List;
import java.util.Set;

/**
 * An article found for a question by hybrid retrieval: its BM25 score (its own document and best example
 * question), its best vector similarity (over its passages and example questions), the two fused, and its
 * passages scored the same way, best first.
 */
public record ArticleMatch(Article article, float bm25, float vector, float fused, List<PassageMatch> passages) {

  /**
   * A passage with its own BM25, vector similarity and fused score, and its words as the analyzer reads them
   * (synonyms folded: a passage writing 出钱 holds 出资).
   */
  public record PassageMatch(Passage passage, float bm25, float vector, float fused, Set<String> words) {
    public PassageMatch(Passage passage, float bm25, float vector, float fused) {
      this(passage, bm25, vector, fused, Set.of());
    }
  }

  public ArticleMatch withFused(float f) {
    return new ArticleMatch(article, bm25, vector, f, passages);
  }

  public PassageMatch bestPassage() {
    return passages.get(0);
  }
}
