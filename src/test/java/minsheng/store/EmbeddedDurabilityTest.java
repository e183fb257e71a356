package minsheng.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store honours write concern {@code j: true}: the write is in the data file when the driver has
 * the acknowledgement (not up to 100 ms later), and the collections the claim numbering relies on enforce their
 * unique index under concurrent inserts of one key.
 */
class EmbeddedDurabilityTest {
  @TempDir
  Path data;
  @TempDir
  Path copies;

  @Test
  void aDurableWriteIsInTheFileWhenItIsAcknowledged() throws Exception {
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      for (int i = 0; i < 3; i++) {
        Reactive.one(store.durableCollection("claims").insertOne(new Document("_id", "WC-2026-00000" + i)))
            .await(10, TimeUnit.SECONDS);
        // What a kill -9 at this instant would leave: the file as it is now.
        Path copy = Files.createDirectories(copies.resolve("copy" + i));
        Files.copy(data.resolve("minsheng.mv.db"), copy.resolve("minsheng.mv.db"));
        try (Store after = Store.open(Optional.empty(), copy, "test")) {
          assertThat(Reactive.one(after.collection("claims").countDocuments()).await(10, TimeUnit.SECONDS))
              .as("claims in the file right after claim %d was acknowledged", i).isEqualTo(i + 1);
        }
      }
    }
  }

  @Test
  void concurrentInsertsOfOneNumberLeaveTheWinnersDocument() throws Exception {
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      for (int round = 0; round < 30; round++) {
        String id = "WC-2026-" + String.format("%06d", round);
        List<Future<Object>> tries = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
          tries.add(Reactive.one(store.durableCollection("claims").insertOne(new Document("_id", id)
              .append("writer", writer))).map(r -> (Object) r).recover(e -> Future.succeededFuture(e)));
        }
        Future.all(tries).await(10, TimeUnit.SECONDS);
        List<Integer> won = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
          if (!(tries.get(writer).result() instanceof Throwable)) {
            won.add(writer);
          }
        }
        assertThat(won).as("inserts of %s that succeeded", id).hasSize(1);
        Document stored = Reactive.one(store.collection("claims").find(new Document("_id", id)).first())
            .await(10, TimeUnit.SECONDS);
        assertThat(stored.getInteger("writer")).as("the stored %s is the one acknowledged", id).isEqualTo(won.get(0));
      }
    }
  }
}
