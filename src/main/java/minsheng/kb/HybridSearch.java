package minsheng.kb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private final Map<String, Article> articles;
  private final ArticleVectors vectors;

  HybridSearch(Map<String, Article> articles, ArticleVectors vectors) {
    this.articles = articles;
    this.vectors = vectors;
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
        scored.add(new ArticleMatch.PassageMatch(p, pb, sim, fusion.fuse(pb, sim)));
      }
      scored.sort(Comparator.comparingDouble(ArticleMatch.PassageMatch::fused).reversed());
      out.add(new ArticleMatch(a, articleBm25, best, fusion.fuse(articleBm25, best), scored));
    }
    out.sort(Comparator.comparingDouble(ArticleMatch::fused).reversed());
    return out.subList(0, Math.min(limit, out.size()));
  }

  private static float max(float[] q, float[][] vectors) {
    float best = 0;
    for (float[] v : vectors) {
      best = Math.max(best, Embedder.cosine(q, v));
    }
    return best;
  }
}
