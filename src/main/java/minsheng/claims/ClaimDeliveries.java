package minsheng.claims;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import minsheng.store.FieldCipher;
import minsheng.store.Reactive;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The claims' delivery to the insurer, as stored on each claim ({@code delivery.*}): leasing a due claim, the
 * body sealed on its first try, and recording each try's outcome (delivered, held, to be retried) together with
 * the claim's status, history and change number in one single-document update. Part of {@link ClaimStore},
 * which owns the claims collection; the forwarder decides, this class writes.
 */
public final class ClaimDeliveries {
  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String HELD = "held";
  /** Tries kept on the claim for operators ({@code delivery.tries}); older ones drop off in the same update. */
  public static final int TRIES_KEPT = 20;

  private final ClaimStore store;
  private final MongoCollection<Document> claims;
  private final MongoCollection<Document> leases;
  private final FieldCipher cipher;

  /**
   * {@code claims} is written durably; {@code leases} is the same collection with the store's default
   * durability, for what a crash may take back harmlessly: a delivery lease (a lost one only means the claim is
   * sent again under the same Idempotency-Key) and the gauges' counts.
   */
  ClaimDeliveries(ClaimStore store, MongoCollection<Document> claims, MongoCollection<Document> leases,
      FieldCipher cipher) {
    this.store = store;
    this.claims = claims;
    this.leases = leases;
    this.cipher = cipher;
  }

  /** The index the worker's lease query and the gauges use. */
  public Future<Void> createIndexes() {
    return Reactive.first(claims.createIndex(Indexes.ascending("delivery.state", "delivery.nextAttemptAt")))
        .mapEmpty();
  }

  /** Every delivery lease belonged to a forwarder that stopped (see {@link ClaimStore#forgetDeadWriters}). */
  Future<Void> releaseAllLeases() {
    return Reactive.one(claims.updateMany(Filters.exists("delivery.leaseOwner"),
        Updates.combine(Updates.unset("delivery.leaseUntil"), Updates.unset("delivery.leaseOwner")))).mapEmpty();
  }

  /** Whether the claim exists and is HELD. */
  public Future<Boolean> isHeld(String claimNo) {
    return Reactive.first(claims.find(Filters.and(Filters.eq("_id", claimNo),
            Filters.eq("status", ClaimStatus.HELD.name()))).projection(new Document("_id", 1)).first())
        .map(Optional::isPresent);
  }

  /**
   * HELD → SUBMITTED (history entry by {@code operator}, new change number) and due for delivery now; false when
   * the claim is not HELD (any more).
   */
  public Future<Boolean> release(String claimNo, String operator, Date now) {
    return store.nextChangeSeq(claimNo).compose(seq -> Reactive.one(claims.updateOne(
        Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", ClaimStatus.HELD.name())),
        Updates.combine(
            Updates.set("status", ClaimStatus.SUBMITTED.name()),
            Updates.push("history", history(now, ClaimStatus.SUBMITTED, operator, "retry after hold")),
            Updates.set("updatedAt", now),
            Updates.set("changeSeq", seq),
            Updates.set("delivery.state", PENDING),
            Updates.set("delivery.attempts", 0),
            Updates.set("delivery.nextAttemptAt", now),
            Updates.unset("delivery.heldReason"),
            Updates.unset("delivery.leaseUntil"),
            Updates.unset("delivery.leaseOwner")))))
        .map(r -> r.getMatchedCount() > 0);
  }

  /** Takes the lease of the due claim waiting longest, if any, for {@code owner} until {@code until}. */
  public Future<Optional<Document>> lease(Date now, Date until, String owner) {
    return Reactive.first(leases.findOneAndUpdate(
        Filters.and(
            Filters.eq("delivery.state", PENDING),
            Filters.lte("delivery.nextAttemptAt", now),
            Filters.or(Filters.exists("delivery.leaseUntil", false), Filters.lt("delivery.leaseUntil", now))),
        Updates.combine(
            Updates.set("delivery.leaseUntil", until),
            Updates.set("delivery.leaseOwner", owner)),
        new FindOneAndUpdateOptions().sort(Indexes.ascending("delivery.nextAttemptAt"))
            .returnDocument(ReturnDocument.AFTER)));
  }

