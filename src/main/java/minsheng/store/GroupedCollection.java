package minsheng.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One collection on the message path, with its writes and its reads by {@code _id} grouped: while one bulk
 * write (or one {@code $in} read) is with the store, the requests that arrive queue up and go together in the
 * next one. A lone request goes at once, so nothing waits for a timer; under load, one round trip and one
 * command serve dozens of residents. Each request still gets its own outcome: a duplicate key fails only the
 * insert that caused it, with the same {@link MongoWriteException} (code 11000) a single insert would give.
 */
public final class GroupedCollection {
  private static final int MAX_GROUP = 256;

  private final MongoCollection<Document> collection;
  private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
  private final ArrayDeque<PendingRead> reads = new ArrayDeque<>();
  /** Groups with the store at once, per kind: enough to keep the store busy while results travel back. */
  private static final int IN_FLIGHT = Integer.getInteger("minsheng.groups", 1);
  private int writing;
  private int reading;

  public GroupedCollection(MongoCollection<Document> collection) {
    this.collection = collection;
  }

  public MongoCollection<Document> collection() {
    return collection;
  }

  public Future<Void> insert(Document document) {
    return write(new InsertOneModel<>(document));
  }

  public Future<Void> update(Bson filter, Bson update) {
    return write(new UpdateOneModel<>(filter, update));
  }

  public Future<Void> upsert(Bson filter, Bson update) {
    return write(new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true)));
  }

  /** The document with that {@code _id}, if there is one. */
  public Future<Optional<Document>> byId(Object id) {
    PendingRead read = new PendingRead(id, Promise.promise(), Vertx.currentContext());
    boolean start;
    synchronized (this) {
      reads.add(read);
      start = reading < IN_FLIGHT;
      if (start) {
        reading++;
      }
    }
    if (start) {
      readNext();
    }
    return read.promise.future();
  }

  private record PendingWrite(WriteModel<Document> model, Promise<Void> promise, Context context) {
  }

  private record PendingRead(Object id, Promise<Optional<Document>> promise, Context context) {
  }

  private Future<Void> write(WriteModel<Document> model) {
    PendingWrite write = new PendingWrite(model, Promise.promise(), Vertx.currentContext());
    boolean start;
    synchronized (this) {
      writes.add(write);
      start = writing < IN_FLIGHT;
      if (start) {
        writing++;
      }
    }
    if (start) {
      writeNext();
    }
    return write.promise.future();
  }

  private void writeNext() {
    List<PendingWrite> group = new ArrayList<>();
    synchronized (this) {
      while (!writes.isEmpty() && group.size() < MAX_GROUP) {
        group.add(writes.poll());
      }
      if (group.isEmpty()) {
        writing--;
        return;
      }
    }
    List<WriteModel<Document>> models = new ArrayList<>(group.size());
    group.forEach(w -> models.add(w.model()));
    // Unordered: one resident's duplicate must not stop the others' writes.
    Reactive.first(collection.bulkWrite(models, new BulkWriteOptions().ordered(false))).onComplete(ar -> {
      Map<Integer, BulkWriteError> failed = new HashMap<>();
      Throwable all = null;
      if (ar.failed()) {
        if (ar.cause() instanceof MongoBulkWriteException bulk && bulk.getWriteConcernError() == null) {
          bulk.getWriteErrors().forEach(e -> failed.put(e.getIndex(), e));
        } else {
          all = ar.cause();
        }
      }
      for (int i = 0; i < group.size(); i++) {
        PendingWrite w = group.get(i);
        BulkWriteError error = failed.get(i);
        Throwable cause = all != null ? all
            : error != null ? new MongoWriteException(error, ((MongoBulkWriteException) ar.cause()).getServerAddress(),
                Set.of()) : null;
        deliver(w.context(), () -> {
          if (cause == null) {
            w.promise().complete();
          } else {
            w.promise().fail(cause);
          }
        });
      }
      writeNext();
    });
  }

  private void readNext() {
    List<PendingRead> group = new ArrayList<>();
    synchronized (this) {
      while (!reads.isEmpty() && group.size() < MAX_GROUP) {
        group.add(reads.poll());
      }
      if (group.isEmpty()) {
        reading--;
        return;
      }
    }
    List<Object> ids = new ArrayList<>(group.size());
    group.forEach(r -> ids.add(r.id()));
    Reactive.all(collection.find(ids.size() == 1 ? Filters.eq("_id", ids.get(0)) : Filters.in("_id", ids)))
        .onComplete(ar -> {
          Map<Object, Document> found = new HashMap<>();
          if (ar.succeeded()) {
            ar.result().forEach(d -> found.put(d.get("_id"), d));
          }
          for (PendingRead r : group) {
            deliver(r.context(), () -> {
              if (ar.failed()) {
                r.promise().fail(ar.cause());
              } else {
                r.promise().complete(Optional.ofNullable(found.get(r.id())));
              }
            });
          }
          readNext();
        });
  }

  private static void deliver(Context context, Runnable action) {
    if (context == null) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
