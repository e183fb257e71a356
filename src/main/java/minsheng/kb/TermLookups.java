package minsheng.kb;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Each term's place in the index (its term-dictionary entry per segment and its statistics), looked up once
 * per index version instead of once per question: residents use a few thousand words, and the dictionary
 * seeks of twenty-odd terms per question were a good part of the search's time and allocation.
 */
final class TermLookups {
  private static final int MAX_TERMS = 50_000;
  final IndexReader reader;
  private final IndexSearcher searcher;
  private final Map<Term, TermStates> states = new ConcurrentHashMap<>();

  TermLookups(IndexSearcher searcher) {
    this.searcher = searcher;
    this.reader = searcher.getIndexReader();
  }

  Query query(Term term) throws IOException {
    TermStates known = states.get(term);
    if (known == null) {
      if (states.size() >= MAX_TERMS) {
        states.clear(); // a crude bound: words typed once should not grow the map without end
      }
      known = TermStates.build(searcher, term, true);
      states.put(term, known);
    }
    return new TermQuery(term, known);
  }
}