  /**
   * The body sent on every try of this claim: built and sealed into the claim on the first try. That write is
   * durable, so the claim itself is durable before the insurer ever sees its number, however the lease found it.
   */
  public Future<String> body(Document leased) {
    String claimNo = leased.getString("_id");
    String sealed = leased.get("delivery", Document.class).getString("body");
    if (sealed != null) {
      return Future.succeededFuture(cipher.decrypt(sealed));
    }
    String body = store.toClaim(leased).toJson(true).encode();
    return Reactive.one(claims.updateOne(
            Filters.and(Filters.eq("_id", claimNo), Filters.exists("delivery.body", false)),
            Updates.set("delivery.body", cipher.encrypt(body))))
        .compose(r -> r.getMatchedCount() > 0 ? Future.succeededFuture(body)
            // Someone stored a body first (only after a lease expired): that one is the body of this key.
            : Reactive.one(claims.find(Filters.eq("_id", claimNo)).first())
                .map(d -> cipher.decrypt(d.get("delivery", Document.class).getString("body"))));
  }

  /** One try as the claim keeps it: when, how it went, the HTTP status and an error or note. */
  public record Try(Date at, String outcome, int status, String error) {
    Document toDocument() {
      Document entry = new Document("at", at).append("outcome", outcome);
      if (status > 0) {
        entry.append("status", status);
      }
      if (error != null) {
        entry.append("error", error);
      }
      return entry;
    }
  }

