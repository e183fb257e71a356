package minsheng.channel.wechat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Date;
import java.util.concurrent.atomic.AtomicBoolean;
import minsheng.retry.RetryDelays;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages to WeChat residents that leave outside a passive reply: answers that missed the 5-second window,
 * operators' replies, claim notices. Each is written to MongoDB first and sent by a worker that leases one
 * message at a time ({@code findOneAndUpdate}), so none is lost while the platform is down and two instances
 * never send the same one at once. Failures are retried with exponential backoff and jitter (RetryDelays); a message the
 * platform refuses because the resident has been silent for 48 hours becomes a call-back task for operators.
 */
public final class OutboundQueue {
  private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);
  private static final long LEASE_MS = 30_000;
  private static final long IDLE_POLL_MS = 1_000;

  public static final String PENDING = "pending";
  public static final String SENT = "sent";
  /** Kept for operators to call the resident back: the platform no longer accepts messages to them. */
  public static final String CALL_BACK = "call_back";

  private final Vertx vertx;
  private final MongoCollection<Document> outbound;
  private final PlatformApi api;
  private volatile boolean running;
  private long timer = -1;

  public OutboundQueue(Vertx vertx, Store store, PlatformApi api) {
    this.vertx = vertx;
    this.outbound = store.collection("wechat_outbound");
    this.api = api;
  }

  public Future<Void> createIndexes() {
    return Reactive.first(outbound.createIndex(Indexes.ascending("state", "nextAttemptAt"))).mapEmpty();
  }

  /** Queues a text for a resident; the worker sends it. */
  public Future<String> enqueueText(String openId, String text, String origin) {
    Date now = new Date();
    ObjectId id = new ObjectId();
    Document doc = new Document("_id", id).append("openId", openId).append("text", text).append("origin", origin)
        .append("state", PENDING).append("attempts", 0).append("createdAt", now).append("nextAttemptAt", now)
        .append("leaseUntil", new Date(0));
    return Reactive.first(outbound.insertOne(doc)).map(r -> {
      wake();
      return id.toHexString();
    });
  }

  public void start() {
    running = true;
    schedule(0);
  }

  public void stop() {
    running = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void wake() {
    if (running) {
      vertx.runOnContext(v -> drain());
    }
  }

  private void schedule(long delayMs) {
    if (running) {
      timer = vertx.setTimer(Math.max(1, delayMs), t -> drain());
    }
  }

  private final AtomicBoolean draining = new AtomicBoolean();

  /** Sends due messages one after another until none is due, then polls. */
  private void drain() {
    if (!running || !draining.compareAndSet(false, true)) {
      return;
    }
    Date now = new Date();
    Reactive.first(outbound.findOneAndUpdate(
            Filters.and(Filters.eq("state", PENDING), Filters.lte("nextAttemptAt", now), Filters.lt("leaseUntil", now)),
            Updates.set("leaseUntil", new Date(now.getTime() + LEASE_MS)),
            new FindOneAndUpdateOptions().sort(Indexes.ascending("nextAttemptAt")).returnDocument(ReturnDocument.AFTER)))
        .compose(found -> found.isEmpty() ? Future.succeededFuture(false) : send(found.get()).map(true))
        .onComplete(ar -> {
          draining.set(false);
          if (ar.failed()) {
            log.warn("outbound queue: {}", ar.cause().toString());
            schedule(IDLE_POLL_MS);
          } else if (ar.result()) {
            vertx.runOnContext(v -> drain());
          } else {
            schedule(IDLE_POLL_MS);
          }
        });
  }

  private Future<Void> send(Document msg) {
    JsonObject body = new JsonObject().put("touser", msg.getString("openId")).put("msgtype", "text")
        .put("text", new JsonObject().put("content", msg.getString("text")));
    int attempts = msg.getInteger("attempts", 0) + 1;
    return api.sendCustomMessage(body)
        .map(r -> r.ok() ? Updates.combine(Updates.set("state", SENT), Updates.set("sentAt", new Date()),
                Updates.set("attempts", attempts))
            : r.errcode() == PlatformApi.OUT_OF_WINDOW
                ? Updates.combine(Updates.set("state", CALL_BACK), Updates.set("attempts", attempts),
                    Updates.set("lastError", r.errcode() + " " + r.errmsg()))
                : retryLater(attempts, r.errcode() + " " + r.errmsg()))
        .recover(e -> Future.succeededFuture(retryLater(attempts, e.getMessage())))
        .compose(update -> Reactive.first(outbound.updateOne(Filters.eq("_id", msg.get("_id")), update)).mapEmpty());
  }

  private static org.bson.conversions.Bson retryLater(int attempts, String error) {
    long jittered = RetryDelays.DEFAULT.delayMs(attempts);
    return Updates.combine(Updates.set("attempts", attempts), Updates.set("lastError", error),
        Updates.set("nextAttemptAt", new Date(System.currentTimeMillis() + jittered)),
        Updates.set("leaseUntil", new Date(0)));
  }
}
