package minsheng.store.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire-compatible store started in-process when no MongoDB deployment is configured. It keeps its
 * data in one H2 MVStore file under the data directory and listens on loopback only; the application reaches it
 * through the real driver over TCP, so moving to a real MongoDB is a configuration change.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
  static final int COMMIT_DELAY_MS = 100;
  /**
   * H2's page cache (its default is 16 MB). Recently written documents live in it on the Java heap, and under
   * load they were what survived each young collection: with 4 MB the mean young pause fell from 17 to 11 ms
   * and the longest from 35 to 17 ms at 64 WeChat connections. Reads the cache misses cost a page decode.
   */
  static final int PAGE_CACHE_MB = 4;
  /**
   * H2 rewrites chunks whose share of live data falls below this (its default is 90 %). Every message supersedes
   * a conversation's page, so at 90 % H2 was compacting all the time: at 64 WeChat connections that halved the
   * throughput and doubled p99. At 50 % the file holds at most about twice its live data.
   */
  static final int COMPACT_BELOW_FILL_PERCENT = 50;
  /**
   * Whether a durable write (write concern {@code j: true}) also forces the file to the disk (fsync) before it
   * is acknowledged. The commit alone survives {@code kill -9} (the chunk is in the operating system's hands); the
   * fsync also survives a power cut. Measured here: see the README's durability paragraph.
   */
  static final boolean SYNC_DURABLE_WRITES = true;
  private final H2Backend backend;
  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(H2Backend backend, MongoServer server, InetSocketAddress address) {
    this.backend = backend;
    this.server = server;
    this.address = address;
  }

  /** The store's file in the data directory. */
  public static final String FILE_NAME = "minsheng.mv.db";

  /** A store without collections whose writes must take turns. */
  public static EmbeddedMongo start(Path dataDir) {
    return start(dataDir, Set.of(), true, 0);
  }

  /**
   * The store with its data in {@value #FILE_NAME} under {@code dataDir} (the caller makes it private).
   * {@code serializedWrites} names collections whose writes mongo-java-server must not run concurrently: it
   * checks unique indexes and then writes in separate steps, so two concurrent inserts of one {@code _id} both
   * pass the check and the second silently replaces the first document (and a concurrent find-and-modify can
   * hand one counter value to two callers). Writes to those collections take turns.
   */
  public static EmbeddedMongo start(Path dataDir, Set<String> serializedWrites) {
    return start(dataDir, serializedWrites, true, 0);
  }

  /** On a given loopback port: the store as a process of its own ({@code store --port}). */
  public static EmbeddedMongo start(Path dataDir, Set<String> serializedWrites, int port) {
    return start(dataDir, serializedWrites, true, port);
  }

  /** {@code fast} false gives mongo-java-server's stock backend, for the file-compatibility test. */
  static EmbeddedMongo start(Path dataDir, boolean fast) {
    return start(dataDir, Set.of(), fast, 0);
  }

  private static EmbeddedMongo start(Path dataDir, Set<String> serializedWrites, boolean fast, int port) {
    Path file = dataDir.resolve(FILE_NAME);
    MVStore mvStore = new MVStore.Builder().fileName(file.toString()).cacheSize(PAGE_CACHE_MB)
        .autoCompactFillRate(COMPACT_BELOW_FILL_PERCENT).open();
    // H2 writes a resident's message to disk within this delay (its default is 1 s); a crash loses at most this.
    mvStore.setAutoCommitDelay(COMMIT_DELAY_MS);
    boolean leftOpen = fast && IndexRepair.leftOpen(mvStore);
    H2Backend backend = fast ? new FastBackend(mvStore, serializedWrites) : new H2Backend(mvStore);
    backend.version(ServerVersion.MONGO_5_0);
    if (fast) {
      if (leftOpen) {
        log.warn("embedded store: {} was not closed (a crash?); checking its indexes against its documents", file);
        log.info("embedded store: {} index entries repaired", IndexRepair.rebuild(mvStore, backend));
      }
      IndexRepair.opening(mvStore);
    }
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    InetSocketAddress address = server.getLocalAddress();
    log.info("embedded store on {} with data in {}", address, file.toAbsolutePath());
    return new EmbeddedMongo(backend, server, address);
  }

  /**
   * mongo-java-server's H2 backend, with each collection's map opened first with {@link DocumentValueType} and
   * each unique index map with {@link IndexKeyType} (the backend's own {@code openMap(name)} then finds the map
   * already open and uses it as it is), and the {@code _id} index as an {@link IdLookupIndex}; writes to
   * the collections named at start take turns, and durable writes and majority reads commit before they answer.
   */
  private static final class FastBackend extends H2Backend {
    private final Map<String, Object> writeTurns = new ConcurrentHashMap<>();
    private final Set<String> serializedWrites;

    FastBackend(MVStore store, Set<String> serializedWrites) {
      super(store);
      this.serializedWrites = Set.copyOf(serializedWrites);
    }

    /**
     * The command as mongo-java-server runs it, then, when the client asked for durability, a forced commit before
     * the reply goes out: write concern {@code j: true} (claims, their status changes, numbering and delivery
     * records) or read concern {@code majority} (what is shown outside: the read commits what it saw, so a number
     * is never shown from a write that a crash could still take back). Other writes keep the 100 ms window.
     */
    @Override
    public de.bwaldvogel.mongo.bson.Document handleCommand(Channel channel, String databaseName, String command,
        de.bwaldvogel.mongo.bson.Document query) {
      Object turn = isWrite(command) && query.get(command) instanceof String collection
          && serializedWrites.contains(collection)
          ? writeTurns.computeIfAbsent(databaseName + "." + collection, k -> new Object()) : null;
      try {
        if (turn == null) {
          return super.handleCommand(channel, databaseName, command, query);
        }
        synchronized (turn) {
          return super.handleCommand(channel, databaseName, command, query);
        }
      } finally {
        if (wantsDurability(query)) {
          Durability.force(getMvStore());
        }
      }
    }

    private static boolean isWrite(String command) {
      return switch (command.toLowerCase(java.util.Locale.ROOT)) {
        case "insert", "update", "delete", "findandmodify" -> true;
        default -> false;
      };
    }

    private static boolean wantsDurability(de.bwaldvogel.mongo.bson.Document query) {
      return query.get("writeConcern") instanceof de.bwaldvogel.mongo.bson.Document w
          && Boolean.TRUE.equals(w.get("j"))
          || query.get("readConcern") instanceof de.bwaldvogel.mongo.bson.Document r
          && "majority".equals(r.get("level"));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
      // getMvStore(), not a field of this class: the super constructor opens existing databases before any
      // field of this subclass is assigned.
      MVStore store = getMvStore();
      return new H2Database(name, store, getCursorRegistry()) {
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
          store.openMap("databases." + getFullCollectionNamespace(collection),
              new MVMap.Builder<Object, Object>().valueType(DocumentValueType.INSTANCE));
          return super.openOrCreateCollection(collection, options);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
            boolean sparse) {
          store.openMap(getFullCollectionNamespace(collection) + "._index_" + index,
              new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
          Index<Object> opened = super.openOrCreateUniqueIndex(collection, index, keys, sparse);
          return IdLookupIndex.isIdIndex(keys) ? new IdLookupIndex(opened, index, keys, sparse) : opened;
        }
      };
    }
  }

  public String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  @Override
  public void close() {
    // Marked before the server stops, since stopping closes the backend and its file (with a last commit).
    if (backend instanceof FastBackend && !backend.getMvStore().isClosed()) {
      IndexRepair.closing(backend.getMvStore());
    }
    server.shutdownNow();
    backend.close();
  }
}
