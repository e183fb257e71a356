package minsheng.kb;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Articles in MongoDB, the copy operators edit. The files under {@code kb-index/} seed it: a missing article
 * is added, and a file that changed replaces its article unless an operator has edited that article since.
 */
public final class ArticleRepository {
  private static final Logger log = LoggerFactory.getLogger(ArticleRepository.class);

  private final MongoCollection<Document> articles;

  public ArticleRepository(Store store) {
    this.articles = store.collection("articles");
  }

  public Future<List<Article>> seedFrom(List<Article> files) {
    return all().compose(stored -> {
      Map<String, Document> byId = stored.stream().collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
      List<Future<?>> writes = new ArrayList<>();
      int[] added = {0};
      int[] updated = {0};
      for (Article a : files) {
        Document existing = byId.get(a.id());
        if (existing == null) {
          added[0]++;
          writes.add(save(a, "file"));
        } else if ("file".equals(existing.getString("editedBy")) && !toArticle(existing).equals(a)) {
          updated[0]++;
          writes.add(save(a, "file"));
        }
      }
      return Future.all(writes).compose(v -> {
        if (added[0] + updated[0] > 0) {
          log.info("knowledge base: {} articles added and {} updated from files", added[0], updated[0]);
        }
        return all();
      });
    }).map(docs -> docs.stream().map(ArticleRepository::toArticle).toList());
  }

  /**
   * Saves an article; {@code editedBy} is "file" for the seed, else the operator's name. True when the article
   * is new to the store (a retired one being restored is not new).
   */
  public Future<Boolean> save(Article a, String editedBy) {
    Document doc = toDocument(a).append("editedBy", editedBy).append("updatedAt", Date.from(Instant.now()));
    return Reactive.one(articles.replaceOne(Filters.eq("_id", a.id()), doc, new ReplaceOptions().upsert(true)))
        .map(r -> r.getUpsertedId() != null);
  }

  /** One article as stored (retired ones too), for an instance that hears another one edited it. */
  public Future<java.util.Optional<Article>> find(String id) {
    return Reactive.first(articles.find(Filters.eq("_id", id)).limit(1)).map(d -> d.map(ArticleRepository::toArticle));
  }

  private Future<List<Document>> all() {
    return Reactive.all(articles.find());
  }

  static Document toDocument(Article a) {
    return new Document("_id", a.id())
        .append("title", a.title())
        .append("topic", a.topic())
        .append("source", a.source())
        .append("passages", a.passages())
        .append("questions", a.questions())
        .append("keywords", a.keywords())
        .append("body", a.body())
        .append("retired", a.retired());
  }

  static Article toArticle(Document d) {
    return new Article(d.getString("_id"), d.getString("title"), d.getString("topic"), d.getString("source"),
        d.getList("passages", String.class, List.of()), d.getList("questions", String.class, List.of()),
        d.getList("keywords", String.class, List.of()), d.getString("body"), d.getBoolean("retired", false));
  }
}
