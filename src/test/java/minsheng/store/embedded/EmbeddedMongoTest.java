package minsheng.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.Date;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.BsonBinarySubType;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's own key and value types: a data file written by mongo-java-server's stock backend (an
 * older Minsheng) is read and extended by ours, every key found by look-up (which only works if both order index
 * keys the same way), the unique index still enforced, and every BSON value type comes back as it went in.
 */
class EmbeddedMongoTest {
  @TempDir
  Path data;
  String collection;

  @Test
  void aDataFileOfTheStockBackendIsReadAndExtended() {
    List<Object> ids = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 1500; i++) {
      ids.add(i % 2 == 0 ? "wechat:o" + random.nextInt(1_000_000) + ":" + i : "WC-2026-" + String.format("%06d", i));
    }
    compatible("strings", ids);
  }

  /**
   * One kind of {@code _id} per collection, as the service uses them: mongo-java-server's H2 backend cannot
   * order a collection's documents when its ids mix an ObjectId with other types (it fails with "Can not
   * compare", with or without our key type).
   */
  @Test
  void numberAndObjectIdKeysToo() {
    Random random = new Random(11);
    List<Object> numbers = new ArrayList<>();
    List<Object> objectIds = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      numbers.add((long) random.nextInt(1_000_000) * 1000 + i);
      objectIds.add(new ObjectId());
    }
    compatible("numbers", numbers);
    compatible("objectIds", objectIds);
  }

  private void compatible(String collection, List<Object> ids) {
    this.collection = collection;
    List<Object> first = ids.subList(0, 700);
    List<Object> second = ids.subList(700, 1500);

    withStore(false, c -> insertAll(c, first));
    withStore(true, c -> {
      assertFound(c, first);
      assertUnique(c, first.get(3));
      insertAll(c, second);
      await(Reactive.first(c.deleteOne(Filters.eq("_id", first.get(10)))));
      // A document of the old file changed: its page is written again, in the new form, beside old pages.
      await(Reactive.first(c.updateOne(Filters.eq("_id", first.get(20)), Updates.set("text", "住房受损 " + first.get(20)))));
    });
    withStore(true, c -> {
      assertFound(c, second);
      assertFound(c, first.subList(11, first.size()));
      assertThat(await(Reactive.first(c.find(Filters.eq("_id", first.get(10))).first()))).isEmpty();
      assertUnique(c, second.get(5));
      assertThat(await(Reactive.one(c.countDocuments()))).isEqualTo(ids.size() - 1L);
    });
  }

  @Test
  void everyValueTypeComesBackAfterARestart() {
    this.collection = "values";
    Document nested = new Document("street", "中华路街道").append("amounts", List.of(1, 2L, 3.5));
    Document original = new Document("_id", new ObjectId())
        .append("int", 42).append("long", 5_000_000_000L).append("double", 0.25)
        .append("decimal", Decimal128.parse("50000.00")).append("text", "房屋受损 ✓ 𠮷").append("empty", "")
        .append("yes", true).append("nothing", null).append("at", new Date(1_764_000_000_000L))
        .append("oid", new ObjectId()).append("bytes", new Binary(new byte[] {0, 1, (byte) 0xff}))
        .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
        .append("nested", nested).append("list", List.of("a", 1, nested, List.of()))
        .append("regex", new BsonRegularExpression("^W[0-9]+$", "i")).append("ts", new BsonTimestamp(1_764_000_000, 3))
        .append("min", new MinKey()).append("max", new MaxKey());
    long keptAsJava = DocumentValueType.INSTANCE.keptAsJava();
    withStore(true, c -> await(Reactive.first(c.insertOne(original))));
    assertThat(DocumentValueType.INSTANCE.keptAsJava()).as("documents written in H2's own form").isEqualTo(keptAsJava);
    withStore(true, c -> assertThat(await(Reactive.first(c.find(Filters.eq("_id", original.get("_id"))).first())))
        .contains(original));
  }

  /** A conditional update by {@code _id} and more applies only where all of it matches, as on MongoDB. */
  @Test
  void anUpdateByIdAndMoreAppliesOnlyWhereAllOfItMatches() {
    this.collection = "conditional";
    withStore(true, c -> {
      for (int i = 0; i < 50; i++) {
        await(Reactive.first(c.insertOne(new Document("_id", "c" + i).append("v", 1))));
      }
      await(Reactive.first(c.updateOne(Filters.and(Filters.eq("_id", "c7"), Filters.eq("v", 1)), Updates.inc("v", 1))));
      await(Reactive.first(c.updateOne(Filters.and(Filters.eq("_id", "c8"), Filters.eq("v", 5)), Updates.inc("v", 1))));
      assertThat(value(c, "c7")).isEqualTo(2);
      assertThat(value(c, "c8")).isEqualTo(1);
      assertThat(await(Reactive.one(c.countDocuments(Filters.and(Filters.eq("_id", "c9"), Filters.exists("v")))))).isEqualTo(1L);
      assertThat(await(Reactive.one(c.countDocuments(Filters.and(Filters.eq("_id", "c9"), Filters.exists("v", false)))))).isZero();
      // An upsert whose condition misses tries to insert the same _id: the unique index refuses it.
      assertThatThrownBy(() -> await(Reactive.first(c.updateOne(Filters.and(Filters.eq("_id", "c9"), Filters.eq("v", 4)),
          Updates.inc("v", 1), new com.mongodb.client.model.UpdateOptions().upsert(true)))))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
      assertThat(value(c, "c9")).isEqualTo(1);
    });
  }

  private static int value(MongoCollection<Document> c, String id) {
    return await(Reactive.first(c.find(Filters.eq("_id", id)).first())).orElseThrow().getInteger("v");
  }

  private void withStore(boolean fast, java.util.function.Consumer<MongoCollection<Document>> work) {
    EmbeddedMongo embedded = EmbeddedMongo.start(data, fast);
    try (Store store = Store.open(Optional.of(embedded.connectionString()), data, "compat")) {
      work.accept(store.collection(collection));
    } finally {
      embedded.close();
    }
  }

  /** The store's own failure, unwrapped, so the duplicate-key check sees the driver's exception. */
  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void insertAll(MongoCollection<Document> c, List<Object> ids) {
    ids.forEach(id -> await(Reactive.first(c.insertOne(new Document("_id", id).append("text", "住房受损 " + id)))));
  }

  private static void assertFound(MongoCollection<Document> c, List<Object> ids) {
    for (Object id : ids) {
      Document d = await(Reactive.first(c.find(Filters.eq("_id", id)).first())).orElse(null);
      assertThat(d).as("look-up of %s", id).isNotNull();
      assertThat(d.getString("text")).isEqualTo("住房受损 " + id);
    }
  }

  private static void assertUnique(MongoCollection<Document> c, Object id) {
    assertThatThrownBy(() -> await(Reactive.first(c.insertOne(new Document("_id", id)))))
        .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
  }
}
