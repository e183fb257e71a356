package minsheng.kb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;

/**
 * Hybrid retrieval: candidate articles from BM25 and from the nearest vectors (HNSW over passages and example
 * questions), each scored by BM25 and by its best vector similarity to the question, fused; each candidate's
 * passages are scored the same way.
 */
final class HybridSearch {
  private static final int VECTOR_CANDIDATES = 40;
  /**
   * How much of the lag of an article's closest passage (cosine) behind the candidates' closest comes off the score
   * articles are ordered by (not their fused score: see {@link ArticleMatch}). Chosen on the dev file: lagging by
   * fused passage score instead (BM25-heavy) demoted articles whose passage means the question but shares few of
   * its words; by cosine, 1.0 handed over fewer in-scope questions than 0.75 or 2.0 when the lag came off the fused
   * score, and again 1.0 against 0.7 and 1.5 (dev 3,396 in scope 0.953 / 0.954 / 0.949, its round-8 part 0.929 /
   * 0.922 / 0.922) once it only orders.
   */
  static final double PASSAGE_LAG_WEIGHT = 1.0;

  private final Map<String, Article> articles;
  private final ArticleVectors vectors;
  /** A passage's words as the analyzer reads them. */
  private final Function<Passage, Set<String>> words;

  HybridSearch(Map<String, Article> articles, ArticleVectors vectors, Function<Passage, Set<String>> words) {
    this.articles = articles;
    this.vectors = vectors;
    this.words = words;
  }

  /** Best fused first. */
  List<ArticleMatch> rank(IndexSearcher searcher, TermLookups lookups, List<String> words, float[] question,
      Fusion fusion, int limit) throws IOException {
    Map<String, float[]> bm25 = words.isEmpty() ? Map.of() : Bm25.byArticle(searcher, lookups, words);
    Map<String, Float> passageBm25 = words.isEmpty() ? Map.of() : Bm25.byPassage(searcher, lookups, words);
    Set<String> candidates = new LinkedHashSet<>(bm25.keySet());
    for (ScoreDoc sd : searcher.search(new KnnFloatVectorQuery("vector", question, VECTOR_CANDIDATES),
        VECTOR_CANDIDATES).scoreDocs) {
      Bm25.articleId(searcher, sd.doc).ifPresent(candidates::add);
    }
    List<ArticleMatch> out = new ArrayList<>();
    for (String id : candidates) {
      Article a = articles.get(id);
      if (a == null) {
        continue;
      }
      float[] b = bm25.getOrDefault(id, new float[2]);
      float articleBm25 = b[0] + b[1];
      float best = max(question, vectors.questionVectors(id));
      List<ArticleMatch.PassageMatch> scored = new ArrayList<>();
      float[][] pv = vectors.passageVectors(id);
      for (Passage p : vectors.passages(id)) {
        float sim = Embedder.cosine(question, pv[p.index()]);
        best = Math.max(best, sim);
        float pb = passageBm25.getOrDefault(p.key(), 0f);
        scored.add(new ArticleMatch.PassageMatch(p, pb, sim, fusion.fuse(pb, sim), this.words.apply(p)));
      }
      scored.sort(Comparator.comparingDouble(ArticleMatch.PassageMatch::fused).reversed());
      out.add(new ArticleMatch(a, articleBm25, best, fusion.fuse(articleBm25, best), scored));
    }
    // An article whose sentences mean what the question asks clearly less than another candidate's is found by its
    // topic's words (its title, keywords, example questions), not by a sentence that answers: it is ordered by how
    // far its closest passage lags the candidates' closest. Its fused score stays what retrieval found, so the
    // threshold, the intent's topic lift and the unsure-intent rule read the same scale for every article.
    double closest = out.stream().mapToDouble(HybridSearch::closestPassage).max().orElse(0);
    out.replaceAll(m -> m.passages().isEmpty() ? m
        : m.withLag((float) (PASSAGE_LAG_WEIGHT * (closest - closestPassage(m)))));
    out.sort(Comparator.comparingDouble(ArticleMatch::order).reversed());
    return out.subList(0, Math.min(limit, out.size()));
  }

  /** The highest cosine between the question and one of the article's passages. */
  private static double closestPassage(ArticleMatch m) {
    return m.passages().stream().mapToDouble(ArticleMatch.PassageMatch::vector).max().orElse(0);
  }

  private static float max(float[] q, float[][] vectors) {
    float best = 0;
    for (float[] v : vectors) {
      best = Math.max(best, Embedder.cosine(q, v));
    }
    return best;
  }
}
