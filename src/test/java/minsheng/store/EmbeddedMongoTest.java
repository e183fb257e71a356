package minsheng.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's faster index key type must keep the data file exactly as mongo-java-server writes it:
 * a file written by the stock backend is read by ours and the other way round, every key found by look-up
 * (which only works if both order keys the same way) and the unique index still enforced.
 */
class EmbeddedMongoTest {
  @TempDir
  Path data;
  String collection;

  @Test
  void dataFilesStayCompatibleWithTheStockBackendBothWays() {
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
  void numberAndObjectIdKeysStayCompatibleToo() {
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
    });
    withStore(false, c -> {
      assertFound(c, second);
      assertFound(c, first.subList(11, first.size()));
      assertThat(await(Reactive.first(c.find(Filters.eq("_id", first.get(10))).first()))).isEmpty();
      assertUnique(c, second.get(5));
      assertThat(await(Reactive.one(c.countDocuments()))).isEqualTo(ids.size() - 1L);
    });
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
  private static <T> T await(Future<T> f) {
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
