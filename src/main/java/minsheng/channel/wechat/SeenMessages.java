package minsheng.channel.wechat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import minsheng.store.GroupedCollection;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * What the platform already sent us. The platform retries a message it got no answer to within 5 s, up to three
 * times; each copy must be processed once and answered the same way, also across a restart and across
 * instances. So the record lives in MongoDB: the first copy claims the message id with an insert (unique
 * {@code _id}); a retry finds the claim and waits for the first copy's reply, or takes it if it is already there.
 *
 * <p>A message the assistant answers is recorded as a turn whose id the claim names in advance, so its reply is
 * found in the turn and the claim is written once; only replies that have no turn (an event, a photo, a late
 * answer that went out as a customer-service message) are written to the claim afterwards.
 *
 * <p>The same collection keeps the requests' used signed pairs ({@link SignedPair}), written with the claims;
 * both carry an {@code expireAt}, so one TTL index (and on the embedded store, which has no TTL monitor, one
 * sweep) forgets both.
 */
public final class SeenMessages {
  private static final Duration KEEP = Duration.ofHours(48);
  private static final long POLL_MS = 100;
  private static final int DUPLICATE_KEY = 11000;

  private final Vertx vertx;
  private final MongoCollection<Document> seen;
  /** Claims and replies go to the store grouped: at load, one bulk write serves many messages. */
  private final GroupedCollection grouped;
  /**
   * Copies being handled on this instance, by message id; later copies here wait for the same outcome. Safe
   * across instances: it only saves a store round trip; which copy is first is decided by the unique insert.
   */
  private final Map<String, Promise<Claim>> inFlight = new ConcurrentHashMap<>();
  private final long pairWindowSeconds;
  /** A recorded turn's reply texts (see the class comment). */
  private final Function<ObjectId, Future<Optional<List<String>>>> turnReplies;

  /**
   * {@code pairWindowSeconds} is how far a request's timestamp may be from now: a used signed pair is kept until
   * no request could carry it any more.
   */
  public SeenMessages(Vertx vertx, Store store, Function<ObjectId, Future<Optional<List<String>>>> turnReplies,
      long pairWindowSeconds) {
    this.vertx = vertx;
    this.pairWindowSeconds = pairWindowSeconds;
    this.turnReplies = turnReplies;
    this.seen = store.collection("wechat_seen");
    this.grouped = new GroupedCollection(seen);
  }

  /**
   * Forgets records past their expiry. MongoDB's TTL index does this on a real deployment; the embedded store
   * has no TTL monitor, so the service also sweeps (harmless where both run).
   */
  public Future<Long> sweep() {
    return Reactive.one(seen.deleteMany(Filters.lt("expireAt", new Date()))).map(r -> r.getDeletedCount());
  }

  public Future<Void> createIndexes() {
    return Reactive.first(seen.createIndex(Indexes.ascending("expireAt"),
        new IndexOptions().expireAfter(0L, TimeUnit.SECONDS))).mapEmpty();
  }

  /** The outcome of claiming a message: either this copy processes it, or another copy's reply is reused. */
  public sealed interface Claim {
    /** This copy is the first: process it, then call {@link SeenMessages#done}. */
    record First() implements Claim {
    }

    /** Another copy was processed (or is being processed); its reply, when it came in time. */
    record Repeat(Optional<String> reply) implements Claim {
    }

    /** Another copy was answered in its turn: these texts (none when an operator had the conversation). */
    record Answered(List<String> texts) implements Claim {
    }

    /** The request's signed pair was already used with another body: a forgery, refused, nothing kept. */
    record Refused() implements Claim {
    }
  }

  /**
   * Claims a message whose answer, if the assistant gives one, is recorded as turn {@code turnId}; a repeat
   * waits at most {@code waitMs} for the first copy's reply. The request's signed pair is recorded in the same
   * write: when the pair was already used with another body, the outcome is {@link Claim.Refused} and nothing of
   * this request is kept (a claim it made is given up again).
   */
  public Future<Claim> claim(String key, ObjectId turnId, long waitMs, SignedPair pair) {
    Date now = new Date();
    Document doc = new Document("_id", key).append("state", "processing").append("turn", turnId).append("at", now)
        .append("expireAt", new Date(now.getTime() + KEEP.toMillis()));
    Promise<Claim> local = Promise.promise();
    if (inFlight.putIfAbsent(key, local) != null) {
      // A copy of a message this instance is handling now: only its pair is new.
      return admitted(pair, grouped.insert(pair.document(pairWindowSeconds)))
          .compose(ok -> ok ? waitLocally(key, waitMs) : Future.succeededFuture(new Claim.Refused()));
    }
    List<Future<Void>> writes = grouped.insertTogether(List.of(pair.document(pairWindowSeconds), doc));
    Future<Void> claimed = writes.get(1);
    return Future.join(writes).transform(v -> admitted(pair, writes.get(0))).transform(admission -> {
      if (admission.succeeded() && admission.result()) {
        return outcomeOfClaimInsert(key, waitMs, local, claimed);
      }
      // Refused (or not known to be safe): the claim this request may have made must not stand.
      Future<Void> undo = claimed.succeeded() ? release(key) : Future.succeededFuture();
      inFlight.remove(key, local);
      local.tryFail("refused");
      return undo.transform(u -> admission.failed() ? Future.<Claim>failedFuture(admission.cause())
          : Future.<Claim>succeededFuture(new Claim.Refused()));
    });
  }

