package minsheng.kb;

import java.util.List;
import java.util.Set;

/**
 * An article found for a question by hybrid retrieval: its BM25 score (its own document and best example
 * question), its best vector similarity (over its passages and example questions), the two fused, and its
 * passages scored the same way, best first.
 *
 * <p>{@code lag} is how far its closest passage (cosine) means the question less than the closest passage of any
 * candidate: an article found by its topic's words rather than by a sentence that answers. It orders articles
 * ({@link #order}) and nothing else: the fused score is what thresholds and the intent's topic lift read, so an
 * article is not taken for a weak match (and handed over, or asked about) because a neighbour's sentence is closer.
 */
public record ArticleMatch(Article article, float bm25, float vector, float fused, List<PassageMatch> passages,
    float lag) {

  public ArticleMatch(Article article, float bm25, float vector, float fused, List<PassageMatch> passages) {
    this(article, bm25, vector, fused, passages, 0f);
  }

  /**
   * A passage with its own BM25, vector similarity and fused score, and its words as the analyzer reads them
   * (synonyms folded: a passage writing 出钱 holds 出资).
   */
  public record PassageMatch(Passage passage, float bm25, float vector, float fused, Set<String> words) {
    public PassageMatch(Passage passage, float bm25, float vector, float fused) {
      this(passage, bm25, vector, fused, Set.of());
    }
  }

  public ArticleMatch withLag(float l) {
    return new ArticleMatch(article, bm25, vector, fused, passages, l);
  }

  /** The score articles are ordered by: the fused score less the lag of its closest passage. */
  public double order() {
    return fused - lag;
  }

  public PassageMatch bestPassage() {
    return passages.get(0);
  }
}
