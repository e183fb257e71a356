package minsheng.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import minsheng.nlu.ResidentAnalyzer;
import minsheng.nlu.SoundAlike;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable knowledge base: a Lucene index of the active articles, analysed by {@link ResidentAnalyzer}.
 * Each article is indexed as one document over title, keywords and body, one small document per example
 * question, and one per passage (a sentence or two of its text, see {@link Passages}; the layout is
 * {@link IndexDocuments}); an article's BM25 score is its own document's score plus its best question's
 * ({@link Bm25}), so a resident's question that closely matches one example question is not diluted by the
 * others. Passages and example questions also carry their sentence embedding ({@link Embedder},
 * {@link ArticleVectors}) in an HNSW vector field of the same index, so the vectors persist with it:
 * {@link #hybrid} fuses both kinds of evidence per article and per passage ({@link HybridSearch}). The index
 * lives in a directory of its own; it is rebuilt only when the articles, the analysis rules or the embedding
 * model changed (unchanged texts' vectors then come from the embedder's file), and updated in place when an
 * article is edited.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
  private static final String HASH_KEY = "minsheng.contentHash";

  private final ResidentAnalyzer analyzer;
  private final String analysisFingerprint;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<String, Article> articles = new ConcurrentHashMap<>();
  private final ArticleVectors vectors;
  private final HybridSearch hybrid;
  /** Counts the index's changes: what was computed from one version must not outlive it. */
  private final AtomicLong version = new AtomicLong();
  private volatile TermLookups termLookups;
  /** Each passage text's words as the analyzer reads them (texts only come from articles: bounded). */
  private final Map<String, Set<String>> passageWords = new ConcurrentHashMap<>();
  /** Slips of the pinyin keyboard read against what the articles write, as of the current version (null: not yet). */
  private volatile SoundAlike slips;

  private KnowledgeBase(ResidentAnalyzer analyzer, String analysisFingerprint, IndexWriter writer, Embedder embedder)
      throws IOException {
    this.vectors = new ArticleVectors(embedder);
    this.hybrid = new HybridSearch(articles, vectors, this::passageWords);
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
    articles.values().forEach(vectors::split);
    String hash = contentHash();
    String built = writer.getLiveCommitData() == null ? null : commitData().get(HASH_KEY);
    slips = null;
    if (hash.equals(built)) {
      readVectors();
      log.info("knowledge base: index of {} articles is up to date", articles.size());
      return;
    }
    long start = System.nanoTime();
    vectors.embed(articles.values(), articles);
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
        vectors.remove(article.id());
        writer.deleteDocuments(new Term("id", article.id()));
      } else {
        vectors.split(article);
        vectors.embed(List.of(article), articles); // only texts the embedder has not seen are computed
        articles.put(article.id(), article);
        writer.updateDocuments(new Term("id", article.id()), documents(article));
      }
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the knowledge-base index", e);
    }
  }

  private void commit() throws IOException {
    slips = null;
    writer.setLiveCommitData(Map.of(HASH_KEY, contentHash()).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
    version.incrementAndGet();
  }

  private Set<String> passageWords(Passage p) {
    return passageWords.computeIfAbsent(p.text(), t -> Set.copyOf(analyzer.words(t)));
  }

  /**
   * A resident's message with its slips of the pinyin keyboard read as the articles' words meant ("低饱" as 低保,
   * "网隔员" as 网格员; {@link SoundAlike}): what is read as a question, before it is understood and embedded.
   */
  public String asMeant(String message) {
    SoundAlike read = slips;
    if (read == null) {
      // Built when first needed (a second or two of segmenting), not on the start-up path; again after an edit.
      synchronized (this) {
        read = slips;
        if (read == null) {
          read = slipsOf(articles.values());
          slips = read;
        }
      }
    }
    return read.fold(message);
  }

  /** The slips of the keyboard read against these articles: their titles and bodies, keywords and example questions. */
  public static SoundAlike slipsOf(Collection<Article> content) {
    List<String> texts = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    List<String> wordings = new ArrayList<>();
    for (Article a : content) {
      texts.add(a.title());
      texts.add(a.body());
      terms.addAll(a.keywords());
      wordings.addAll(a.questions());
    }
    return SoundAlike.of(texts, terms, wordings);
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
        Map<String, float[]> byArticle = Bm25.byArticle(searcher, termLookups(searcher), words, topic);
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
   * Hybrid retrieval: candidate articles from BM25 (as {@link #search}) and from the nearest vectors (HNSW over
   * passages and example questions), each scored by BM25 and by its best vector similarity to the question,
   * fused; each candidate's passages are scored the same way. Best fused first.
   */
  public List<ArticleMatch> hybrid(List<String> words, float[] question, Fusion fusion, int limit) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return hybrid.rank(searcher, termLookups(searcher), words, question, fusion, limit);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lookups of this searcher's index version; a new version (an article edited) starts afresh. */
  private TermLookups termLookups(IndexSearcher searcher) {
    TermLookups current = termLookups;
    if (current == null || current.reader != searcher.getIndexReader()) {
      current = new TermLookups(searcher);
      termLookups = current;
    }
    return current;
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
    return vectors.passages(articleId);
  }

  public Embedder embedder() {
    return vectors.embedder();
  }

  private List<Document> documents(Article a) {
    return IndexDocuments.of(a, vectors.passages(a.id()), vectors.questionVectors(a.id()),
        vectors.passageVectors(a.id()));
  }

  /** The vectors as the index holds them, for an index that was up to date: nothing is embedded at start-up. */
  private void readVectors() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    List<Article> incomplete;
    try {
      incomplete = vectors.readFrom(searcher.getIndexReader(), articles.values());
    } finally {
      searchers.release(searcher);
    }
    if (!incomplete.isEmpty()) {
      vectors.embed(incomplete, articles); // an index written by a crash half-way; cannot happen after a clean commit
    }
  }

  private String contentHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(analysisFingerprint.getBytes(StandardCharsets.UTF_8));
      sha.update(("passages-v1 " + vectors.embedder().model()).getBytes(StandardCharsets.UTF_8));
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