  /** True when the pair's insert went in, or found the same pair made by the same body (a retry). */
  private Future<Boolean> admitted(SignedPair pair, Future<Void> insert) {
    return insert.map(v -> true).recover(e -> {
      if (e instanceof MongoWriteException w && w.getCode() == DUPLICATE_KEY) {
        return grouped.byId(pair.id()).map(found -> found.map(pair::sameBodyAs).orElse(false));
      }
      return Future.failedFuture(e);
    });
  }

  private Future<Claim> outcomeOfClaimInsert(String key, long waitMs, Promise<Claim> local, Future<Void> claimed) {
    if (claimed.succeeded()) {
      return Future.succeededFuture(new Claim.First());
    }
    if (claimed.cause() instanceof MongoWriteException w && w.getCode() == DUPLICATE_KEY) {
      // Another instance (or this one before a restart) has it; copies that queued behind this one here
      // get what this one finds.
      return waitInStore(key, System.currentTimeMillis() + waitMs).onComplete(ar -> {
        inFlight.remove(key, local);
        local.tryComplete(ar.succeeded() ? ar.result() : new Claim.Repeat(Optional.empty()));
      });
    }
    inFlight.remove(key, local);
    local.tryFail(claimed.cause());
    return Future.failedFuture(claimed.cause());
  }

  /** The first copy was answered in its turn: copies waiting here get the reply; the store already has it. */
  public void answered(String key, String reply) {
    Promise<Claim> local = inFlight.remove(key);
    if (local != null) {
      local.tryComplete(new Claim.Repeat(Optional.of(reply)));
    }
  }

  /** Records the reply given to the first copy ("success" when it went out later by customer-service message). */
  public Future<Void> done(String key, String reply) {
    answered(key, reply);
    return grouped.update(Filters.eq("_id", key),
        Updates.combine(Updates.set("state", "done"), Updates.set("reply", reply)));
  }

  /** Gives a message up (it failed before a reply), so the platform's next retry processes it afresh. */
  public Future<Void> release(String key) {
    Promise<Claim> local = inFlight.remove(key);
    if (local != null) {
      local.tryFail("released");
    }
    return Reactive.first(seen.deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("state", "processing"))))
        .mapEmpty();
  }

  private Future<Claim> waitLocally(String key, long waitMs) {
    Promise<Claim> local = inFlight.get(key);
    if (local == null) {
      return waitInStore(key, System.currentTimeMillis() + waitMs);
    }
    Promise<Claim> out = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, waitMs), t -> out.tryComplete(new Claim.Repeat(Optional.empty())));
    local.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      // The copy ahead completes this with its reply (or with what it found in the store), never with First.
      out.tryComplete(ar.succeeded() ? ar.result() : new Claim.Repeat(Optional.empty()));
    });
    return out.future();
  }

  private Future<Claim> waitInStore(String key, long deadline) {
    return Reactive.first(seen.find(Filters.eq("_id", key)).first()).compose(found -> {
      Document d = found.orElse(null);
      if (d != null && "done".equals(d.getString("state"))) {
        return Future.succeededFuture(new Claim.Repeat(Optional.ofNullable(d.getString("reply"))));
      }
      ObjectId turn = d == null ? null : d.getObjectId("turn");
      return (turn == null ? Future.succeededFuture(Optional.<List<String>>empty()) : turnReplies.apply(turn))
          .compose(texts -> {
            if (texts.isPresent()) {
              return Future.succeededFuture(new Claim.Answered(texts.get()));
            }
            if (System.currentTimeMillis() + POLL_MS >= deadline) {
              return Future.succeededFuture(new Claim.Repeat(Optional.empty()));
            }
            Promise<Claim> next = Promise.promise();
            vertx.setTimer(POLL_MS, t -> waitInStore(key, deadline).onComplete(next));
            return next.future();
          });
    });
  }
}
