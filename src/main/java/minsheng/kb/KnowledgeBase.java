package minsheng.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import minsheng.nlu.ResidentAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable knowledge base: a Lucene index (BM25) of the active articles, analysed by
 * {@link ResidentAnalyzer}. Each article is indexed as one document over title, keywords and body, plus one
 * small document per example question; an article scores its own document's score plus its best question's,
 * so a resident's question that closely matches one example question is not diluted by the others. The index lives in a
 * directory of its own; it is rebuilt only when the articles or the analysis rules changed, and updated in
 * place when an article is edited.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
  private static final String HASH_KEY = "minsheng.contentHash";
  private static final Map<String, Float> FIELD_BOOSTS = Map.of(
      "title", 3.0f, "question", 2.5f, "keywords", 2.0f, "body", 1.0f);
  private static final int DOCS_PER_SEARCH = 20;
  private static final int MAX_QUERY_WORDS = 64;
  private static final int ARTICLE = 0;
  private static final int QUESTION = 1;

  private final ResidentAnalyzer analyzer;
  private final String analysisFingerprint;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<String, Article> articles = new ConcurrentHashMap<>();
  /** Counts the index's changes: what was computed from one version must not outlive it. */
  private final AtomicLong version = new AtomicLong();

  private KnowledgeBase(ResidentAnalyzer analyzer, String analysisFingerprint, IndexWriter writer) throws IOException {
    this.analyzer = analyzer;
    this.analysisFingerprint = analysisFingerprint;
    this.writer = writer;
    // No query cache (it only helps non-scoring clauses, and its bookkeeping showed in profiles); hit counts are
    // not needed, which lets BM25 skip documents that cannot make the top.
    this.searchers = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        return searcher;
      }
    });
  }

  /**
   * Opens the index in {@code directory} and makes it hold exactly {@code content}; the index is rebuilt only
   * when the content or the analysis fingerprint differ from what it was built from.
   */
  public static KnowledgeBase open(Directory directory, ResidentAnalyzer analyzer, String analysisFingerprint,
      Collection<Article> content) {
    try {
      IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer.forIndexing())
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      KnowledgeBase kb = new KnowledgeBase(analyzer, analysisFingerprint, writer);
      kb.load(content);
      return kb;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the knowledge-base index", e);
    }
  }

  private void load(Collection<Article> content) throws IOException {
    content.stream().filter(a -> !a.retired()).forEach(a -> articles.put(a.id(), a));
    String hash = contentHash();
    String built = writer.getLiveCommitData() == null ? null : commitData().get(HASH_KEY);
    if (hash.equals(built)) {
      log.info("knowledge base: index of {} articles is up to date", articles.size());
      return;
    }
    long start = System.nanoTime();
    writer.deleteAll();
    for (Article a : articles.values()) {
      writer.addDocuments(documents(a));
    }
    commit();
    log.info("knowledge base: indexed {} articles in {} ms", articles.size(), (System.nanoTime() - start) / 1_000_000);
  }

  private Map<String, String> commitData() {
    Map<String, String> data = new LinkedHashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    return data;
  }

  /** Adds or replaces one article (a retired one leaves the index); searchable when this returns. */
  public synchronized void put(Article article) {
    try {
      if (article.retired()) {
        articles.remove(article.id());
        writer.deleteDocuments(new Term("id", article.id()));
      } else {
        articles.put(article.id(), article);
        writer.updateDocuments(new Term("id", article.id()), documents(article));
      }
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the knowledge-base index", e);
    }
  }

  private void commit() throws IOException {
    writer.setLiveCommitData(Map.of(HASH_KEY, contentHash()).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
    version.incrementAndGet();
  }

  /** Changes with every article added, edited or retired (after the change is searchable). */
  public long version() {
    return version.get();
  }

  /**
   * The best articles for a question. With a topic, only that topic's articles are considered: the intent
   * narrows the topic, the index picks the article.
   */
  public List<SearchHit> search(String question, Optional<String> topic, int limit) {
    return search(analyzer.words(question), topic, limit);
  }

  /** The same, for a question already analysed (the intent model analysed it once; the message path does not again). */
  public List<SearchHit> search(List<String> words, Optional<String> topic, int limit) {
    if (words.isEmpty()) {
      return List.of();
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TermLookups lookups = termLookups(searcher);
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(textQuery(words, lookups), Occur.MUST);
        if (topic.isPresent()) {
          query.add(lookups.query(new Term("topic", topic.get())), Occur.FILTER);
        }
        Map<String, float[]> byArticle = scoresByArticle(searcher, searcher.search(query.build(),
            new TopScoreDocCollectorManager(DOCS_PER_SEARCH, null, 1)).scoreDocs);
        List<SearchHit> hits = new ArrayList<>();
        byArticle.forEach((id, scores) -> {
          Article a = articles.get(id);
          if (a != null) {
            hits.add(new SearchHit(a, scores[0] + scores[1]));
          }
        });
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits.subList(0, Math.min(limit, hits.size()));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
      scores[slot] = Math.max(scores[slot], sd.score);
    }
    return out;
  }

  /**
   * Each term's place in the index (its term-dictionary entry per segment and its statistics), looked up once
   * per index version instead of once per question: residents use a few thousand words, and the dictionary
   * seeks of twenty-odd terms per question were a good part of the search's time and allocation.
   */
  private static final class TermLookups {
    private static final int MAX_TERMS = 50_000;
    final IndexReader reader;
    private final IndexSearcher searcher;
    private final Map<Term, TermStates> states = new java.util.concurrent.ConcurrentHashMap<>();

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

  private volatile TermLookups termLookups;

  /** The lookups of this searcher's index version; a new version (an article edited) starts afresh. */
  private TermLookups termLookups(IndexSearcher searcher) {
    TermLookups current = termLookups;
    if (current == null || current.reader != searcher.getIndexReader()) {
      current = new TermLookups(searcher);
      termLookups = current;
    }
    return current;
  }

  /** Every distinct word in every field, each field with its boost, as one flat disjunction (faster to score). */
  private static Query textQuery(List<String> words, TermLookups lookups) throws IOException {
    // A long message is searched by its first words: a resident's question comes first, and a query stays far
    // below Lucene's clause limit.
    Set<String> distinct = new LinkedHashSet<>(words.subList(0, Math.min(words.size(), MAX_QUERY_WORDS * 2)));
    if (distinct.size() > MAX_QUERY_WORDS) {
      distinct = new LinkedHashSet<>(List.copyOf(distinct).subList(0, MAX_QUERY_WORDS));
    }
    BooleanQuery.Builder fields = new BooleanQuery.Builder();
    for (Map.Entry<String, Float> f : FIELD_BOOSTS.entrySet()) {
      for (String w : distinct) {
        fields.add(new BoostQuery(lookups.query(new Term(f.getKey(), w)), f.getValue()), Occur.SHOULD);
      }
    }
    return fields.build();
  }

  public ResidentAnalyzer analyzer() {
    return analyzer;
  }

  public Optional<Article> article(String id) {
    return Optional.ofNullable(articles.get(id));
  }

  public List<Article> articles() {
    return articles.values().stream().sorted(Comparator.comparing(Article::id)).toList();
  }

  private static List<Document> documents(Article a) {
    List<Document> docs = new ArrayList<>();
    Document doc = base(a, ARTICLE);
    doc.add(new TextField("title", a.title(), Field.Store.NO));
    doc.add(new TextField("keywords", String.join(" ", a.keywords()), Field.Store.NO));
    doc.add(new TextField("body", a.body(), Field.Store.NO));
    docs.add(doc);
    for (String q : a.questions()) {
      Document question = base(a, QUESTION);
      question.add(new TextField("question", q, Field.Store.NO));
      docs.add(question);
    }
    return docs;
  }

  private static Document base(Article a, int kind) {
    Document doc = new Document();
    doc.add(new StringField("id", a.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField("id", new BytesRef(a.id())));
    doc.add(new NumericDocValuesField("kind", kind));
    doc.add(new StringField("topic", a.topic(), Field.Store.NO));
    return doc;
  }

  private String contentHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(analysisFingerprint.getBytes(StandardCharsets.UTF_8));
      for (Article a : articles()) {
        sha.update(a.toString().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
  }
}
