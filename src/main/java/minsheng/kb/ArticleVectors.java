package minsheng.kb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * Each article's passages, and the vectors of its passages and example questions, as the index holds them:
 * computed by the {@link Embedder} only for texts it has not seen, or read back from an index that is up to date.
 */
final class ArticleVectors {
  private final Embedder embedder;
  private final Map<String, List<Passage>> passages = new ConcurrentHashMap<>();
  private final Map<String, float[][]> passageVectors = new ConcurrentHashMap<>();
  private final Map<String, float[][]> questionVectors = new ConcurrentHashMap<>();

  ArticleVectors(Embedder embedder) {
    this.embedder = embedder;
  }

  Embedder embedder() {
    return embedder;
  }

  /** Splits an article into its passages (their vectors come with {@link #embed}). */
  void split(Article a) {
    passages.put(a.id(), Passages.of(a));
  }

  void remove(String articleId) {
    passages.remove(articleId);
    passageVectors.remove(articleId);
    questionVectors.remove(articleId);
  }

  List<Passage> passages(String articleId) {
    return passages.getOrDefault(articleId, List.of());
  }

  float[][] passageVectors(String articleId) {
    return passageVectors.get(articleId);
  }

  float[][] questionVectors(String articleId) {
    return questionVectors.get(articleId);
  }

  /**
   * The vectors of these articles' passages and example questions (computed only for texts never seen);
   * {@code previous} holds the articles as they were before, whose vectors are in the index already.
   */
  void embed(Collection<Article> batch, Map<String, Article> previous) {
    List<String> texts = new ArrayList<>();
    for (Article a : batch) {
      texts.addAll(a.questions());
      passages.get(a.id()).forEach(p -> texts.add(p.text()));
    }
    // Texts of an edited article's previous version: their vectors are in the index already.
    Map<String, float[]> known = new HashMap<>();
    for (Article a : batch) {
      Article before = previous.get(a.id());
      if (before != null && questionVectors.containsKey(a.id())) {
        remember(known, before.questions(), questionVectors.get(a.id()));
        remember(known, Passages.of(before).stream().map(Passage::text).toList(), passageVectors.get(a.id()));
      }
    }
    List<String> missing = texts.stream().filter(t -> !known.containsKey(t)).distinct().toList();
    Map<String, float[]> computed = new HashMap<>(known);
    List<float[]> fresh = embedder.embedAll(missing);
    for (int i = 0; i < missing.size(); i++) {
      computed.put(missing.get(i), fresh.get(i));
    }
    List<float[]> vectors = texts.stream().map(computed::get).toList();
    int next = 0;
    for (Article a : batch) {
      float[][] qv = new float[a.questions().size()][];
      for (int i = 0; i < qv.length; i++) {
        qv[i] = vectors.get(next++);
      }
      float[][] pv = new float[passages.get(a.id()).size()][];
      for (int i = 0; i < pv.length; i++) {
        pv[i] = vectors.get(next++);
      }
      questionVectors.put(a.id(), qv);
      passageVectors.put(a.id(), pv);
    }
  }

  /**
   * The vectors as the index holds them, for an index that was up to date: nothing is embedded at start-up.
   * Returns the articles some of whose vectors the index lacks.
   */
  List<Article> readFrom(IndexReader reader, Collection<Article> articles) throws IOException {
    articles.forEach(a -> {
      questionVectors.put(a.id(), new float[a.questions().size()][]);
      passageVectors.put(a.id(), new float[passages.get(a.id()).size()][]);
    });
    for (LeafReaderContext leaf : reader.leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
      if (values == null) {
        continue;
      }
      SortedDocValues ids = DocValues.getSorted(leaf.reader(), "id");
      NumericDocValues kinds = DocValues.getNumeric(leaf.reader(), "kind");
      NumericDocValues ordinals = DocValues.getNumeric(leaf.reader(), "ordinal");
      var live = leaf.reader().getLiveDocs();
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        if (live != null && !live.get(doc) || !ids.advanceExact(doc) || !kinds.advanceExact(doc)
            || !ordinals.advanceExact(doc)) {
          continue;
        }
        float[][] target = (kinds.longValue() == IndexDocuments.PASSAGE ? passageVectors : questionVectors)
            .get(ids.lookupOrd(ids.ordValue()).utf8ToString());
        int ordinal = (int) ordinals.longValue();
        if (target != null && ordinal < target.length) {
          target[ordinal] = values.vectorValue().clone();
        }
      }
    }
    return articles.stream().filter(a -> hasHoles(questionVectors.get(a.id()))
        || hasHoles(passageVectors.get(a.id()))).toList();
  }

  private static void remember(Map<String, float[]> known, List<String> texts, float[][] vectors) {
    for (int i = 0; i < texts.size() && i < vectors.length; i++) {
      if (vectors[i] != null) {
        known.put(texts.get(i), vectors[i]);
      }
    }
  }

  private static boolean hasHoles(float[][] vectors) {
    for (float[] v : vectors) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }
}
