package minsheng.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import minsheng.store.embedded.EmbeddedMongo;
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

  /**
   * Collections whose writes take turns on the embedded store (see {@link EmbeddedMongo#start(Path, Set)}): the
   * claim numbering relies on the unique {@code _id} of a claim and on one counter value per caller.
   */
  static final Set<String> SERIALIZED_WRITES = Set.of("claims", "counters", "claim_change_markers");

  public static Store open(Optional<String> uri, Path dataDir, String databaseName) {
    EmbeddedMongo embedded = uri.isPresent() ? null : startEmbedded(dataDir);
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

  private static EmbeddedMongo startEmbedded(Path dataDir) {
    return startEmbedded(dataDir, 0);
  }

  /**
   * The embedded store on a loopback port (0: any), as the service's own or as a process of its own
   * ({@code store --port}); residents' data: the directory and the file are the service user's alone (H2 opens
   * an empty file as new).
   */
  public static EmbeddedMongo startEmbedded(Path dataDir, int port) {
    PrivateFiles.file(PrivateFiles.directory(dataDir).resolve(EmbeddedMongo.FILE_NAME));
    return EmbeddedMongo.start(dataDir, SERIALIZED_WRITES, port);
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

  /** The value of a named counter (0 when it has none yet). */
  public Future<Long> counter(String name) {
    return Reactive.first(collection("counters").find(new Document("_id", name)).first())
        .map(d -> d.map(x -> x.get("value") instanceof Number v ? v.longValue() : 0L).orElse(0L));
  }

  /** Raises a named counter to {@code value} if it is lower. */
  public Future<Void> raiseCounter(String name, long value) {
    return Reactive.first(collection("counters").updateOne(new Document("_id", name), Updates.max("value", value),
        new UpdateOptions().upsert(true))).mapEmpty();
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