  /**
   * The insurer took the claim: SUBMITTED → FORWARDED by {@code by} (with its reference, if it gave one); a
   * claim that is not SUBMITTED any more keeps its status and only the delivery is recorded. True when recorded
   * (false: it was recorded already).
   */
  public Future<Boolean> delivered(String claimNo, int attempts, Try tried, String insurerRef, String by) {
    Date now = tried.at();
    return store.nextChangeSeq(claimNo).compose(seq -> {
      List<Bson> deliveryFields = List.of(
          Updates.set("delivery.state", DELIVERED),
          Updates.set("delivery.deliveredAt", now),
          Updates.set("delivery.attempts", attempts),
          Updates.set("delivery.lastStatus", tried.status()),
          logTry(tried),
          Updates.unset("delivery.lastError"),
          Updates.unset("delivery.leaseUntil"),
          Updates.unset("delivery.leaseOwner"));
      List<Bson> forwarded = withStatus(deliveryFields, ClaimStatus.FORWARDED, now, by, null, seq);
      if (insurerRef != null) {
        forwarded.add(Updates.set("insurerRef", insurerRef));
      }
      return Reactive.one(claims.updateOne(
              Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", ClaimStatus.SUBMITTED.name()),
                  Filters.eq("delivery.state", PENDING)),
              Updates.combine(forwarded)))
          .compose(r -> {
            if (r.getMatchedCount() > 0) {
              return Future.succeededFuture(r);
            }
            // Not SUBMITTED any more (or already recorded): record the delivery, leave the status alone.
            List<Bson> only = new ArrayList<>(deliveryFields);
            if (insurerRef != null) {
              only.add(Updates.set("insurerRef", insurerRef));
              only.add(Updates.set("updatedAt", now));
              only.add(Updates.set("changeSeq", seq));
            }
            return Reactive.one(claims.updateOne(
                Filters.and(Filters.eq("_id", claimNo), Filters.eq("delivery.state", PENDING)), Updates.combine(only)));
          })
          .map(r -> r.getMatchedCount() > 0);
    });
  }

  /**
   * The insurer refused the claim: SUBMITTED → HELD by {@code by} with {@code note}, its answer kept for an
   * operator. True when recorded on a claim still leased by {@code owner}.
   */
  public Future<Boolean> held(String claimNo, String owner, int attempts, Try tried, String reason,
      Document response, String note, String by) {
    Date now = tried.at();
    return store.nextChangeSeq(claimNo).compose(seq -> {
      List<Bson> deliveryFields = List.of(
          Updates.set("delivery.state", HELD),
          reason == null ? Updates.unset("delivery.heldReason") : Updates.set("delivery.heldReason", reason),
          Updates.set("delivery.attempts", attempts),
          Updates.set("delivery.lastStatus", tried.status()),
          Updates.set("delivery.lastResponse", response),
          Updates.set("delivery.heldAt", now),
          logTry(tried),
          Updates.unset("delivery.leaseUntil"),
          Updates.unset("delivery.leaseOwner"));
      List<Bson> heldUpdate = withStatus(deliveryFields, ClaimStatus.HELD, now, by, note, seq);
      return Reactive.one(claims.updateOne(
              Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", ClaimStatus.SUBMITTED.name()),
                  Filters.eq("delivery.state", PENDING), Filters.eq("delivery.leaseOwner", owner)),
              Updates.combine(heldUpdate)))
          .compose(r -> r.getMatchedCount() > 0 ? Future.succeededFuture(r)
              : Reactive.one(claims.updateOne(owned(claimNo, owner), Updates.combine(deliveryFields))))
          .map(r -> r.getMatchedCount() > 0);
    });
  }

  /** Not delivered this time: due again at {@code next}. */
  public Future<Void> retry(String claimNo, String owner, int attempts, Try tried, Date next, String lastError) {
    List<Bson> update = new ArrayList<>(List.of(
        Updates.set("delivery.attempts", attempts),
        Updates.set("delivery.nextAttemptAt", next),
        Updates.set("delivery.lastError", lastError),
        Updates.set("delivery.lastAttemptAt", tried.at()),
        logTry(tried),
        Updates.unset("delivery.leaseUntil"),
        Updates.unset("delivery.leaseOwner")));
    if (tried.status() > 0) {
      update.add(Updates.set("delivery.lastStatus", tried.status()));
    }
    return Reactive.one(claims.updateOne(owned(claimNo, owner), Updates.combine(update))).mapEmpty();
  }

  /** Gives the lease back without a try (the circuit refused the call). */
  public Future<Void> unlease(String claimNo, String owner) {
    return Reactive.one(claims.updateOne(owned(claimNo, owner),
        Updates.combine(Updates.unset("delivery.leaseUntil"), Updates.unset("delivery.leaseOwner")))).mapEmpty();
  }

  /** Claims waiting to be delivered. */
  public Future<Long> countPending() {
    return Reactive.one(leases.countDocuments(Filters.eq("delivery.state", PENDING)));
  }

  /** Claims the insurer refused, waiting for an operator. */
  public Future<Long> countHeld() {
    return Reactive.one(leases.countDocuments(Filters.eq("status", ClaimStatus.HELD.name())));
  }

  /** Appends this try to the claim's bounded list of tries, in the update that records its outcome. */
  private static Bson logTry(Try tried) {
    return Updates.pushEach("delivery.tries", List.of(tried.toDocument()), new PushOptions().slice(-TRIES_KEPT));
  }

  /** The claim, still pending and still leased by {@code owner}. */
  private static Bson owned(String claimNo, String owner) {
    return Filters.and(Filters.eq("_id", claimNo), Filters.eq("delivery.state", PENDING),
        Filters.eq("delivery.leaseOwner", owner));
  }

  private static Document history(Date at, ClaimStatus status, String by, String note) {
    return new Document("at", at).append("status", status.name()).append("by", by).append("note", note);
  }

  /** A delivery's own fields, and the status move they make: the new status, its history entry and change number. */
  private static List<Bson> withStatus(List<Bson> deliveryFields, ClaimStatus status, Date now, String by, String note,
      long seq) {
    List<Bson> update = new ArrayList<>(deliveryFields);
    update.add(Updates.set("status", status.name()));
    update.add(Updates.push("history", history(now, status, by, note)));
    update.add(Updates.set("updatedAt", now));
    update.add(Updates.set("changeSeq", seq));
    return update;
  }
}
