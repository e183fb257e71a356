package minsheng.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static minsheng.store.embedded.EmbeddedMongoTest.await;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between a document's write and its index entries' (H2 commits every 100 ms, whatever the maps hold)
 * leaves them apart on disk. The torn states are made here by editing the file as H2 sees it, then the store
 * is started as after a crash: every document is found, deleted and kept unique as before.
 */
class IndexRepairTest {
  private static final String DB = "repair";
  @TempDir
  Path data;

  @Test
  void afterAnUncleanStopEveryIndexAgreesWithTheDocumentsAgain() {
    withStore(c -> {
      await(Reactive.first(c.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true))));
      for (String id : new String[] {"a", "b", "c", "d", "e"}) {
        await(Reactive.first(c.insertOne(new Document("_id", id).append("code", id.toUpperCase()))));
      }
    });
    tear(file -> {
      MVMap<Object, Object> documents = file.openMap("databases." + DB + ".items",
          new MVMap.Builder<Object, Object>().valueType(DocumentValueType.INSTANCE));
      MVMap<Object, Object> ids = file.openMap(DB + ".items._index__id_",
          new MVMap.Builder<Object, Object>().keyType(IndexKeyType.INSTANCE));
      MVMap<Object, Object> codes = file.openMap(DB + ".items._index_code_1",
          new MVMap.Builder<Object, Object>().keyType(IndexKeyType.INSTANCE));
      removeEntryOf(ids, "b");          // a document without its _id entry (the crash ClaimCrashTest found)
      documents.remove("c");            // entries without their document
      removeEntryOf(codes, "d");        // a document without its entry in a second unique index
      file.openMap("minsheng.open").put("open", true);
    });

    withStore(c -> {
      assertThat(await(Reactive.first(c.find(Filters.eq("_id", "b")).first()))).isPresent();
      assertThat(await(Reactive.one(c.deleteOne(Filters.eq("_id", "b")))).getDeletedCount()).isEqualTo(1);
      await(Reactive.first(c.insertOne(new Document("_id", "c").append("code", "C"))));
      assertThatThrownBy(() -> await(Reactive.first(c.insertOne(new Document("_id", "x").append("code", "D")))))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
      assertThatThrownBy(() -> await(Reactive.first(c.insertOne(new Document("_id", "a")))))
          .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
      assertThat(await(Reactive.one(c.countDocuments()))).isEqualTo(4L);
    });
    tear(file -> assertThat(IndexRepair.leftOpen(file)).as("closed cleanly this time").isFalse());
  }

  private static void removeEntryOf(MVMap<Object, Object> index, Object position) {
    Object key = null;
    for (Map.Entry<Object, Object> e : index.entrySet()) {
      if (e.getValue().equals(position)) {
        key = e.getKey();
      }
    }
    assertThat(key).as("index entry of %s", position).isNotNull();
    index.remove(key);
  }

  /** The data file opened with H2 alone, as the crash left it, then closed. */
  private void tear(Consumer<MVStore> edit) {
    MVStore file = new MVStore.Builder().fileName(data.resolve(EmbeddedMongo.FILE_NAME).toString()).open();
    try {
      edit.accept(file);
    } finally {
      file.close();
    }
  }

  private void withStore(Consumer<MongoCollection<Document>> work) {
    EmbeddedMongo embedded = EmbeddedMongo.start(data);
    try (Store store = Store.open(Optional.of(embedded.connectionString()), data, DB)) {
      work.accept(store.collection("items"));
    } finally {
      embedded.close();
    }
  }
}
