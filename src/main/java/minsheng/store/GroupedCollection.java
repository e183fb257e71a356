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
import java.util.function.BiConsumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One collection on the message path, with its writes and its reads by {@code _id} grouped: while one bulk
 * write (or one {@code $in} read) is with the store, the requests that arrive queue up and go together in the
 * next one. A lone request goes at once, so nothing waits for a timer; under load, one round trip and one
 * command serve dozens of residents. Each request still gets its own outcome: a duplicate key fails only the
 * insert that caused it, with the same {@link MongoWriteException} (code 11000) a single insert would give.
 * (Two groups of a kind in flight at once were measured slower than one.)
 */
public final class GroupedCollection {
  private static final int MAX_GROUP = 256;

  private final MongoCollection<Document> collection;
  private final Lane<WriteModel<Document>, Void> writes = new Lane<>(this::writeGroup);
  private final Lane<Object, Optional<Document>> reads = new Lane<>(this::readGroup);

  public GroupedCollection(MongoCollection<Document> collection) {
    this.collection = collection;
  }

  public MongoCollection<Document> collection() {
    return collection;
  }

  public Future<Void> insert(Document document) {
    return writes.submit(new InsertOneModel<>(document));
  }

  /**
   * Inserts that go in one bulk write (unless a full group splits them): each has its own outcome, as if inserted
   * alone, but together they cost one round trip where one after the other would cost two.
   */
  public List<Future<Void>> insertTogether(List<Document> documents) {
    return writes.submitAll(documents.stream().<WriteModel<Document>>map(InsertOneModel::new).toList());
  }

  public Future<Void> update(Bson filter, Bson update) {
    return writes.submit(new UpdateOneModel<>(filter, update));
  }

  public Future<Void> upsert(Bson filter, Bson update) {
    return writes.submit(new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true)));
  }

  /** The document with that {@code _id}, if there is one. */
  public Future<Optional<Document>> byId(Object id) {
    return reads.submit(id);
  }

  /** A request waiting in a lane, and where its outcome is to be delivered. */
  private record Pending<I, O>(I input, Promise<O> promise, Context context) {
    void complete(O value) {
      deliver(() -> promise.complete(value));
    }

    void fail(Throwable cause) {
      deliver(() -> promise.fail(cause));
    }

    private void deliver(Runnable action) {
      if (context == null) {
        action.run();
      } else {
        context.runOnContext(v -> action.run());
      }
    }
  }

  /**
   * One kind of request: queued, sent as a group while no other group of its kind is with the store, and the
   * next group sent when that one's outcomes are handed out. {@code send} completes every request of a group and
   * then runs the callback it is given.
   */
  private static final class Lane<I, O> {
    private final BiConsumer<List<Pending<I, O>>, Runnable> send;
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
    private boolean busy;

    Lane(BiConsumer<List<Pending<I, O>>, Runnable> send) {
      this.send = send;
    }

    Future<O> submit(I input) {
      return submitAll(List.of(input)).get(0);
    }

    List<Future<O>> submitAll(List<I> inputs) {
      Context context = Vertx.currentContext();
      List<Pending<I, O>> pending = inputs.stream().map(i -> new Pending<I, O>(i, Promise.promise(), context)).toList();
      boolean start;
      synchronized (this) {
        queue.addAll(pending);
        start = !busy;
        busy = true;
      }
      if (start) {
        next();
      }
      return pending.stream().map(p -> p.promise().future()).toList();
    }

    private void next() {
      List<Pending<I, O>> group = new ArrayList<>();
      synchronized (this) {
        while (!queue.isEmpty() && group.size() < MAX_GROUP) {
          group.add(queue.poll());
        }
        if (group.isEmpty()) {
          busy = false;
          return;
        }
      }
      send.accept(group, this::next);
    }
  }

  private void writeGroup(List<Pending<WriteModel<Document>, Void>> group, Runnable then) {
    List<WriteModel<Document>> models = new ArrayList<>(group.size());
    group.forEach(w -> models.add(w.input()));
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
        BulkWriteError error = failed.get(i);
        if (all != null) {
          group.get(i).fail(all);
        } else if (error != null) {
          group.get(i).fail(new MongoWriteException(error,
              ((MongoBulkWriteException) ar.cause()).getServerAddress(), Set.of()));
        } else {
          group.get(i).complete(null);
        }
      }
      then.run();
    });
  }

  private void readGroup(List<Pending<Object, Optional<Document>>> group, Runnable then) {
    List<Object> ids = new ArrayList<>(group.size());
    group.forEach(r -> ids.add(r.input()));
    Reactive.all(collection.find(ids.size() == 1 ? Filters.eq("_id", ids.get(0)) : Filters.in("_id", ids)))
        .onComplete(ar -> {
          Map<Object, Document> found = new HashMap<>();
          if (ar.succeeded()) {
            ar.result().forEach(d -> found.put(d.get("_id"), d));
          }
          for (Pending<Object, Optional<Document>> r : group) {
            if (ar.failed()) {
              r.fail(ar.cause());
            } else {
              r.complete(Optional.ofNullable(found.get(r.input())));
            }
          }
          then.run();
        });
  }
}
