package minsheng.kb;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The BM25 side of the knowledge base: a question's words as a query over the index's fields, and the hits read
 * back per article (its own document's score and its best example question's) or per passage.
 */
final class Bm25 {
  private static final Map<String, Float> FIELD_BOOSTS = Map.of(
      "title", 3.0f, "question", 2.5f, "keywords", 2.0f, "body", 1.0f);
  private static final int DOCS_PER_SEARCH = 20;
  private static final int PASSAGES_PER_SEARCH = 60;
  private static final int MAX_QUERY_WORDS = 64;

  private Bm25() {
  }

  /** Per article, its own document's score and its best example question's, for a topic's articles or all. */
  static Map<String, float[]> byArticle(IndexSearcher searcher, TermLookups lookups, List<String> words,
      Optional<String> topic) throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(textQuery(words, lookups, FIELD_BOOSTS), Occur.MUST);
    if (topic.isPresent()) {
      query.add(lookups.query(new Term("topic", topic.get())), Occur.FILTER);
    }
    return scoresByArticle(searcher, searcher.search(query.build(),
        new TopScoreDocCollectorManager(DOCS_PER_SEARCH, null, 1)).scoreDocs);
  }

  /** The same over all articles, as the hybrid search asks it. */
  static Map<String, float[]> byArticle(IndexSearcher searcher, TermLookups lookups, List<String> words)
      throws IOException {
    return scoresByArticle(searcher, searcher.search(textQuery(words, lookups, FIELD_BOOSTS),
        new TopScoreDocCollectorManager(DOCS_PER_SEARCH, null, 1)).scoreDocs);
  }

  /** Per passage key, its BM25 score over the passages' own field. */
  static Map<String, Float> byPassage(IndexSearcher searcher, TermLookups lookups, List<String> words)
      throws IOException {
    ScoreDoc[] hits = searcher.search(textQuery(words, lookups, Map.of("passage", 1.0f)),
        new TopScoreDocCollectorManager(PASSAGES_PER_SEARCH, null, 1)).scoreDocs;
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Map<String, Float> out = new HashMap<>();
    for (ScoreDoc sd : hits) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
      int doc = sd.doc - leaf.docBase;
      SortedDocValues ids = DocValues.getSorted(leaf.reader(), "id");
      NumericDocValues ordinals = DocValues.getNumeric(leaf.reader(), "ordinal");
      if (ids.advanceExact(doc) && ordinals.advanceExact(doc)) {
        out.put(ids.lookupOrd(ids.ordValue()).utf8ToString() + "#" + ordinals.longValue(), sd.score);
      }
    }
    return out;
  }

  /** The article a document belongs to. */
  static Optional<String> articleId(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues ids = DocValues.getSorted(leaf.reader(), "id");
    return ids.advanceExact(doc - leaf.docBase) ? Optional.of(ids.lookupOrd(ids.ordValue()).utf8ToString())
        : Optional.empty();
  }

  /**
   * Per article, its own document's score and its best example question's. Reads ids and kinds from doc
   * values, in doc order: stored fields would be decompressed for every hit, which dominated the message path.
   */
  private static Map<String, float[]> scoresByArticle(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
    ScoreDoc[] byDoc = hits.clone();
    Arrays.sort(byDoc, Comparator.comparingInt(sd -> sd.doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Map<String, float[]> out = new HashMap<>();
    int leafIndex = -1;
    SortedDocValues ids = null;
    NumericDocValues kinds = null;
    LeafReaderContext leaf = null;
    for (ScoreDoc sd : byDoc) {
      int index = ReaderUtil.subIndex(sd.doc, leaves);
      if (index != leafIndex) {
        leafIndex = index;
        leaf = leaves.get(index);
        ids = DocValues.getSorted(leaf.reader(), "id");
        kinds = DocValues.getNumeric(leaf.reader(), "kind");
      }
      int doc = sd.doc - leaf.docBase;
      if (!ids.advanceExact(doc) || !kinds.advanceExact(doc)) {
        continue;
      }
      float[] scores = out.computeIfAbsent(ids.lookupOrd(ids.ordValue()).utf8ToString(), k -> new float[2]);
      int slot = (int) kinds.longValue();
      if (slot > IndexDocuments.QUESTION) {
        continue;
      }
      scores[slot] = Math.max(scores[slot], sd.score);
    }
    return out;
  }

  /** Every distinct word in every field, each field with its boost, as one flat disjunction (faster to score). */
  private static Query textQuery(List<String> words, TermLookups lookups, Map<String, Float> boosts) throws IOException {
    // A long message is searched by its first words: a resident's question comes first, and a query stays far
    // below Lucene's clause limit.
    Set<String> distinct = new LinkedHashSet<>(words.subList(0, Math.min(words.size(), MAX_QUERY_WORDS * 2)));
    if (distinct.size() > MAX_QUERY_WORDS) {
      distinct = new LinkedHashSet<>(List.copyOf(distinct).subList(0, MAX_QUERY_WORDS));
    }
    BooleanQuery.Builder fields = new BooleanQuery.Builder();
    for (Map.Entry<String, Float> f : boosts.entrySet()) {
      for (String w : distinct) {
        fields.add(new BoostQuery(lookups.query(new Term(f.getKey(), w)), f.getValue()), Occur.SHOULD);
      }
    }
    return fields.build();
  }
}
