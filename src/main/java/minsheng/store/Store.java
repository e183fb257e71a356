package minsheng.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's MongoDB database: a real deployment when a URI is configured, otherwise the embedded store.
 * Either way it is reached through the real reactive driver over TCP.
 */
public final class Store implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final EmbeddedMongo embedded;
  private final MongoClient client;
  private final MongoDatabase database;

  private Store(EmbeddedMongo embedded, MongoClient client, String databaseName) {
    this.embedded = embedded;
    this.client = client;
    this.database = client.getDatabase(databaseName);
  }

  public static Store open(Optional<String> uri, Path dataDir, String databaseName) {
    EmbeddedMongo embedded = uri.isPresent() ? null : EmbeddedMongo.start(dataDir);
    // A lambda, not embedded::connectionString: a method reference on null throws even when a URI is given.
    String connection = uri.orElseGet(() -> embedded.connectionString());
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(connection))
        .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
        .applyToSocketSettings(b -> b.connectTimeout(3, TimeUnit.SECONDS))
        .applicationName("minsheng")
        .build();
    if (uri.isPresent()) {
      log.info("store: MongoDB deployment {}", new ConnectionString(connection).getHosts());
    }
    return new Store(embedded, MongoClients.create(settings), databaseName);
  }

  public MongoCollection<Document> collection(String name) {
    return database.getCollection(name);
  }

  /**
   * The same collection for data a resident, an operator or an insurer is told about, such as a claim and its
   * number: a write is acknowledged only once it is durable ({@code w: "majority", j: true}: journaled on a
   * majority of a replica set; on the embedded store, committed to its file and synced before the reply), and a
   * read returns only what is durable (read concern {@code majority}; the embedded store commits what the read
   * saw before it answers). Everything else keeps the default: acknowledged by the primary, and on the embedded
   * store on disk within its 100 ms commit delay.
   */
  public MongoCollection<Document> durableCollection(String name) {
    return collection(name).withWriteConcern(DURABLE).withReadConcern(ReadConcern.MAJORITY);
  }

  private static final WriteConcern DURABLE = WriteConcern.MAJORITY.withJournal(true);

  /** Round trip to the store, for health checks. */
  public Future<Void> ping() {
    return Reactive.one(database.runCommand(new Document("ping", 1))).mapEmpty();
  }

  /** Next value of a named sequence, from a single atomic document update. */
  public Future<Long> nextSequence(String name) {
    return Reactive.one(collection("counters").findOneAndUpdate(
            new Document("_id", name), Updates.inc("value", 1L),
            // The projection matters: without it the embedded store was seen handing one value to two callers.
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
                .projection(Projections.include("value"))))
        .map(doc -> ((Number) doc.get("value")).longValue());
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    client.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
