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
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnFloatVectorQuery;
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
 * The searchable knowledge base: a Lucene index of the active articles, analysed by {@link ResidentAnalyzer}.
 * Each article is indexed as one document over title, keywords and body, one small document per example
 * question, and one per passage (a sentence or two of its text, see {@link Passages}); an article's BM25 score
 * is its own document's score plus its best question's, so a resident's question that closely matches one
 * example question is not diluted by the others. Passages and example questions also carry their sentence
 * embedding ({@link Embedder}) in an HNSW vector field of the same index, so the vectors persist with it:
 * {@link #hybrid} fuses both kinds of evidence per article and per passage. The index lives in a directory of
 * its own; it is rebuilt only when the articles, the analysis rules or the embedding model changed (unchanged
 * texts' vectors then come from the embedder's file), and updated in place when an article is edited.
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
  private static final int PASSAGE = 2;
  private static final int VECTOR_CANDIDATES = 40;
  private static final int PASSAGES_PER_SEARCH = 60;

  private final ResidentAnalyzer analyzer;
  private final String analysisFingerprint;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<String, Article> articles = new ConcurrentHashMap<>();
  private final Embedder embedder;
  /** Each article's passages, and the vectors of its passages and example questions, as the index holds them. */
  private final Map<String, List<Passage>> passages = new ConcurrentHashMap<>();
  private final Map<String, float[][]> passageVectors = new ConcurrentHashMap<>();
  private final Map<String, float[][]> questionVectors = new ConcurrentHashMap<>();
  /** Counts the index's changes: what was computed from one version must not outlive it. */
  private final AtomicLong version = new AtomicLong();

  private KnowledgeBase(ResidentAnalyzer analyzer, String analysisFingerprint, IndexWriter writer, Embedder embedder)
      throws IOException {
    this.embedder = embedder;
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
    return open(directory, analyzer, analysisFingerprint, content, Embedder.byDefault());
  }

  public static KnowledgeBase open(Directory directory, ResidentAnalyzer analyzer, String analysisFingerprint,
      Collection<Article> content, Embedder embedder) {
    try {
      IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer.forIndexing())
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      KnowledgeBase kb = new KnowledgeBase(analyzer, analysisFingerprint, writer, embedder);
      kb.load(content);
      return kb;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the knowledge-base index", e);
    }
  }

  private void load(Collection<Article> content) throws IOException {
    content.stream().filter(a -> !a.retired()).forEach(a -> articles.put(a.id(), a));
    articles.values().forEach(a -> passages.put(a.id(), Passages.of(a)));
    String hash = contentHash();
    String built = writer.getLiveCommitData() == null ? null : commitData().get(HASH_KEY);
    if (hash.equals(built)) {
      readVectors();
      log.info("knowledge base: index of {} articles is up to date", articles.size());
      return;
    }
    long start = System.nanoTime();
    embed(articles.values());
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
        passages.remove(article.id());
        passageVectors.remove(article.id());
        questionVectors.remove(article.id());
        writer.deleteDocuments(new Term("id", article.id()));
      } else {
        passages.put(article.id(), Passages.of(article));
        embed(List.of(article)); // only texts the embedder has not seen are computed
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
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(textQuery(words, lookups, FIELD_BOOSTS), Occur.MUST);
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
      if (slot > QUESTION) {
        continue;
      }
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

  public ResidentAnalyzer analyzer() {
    return analyzer;
  }

  public Optional<Article> article(String id) {
    return Optional.ofNullable(articles.get(id));
  }

  public List<Article> articles() {
    return articles.values().stream().sorted(Comparator.comparing(Article::id)).toList();
  }

  private List<Document> documents(Article a) {
    List<Document> docs = new ArrayList<>();
    Document doc = base(a, ARTICLE, 0);
    doc.add(new TextField("title", a.title(), Field.Store.NO));
    doc.add(new TextField("keywords", String.join(" ", a.keywords()), Field.Store.NO));
    doc.add(new TextField("body", a.body(), Field.Store.NO));
    docs.add(doc);
    float[][] qv = questionVectors.get(a.id());
    for (int i = 0; i < a.questions().size(); i++) {
      Document question = base(a, QUESTION, i);
      question.add(new TextField("question", a.questions().get(i), Field.Store.NO));
      question.add(new KnnFloatVectorField("vector", qv[i], VectorSimilarityFunction.DOT_PRODUCT));
      docs.add(question);
    }
    float[][] pv = passageVectors.get(a.id());
    for (Passage p : passages.get(a.id())) {
      Document passage = base(a, PASSAGE, p.index());
      passage.add(new TextField("passage", p.text(), Field.Store.NO));
      passage.add(new KnnFloatVectorField("vector", pv[p.index()], VectorSimilarityFunction.DOT_PRODUCT));
      docs.add(passage);
    }
    return docs;
  }

  private static Document base(Article a, int kind, int ordinal) {
    Document doc = new Document();
    doc.add(new StringField("id", a.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField("id", new BytesRef(a.id())));
    doc.add(new NumericDocValuesField("kind", kind));
    doc.add(new NumericDocValuesField("ordinal", ordinal));
    doc.add(new StringField("topic", a.topic(), Field.Store.NO));
    return doc;
  }

  /** The vectors of these articles' passages and example questions (computed only for texts never seen). */
  private void embed(Collection<Article> batch) {
    List<String> texts = new ArrayList<>();
    for (Article a : batch) {
      texts.addAll(a.questions());
      passages.get(a.id()).forEach(p -> texts.add(p.text()));
    }
    // Texts of an edited article's previous version: their vectors are in the index already.
    Map<String, float[]> known = new HashMap<>();
    for (Article a : batch) {
      Article before = articles.get(a.id());
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

  /** The vectors as the index holds them, for an index that was up to date: nothing is embedded at start-up. */
  private void readVectors() throws IOException {
    articles.values().forEach(a -> {
      questionVectors.put(a.id(), new float[a.questions().size()][]);
      passageVectors.put(a.id(), new float[passages.get(a.id()).size()][]);
    });
    IndexSearcher searcher = searchers.acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
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
          float[][] target = (kinds.longValue() == PASSAGE ? passageVectors : questionVectors)
              .get(ids.lookupOrd(ids.ordValue()).utf8ToString());
          int ordinal = (int) ordinals.longValue();
          if (target != null && ordinal < target.length) {
            target[ordinal] = values.vectorValue().clone();
          }
        }
      }
    } finally {
      searchers.release(searcher);
    }
    List<Article> incomplete = articles.values().stream().filter(a -> hasHoles(questionVectors.get(a.id()))
        || hasHoles(passageVectors.get(a.id()))).toList();
    if (!incomplete.isEmpty()) {
      embed(incomplete); // an index written by a crash half-way; cannot happen after a clean commit
    }
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

  /** The paragraph a passage is from: the passage with its neighbours, as the article words it. */
  public String paragraph(Passage p) {
    StringBuilder out = new StringBuilder();
    for (Passage other : passages(p.articleId())) {
      if (other.paragraph() == p.paragraph()) {
        out.append(other.text());
      }
    }
    return out.isEmpty() ? p.text() : out.toString();
  }

  /** The passages of an article, in order. */
  public List<Passage> passages(String articleId) {
    return passages.getOrDefault(articleId, List.of());
  }

  public Embedder embedder() {
    return embedder;
  }

  /**
   * Hybrid retrieval: candidate articles from BM25 (as {@link #search}) and from the nearest vectors (HNSW over
   * passages and example questions), each scored by BM25 and by its best vector similarity to the question,
   * fused; each candidate's passages are scored the same way. Best fused first.
   */
  public List<ArticleMatch> hybrid(List<String> words, float[] question, Fusion fusion, int limit) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TermLookups lookups = termLookups(searcher);
        Map<String, float[]> bm25 = words.isEmpty() ? Map.of() : scoresByArticle(searcher, searcher.search(
            textQuery(words, lookups, FIELD_BOOSTS), new TopScoreDocCollectorManager(DOCS_PER_SEARCH, null, 1)).scoreDocs);
        Map<String, Float> passageBm25 = words.isEmpty() ? Map.of() : passageScores(searcher, searcher.search(
            textQuery(words, lookups, Map.of("passage", 1.0f)),
            new TopScoreDocCollectorManager(PASSAGES_PER_SEARCH, null, 1)).scoreDocs);
        Set<String> candidates = new LinkedHashSet<>(bm25.keySet());
        for (ScoreDoc sd : searcher.search(new KnnFloatVectorQuery("vector", question, VECTOR_CANDIDATES),
            VECTOR_CANDIDATES).scoreDocs) {
          articleId(searcher, sd.doc).ifPresent(candidates::add);
        }
        List<ArticleMatch> out = new ArrayList<>();
        for (String id : candidates) {
          Article a = articles.get(id);
          if (a == null) {
            continue;
          }
          float[] b = bm25.getOrDefault(id, new float[2]);
          float articleBm25 = b[0] + b[1];
          float best = max(question, questionVectors.get(id));
          List<ArticleMatch.PassageMatch> scored = new ArrayList<>();
          float[][] pv = passageVectors.get(id);
          for (Passage p : passages.get(id)) {
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
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float max(float[] q, float[][] vectors) {
    float best = 0;
    for (float[] v : vectors) {
      best = Math.max(best, Embedder.cosine(q, v));
    }
    return best;
  }

  private static Optional<String> articleId(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues ids = DocValues.getSorted(leaf.reader(), "id");
    return ids.advanceExact(doc - leaf.docBase) ? Optional.of(ids.lookupOrd(ids.ordValue()).utf8ToString())
        : Optional.empty();
  }

  /** Per passage key, its BM25 score. */
  private static Map<String, Float> passageScores(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
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

  private String contentHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(analysisFingerprint.getBytes(StandardCharsets.UTF_8));
      sha.update(("passages-v1 " + Embedder.MODEL).getBytes(StandardCharsets.UTF_8));
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
