package minsheng.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouped writes and reads: many callers at once, each with its own outcome, on the caller's context. */
class GroupedCollectionTest {
  @TempDir
  Path data;
  Store store;
  Vertx vertx;
  GroupedCollection grouped;

  @BeforeEach
  void open() {
    store = Store.open(Optional.empty(), data, "grouped");
    vertx = Vertx.vertx();
    grouped = new GroupedCollection(store.collection("items"));
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    store.close();
  }

  /** Runs the calls on one event loop, all issued in the same turn so that they queue behind each other. */
  private <T> List<Future<T>> together(int n, java.util.function.IntFunction<Future<T>> call) throws Exception {
    List<Future<T>> out = new ArrayList<>();
    io.vertx.core.Promise<Void> issued = io.vertx.core.Promise.promise();
    vertx.runOnContext(x -> {
      for (int i = 0; i < n; i++) {
        out.add(call.apply(i));
      }
      issued.complete();
    });
    issued.future().await(10, TimeUnit.SECONDS);
    Future.join(new ArrayList<>(out)).otherwiseEmpty().await(20, TimeUnit.SECONDS);
    return out;
  }

  @Test
  void aDuplicateFailsOnlyItsOwnInsertWithTheDriversDuplicateKeyError() throws Exception {
    grouped.insert(new Document("_id", "k7").append("n", -1)).await(10, TimeUnit.SECONDS);
    List<Future<Void>> inserts = together(300, i -> grouped.insert(new Document("_id", "k" + (i % 150)).append("n", i)));
    long failed = inserts.stream().filter(Future::failed).count();
    // 150 distinct keys were each sent twice, and k7 existed already: 150 + 1 of the 300 inserts are duplicates.
    assertThat(failed).isEqualTo(151);
    inserts.stream().filter(Future::failed).forEach(f -> assertThat(f.cause())
        .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000)));
    assertThat(Reactive.one(store.collection("items").countDocuments()).await(10, TimeUnit.SECONDS)).isEqualTo(150L);
  }

  @Test
  void documentsInsertedTogetherEachGetTheirOwnOutcome() throws Exception {
    grouped.insert(new Document("_id", "taken")).await(10, TimeUnit.SECONDS);
    List<Future<Void>> both = grouped.insertTogether(List.of(new Document("_id", "taken").append("n", 1),
        new Document("_id", "free").append("n", 2)));
    Future.join(both).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertThat(both.get(0).cause()).isInstanceOfSatisfying(MongoWriteException.class,
        e -> assertThat(e.getCode()).isEqualTo(11000));
    assertThat(both.get(1).succeeded()).isTrue();
    assertThat(Reactive.first(store.collection("items").find(new Document("_id", "taken"))).await(10, TimeUnit.SECONDS)
        .orElseThrow()).doesNotContainKey("n");
    assertThat(Reactive.one(store.collection("items").countDocuments()).await(10, TimeUnit.SECONDS)).isEqualTo(2L);
  }

  @Test
  void groupedReadsAndUpdatesEachGetTheirOwnDocument() throws Exception {
    together(100, i -> grouped.insert(new Document("_id", "d" + i).append("n", i)));
    together(100, i -> grouped.update(Filters.eq("_id", "d" + i), Updates.set("twice", 2 * i)));
    List<Future<Optional<Document>>> reads = together(120, i -> grouped.byId("d" + i));
    for (int i = 0; i < 120; i++) {
      Optional<Document> d = reads.get(i).result();
      if (i < 100) {
        assertThat(d).get().satisfies(doc -> assertThat(doc.getInteger("twice")).isEqualTo(2 * doc.getInteger("n")));
        assertThat(d.get().getInteger("n")).isEqualTo(i);
      } else {
        assertThat(d).isEmpty();
      }
    }
  }

  @Test
  void outcomesArriveOnTheCallersContext() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Thread> callers = new ArrayList<>();
    together(50, i -> {
      callers.add(Thread.currentThread());
      return grouped.upsert(Filters.eq("_id", "u" + (i % 5)), Updates.inc("n", 1))
          .onComplete(ar -> threads.add(Thread.currentThread()));
    });
    assertThat(threads).hasSize(50).allMatch(t -> t == callers.get(0));
    List<Future<Optional<Document>>> reads = together(5, i -> grouped.byId("u" + i));
    reads.forEach(r -> assertThat(r.result()).get().satisfies(d -> assertThat(d.getInteger("n")).isEqualTo(10)));
  }
}
