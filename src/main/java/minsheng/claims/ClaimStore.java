package minsheng.claims;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import minsheng.store.FieldCipher;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Claims in MongoDB. A claim number {@code WC-YYYY-NNNNNN} is taken by the claim's own insert (see
 * {@link #submit}); the ID number and phone are sealed with {@link FieldCipher}, with a keyed hash beside each for
 * look-up and the masked form for lists. Submitting writes, in the one insert, the claim, its first history entry,
 * its change sequence (for insurers polling) and its mark for delivery to the insurer, so no crash can separate
 * them.
 *
 * <p>Claims are written and read through {@link Store#durableCollection}: a claim, each change of it and each
 * delivery record is durable before anyone is told about it, and a number is never shown from a write a crash
 * could still take back. What a claim's write depends on (its change number and in-flight marker, the numbering
 * counter) is written before it with the default write concern and needs no forcing of its own: a durable write
 * makes every earlier write durable too (the embedded store commits the whole file; a replica set's majority
 * point is a position in its oplog), so the claim's acknowledgement covers them.
 */
public final class ClaimStore {
  static final ZoneId DISTRICT_TIME = ZoneId.of("Asia/Shanghai");

  private final Store store;
  private final MongoCollection<Document> claims;
  private final MongoCollection<Document> markers;
  private volatile Runnable submitted = () -> { };
  private final FieldCipher cipher;
  private final String prefix;
  private final ClaimDocuments documents;
  private final ClaimChanges changes;
  private final ClaimDeliveries deliveries;
  private final ClaimNumbering numbering;
  private final ClaimSearch search;

  public ClaimStore(Store store, FieldCipher cipher, String prefix) {
    this.store = store;
    this.claims = store.durableCollection("claims");
    this.markers = store.collection("claim_change_markers");
    this.cipher = cipher;
    this.prefix = prefix;
    this.documents = new ClaimDocuments(cipher);
    this.changes = new ClaimChanges(store, claims, markers);
    this.deliveries = new ClaimDeliveries(this, claims, store.collection("claims"), cipher);
    this.search = new ClaimSearch(claims, documents, this::phoneIs);
    this.numbering = new ClaimNumbering(store, claims, changes, prefix, this::bySubmission);
  }

  /** The claims' delivery to the insurer (lease, delivered, held, release). */
  public ClaimDeliveries deliveries() {
    return deliveries;
  }

  public Future<Void> createIndexes() {
    return Future.all(List.of(
        Reactive.first(claims.createIndex(Indexes.ascending("claimant.phoneHash"))),
        Reactive.first(claims.createIndex(Indexes.ascending("resident"))),
        Reactive.first(claims.createIndex(Indexes.descending("createdAt"))),
        Reactive.first(claims.createIndex(Indexes.ascending("submission"),
            new IndexOptions().unique(true).sparse(true))),
        Reactive.first(claims.createIndex(Indexes.ascending("changeSeq"), new IndexOptions().unique(true))),
        // The statistics count claims filed within a window of days.
        Reactive.first(claims.createIndex(Indexes.ascending("createdAt"))),
        deliveries.createIndexes())).mapEmpty();
  }

  /**
   * At start-up on the embedded store, which has one owner at a time: every change number still marked in flight
   * was taken by this service before it stopped (or crashed) and will never be written, so readers need not wait
   * {@value ClaimChanges#IN_FLIGHT_PATIENCE_MS} ms for it (insurers polling right after a restart would otherwise see nothing
   * past it); and every delivery lease belonged to the forwarder of that run, so its claims are due again now
   * rather than when the lease expires. On a shared MongoDB another instance may be writing or sending, so its
   * markers and leases are left to expire.
   */
  public Future<Void> forgetDeadWriters() {
    if (!store.isEmbedded()) {
      return Future.succeededFuture();
    }
    return changes.forgetInFlight().compose(v -> deliveries.releaseAllLeases());
  }

  /** What a resident (or an operator for a caller) filed, before it has a number. */
  public record NewClaim(String channel, String policy, Claim.Claimant claimant, Peril peril, List<Claim.Loss> losses,
      LocalDate incidentDate, String description, List<Claim.Attachment> attachments, boolean awaitingDocuments) {
    public NewClaim(String channel, String policy, Claim.Claimant claimant, Peril peril, List<Claim.Loss> losses,
        LocalDate incidentDate, String description, List<Claim.Attachment> attachments) {
      this(channel, policy, claimant, peril, losses, incidentDate, description, attachments, false);
    }
  }

  /** Stores a new claim for the resident {@code residentKey} (channel and user), filed by {@code by}. */
  public Future<Claim> submit(NewClaim n, String residentKey, String by) {
    return submit(n, residentKey, by, null, List.of());
  }

  /**
   * The same, with a note on the first history entry (an operator's word on a caller's claim) and the review
   * flags (OVER_CAP:…), written in the one insert so that no reader ever sees the claim without its flags.
   * {@code residentKey} is null for a claim an operator filed for a caller: nobody is told on a channel.
   */
  public Future<Claim> submit(NewClaim n, String residentKey, String by, String note, List<String> flags) {
    return submit(n, residentKey, by, note, flags, null);
  }

  /**
   * The same, once per {@code submission} (a key of the resident's draft, or null): a second submit with the key
   * answers the claim the first one filed, whatever happened in between (a crash that took back the draft's
   * deletion, a repeated 确认, two copies of one message), and files nothing. The claim's insert takes its
   * number (see {@link ClaimNumbering}).
   */
  public Future<Claim> submit(NewClaim n, String residentKey, String by, String note, List<String> flags,
      String submission) {
    Future<Optional<Claim>> earlier = submission == null ? Future.succeededFuture(Optional.empty())
        : bySubmission(submission);
    return earlier.compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      // The store keeps milliseconds: the claim answered is then the claim read back.
      Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      int year = now.atZone(DISTRICT_TIME).getYear();
      Claim.HistoryEntry first = new Claim.HistoryEntry(now, ClaimStatus.SUBMITTED, by, note);
      return numbering.insert(year, claimNo -> {
        Claim claim = new Claim(claimNo, ClaimStatus.SUBMITTED, n.channel(), n.policy(), n.claimant(), n.peril(),
            n.losses(), n.incidentDate(), n.description(), n.attachments(), now, now, null, List.of(first),
            n.awaitingDocuments());
        Document doc = toDocument(claim).append("resident", residentKey)
            .append("delivery", new Document("state", "pending").append("attempts", 0)
                .append("nextAttemptAt", Date.from(now)));
        if (!flags.isEmpty()) {
          doc.append("flags", List.copyOf(flags));
        }
        if (submission != null) {
          doc.append("submission", submission);
        }
        return Map.entry(claim, doc);
      }, submission);
    }).map(claim -> {
      submitted.run();
      return claim;
    });
  }

  /** The claim filed from the draft {@code submission}, if any. */
  public Future<Optional<Claim>> bySubmission(String submission) {
    return Reactive.first(claims.find(Filters.eq("submission", submission)).first()).map(d -> d.map(this::toClaim));
  }

  /** Called after each submit (the forwarder wakes up rather than waiting for its next poll). */
  public void onSubmitted(Runnable listener) {
    this.submitted = listener;
  }

  /**
   * The next value of the claims' change sequence: every change of a claim stores a fresh one, which is what
   * insurers page through.
   */
  public Future<Long> nextChangeSeq() {
    return nextChangeSeq(null);
  }

  /** The same, for a change of {@code claimNo} about to be written (see {@link ClaimChanges#next}). */
  public Future<Long> nextChangeSeq(String claimNo) {
    return changes.next(claimNo);
  }

  /** Claims changed after {@code since}, oldest change first (see {@link ClaimChanges#since}). */
  public Future<List<Document>> changesSince(long since, int limit) {
    return changes.since(since, limit);
  }

  /** Every claim, newest first, in batches as the reader asks for them (the exports). */
  public org.reactivestreams.Publisher<Document> all(int batchSize) {
    return claims.find().sort(Indexes.descending("createdAt")).batchSize(batchSize);
  }

  /** Claims filed since {@code from}, counted by one field ({@code $status}, ...), most first. */
  public Future<List<Document>> countFiledSince(Date from, String field) {
    return Reactive.all(claims.aggregate(List.of(Aggregates.match(Filters.gte("createdAt", from)),
        Aggregates.group(field, Accumulators.sum("count", 1)),
        Aggregates.sort(Sorts.orderBy(Sorts.descending("count"), Sorts.ascending("_id"))))));
  }

  /** What a status change came to. */
  public sealed interface StatusChange {
    record Changed(Claim claim) implements StatusChange {
    }

    /** The same update again: nothing changes, and the caller answers as if it had. */
    record Unchanged(Claim claim) implements StatusChange {
    }

    record Refused(ClaimStatus current) implements StatusChange {
    }

    record NotFound() implements StatusChange {
    }
  }

  /**
   * Moves a claim to {@code next} if the lifecycle allows it from where it is, as one conditional
   * single-document update (status must still be what was read), with a history entry and a new change number.
   */
  public Future<StatusChange> changeStatus(String claimNo, ClaimStatus next, String note, BigDecimal paidAmount,
      String by) {
    return Reactive.first(claims.find(Filters.eq("_id", claimNo)).first()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new StatusChange.NotFound());
      }
      Document d = found.get();
      ClaimStatus current = ClaimStatus.valueOf(d.getString("status"));
      if (current == next && sameAsLast(d, next, note)) {
        return Future.succeededFuture(new StatusChange.Unchanged(toClaim(d)));
      }
      if (!current.canMoveTo(next)) {
        return Future.succeededFuture(new StatusChange.Refused(current));
      }
      Date now = new Date();
      return nextChangeSeq(claimNo).compose(seq -> {
        List<org.bson.conversions.Bson> set = new ArrayList<>(List.of(
            com.mongodb.client.model.Updates.set("status", next.name()),
            com.mongodb.client.model.Updates.set("updatedAt", now),
            com.mongodb.client.model.Updates.set("changeSeq", seq),
            com.mongodb.client.model.Updates.push("history", new Document("at", now).append("status", next.name())
                .append("by", by).append("note", note))));
        if (paidAmount != null) {
          set.add(com.mongodb.client.model.Updates.set("paidAmount", paidAmount.toPlainString()));
        }
        return Reactive.one(claims.updateOne(Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", current.name())),
                com.mongodb.client.model.Updates.combine(set)))
            .compose(r -> r.getModifiedCount() == 1
                ? byNumber(claimNo).map(c -> (StatusChange) new StatusChange.Changed(c.orElseThrow()))
                : changeStatus(claimNo, next, note, paidAmount, by));
      });
    });
  }

  private static boolean sameAsLast(Document d, ClaimStatus status, String note) {
    List<Document> history = d.getList("history", Document.class, List.of());
    if (history.isEmpty()) {
      return false;
    }
    Document last = history.get(history.size() - 1);
    return status.name().equals(last.getString("status")) && java.util.Objects.equals(note, last.getString("note"));
  }

  /** The flags set on a claim. */
  public Future<List<String>> flags(String claimNo) {
    return Reactive.first(claims.find(Filters.eq("_id", claimNo)).first())
        .map(d -> d.map(x -> x.getList("flags", String.class, List.of())).orElse(List.of()));
  }

  /**
   * A photo or document the resident added after submission (asked for by the insurer, or promised for later):
   * the claim changes, so polling insurers see it, and it no longer awaits documents.
   */
  public Future<Void> addAttachment(String claimNo, Claim.Attachment attachment) {
    return change(claimNo, Updates.combine(Updates.push("attachments", ClaimDocuments.attachment(attachment)),
        Updates.set("awaitingDocuments", false)));
  }

  /** One change of a claim: the update, a new change number and the time, in a single-document write. */
  private Future<Void> change(String claimNo, Bson update) {
    return change(Filters.eq("_id", claimNo), claimNo, update).mapEmpty();
  }

  /** The same, only where {@code filter} still matches; true when it did. */
  private Future<Boolean> change(Bson filter, String claimNo, Bson update) {
    return nextChangeSeq(claimNo).compose(seq -> Reactive.first(claims.updateOne(filter,
            Updates.combine(update, Updates.set("changeSeq", seq), Updates.set("updatedAt", new Date())))))
        .map(r -> r.isPresent() && r.get().getMatchedCount() > 0);
  }

  /** Words the resident added later (NEEDS_INFO), appended to the description with the date. */
  public Future<Void> addToDescription(String claimNo, String text) {
    String stamp = LocalDate.now(DISTRICT_TIME).toString();
    return Reactive.first(claims.find(Filters.eq("_id", claimNo)).first()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      String description = found.get().getString("description") + "\n[补充 " + stamp + "] " + text;
      return change(claimNo, Updates.set("description", description));
    });
  }

  /** "channel:user" of the resident who filed a claim (null for one an operator filed for a caller). */
  public Future<String> residentOf(String claimNo) {
    return Reactive.first(claims.find(Filters.eq("_id", claimNo)).first())
        .map(d -> d.map(x -> x.getString("resident")).orElse(null));
  }

  public Future<Optional<Claim>> byNumber(String claimNo) {
    return Reactive.first(claims.find(Filters.eq("_id", claimNo)).first()).map(d -> d.map(this::toClaim));
  }

  /** A resident's claims, newest first. */
  public Future<List<Claim>> ofResident(String residentKey) {
    return Reactive.all(claims.find(Filters.eq("resident", residentKey)).sort(Indexes.descending("createdAt")))
        .map(docs -> docs.stream().map(this::toClaim).toList());
  }

  /**
   * The latest claim filed since {@code since} by the same person (ID number, found by its keyed hash) for the same
   * address and incident date: a possible duplicate of a claim about to be filed.
   */
  public Future<Optional<Claim>> sameIncident(IdNumber id, Claim.Address address, LocalDate incidentDate,
      Instant since) {
    return search.sameIncident(cipher.lookupHash(id.value()), address, incidentDate, since);
  }

  /** Claims filed with a phone number, found by its keyed hash (the number itself is never stored in clear). */
  public Future<List<Claim>> byPhone(PhoneNumber phone) {
    return Reactive.all(claims.find(phoneIs(phone))).map(docs -> docs.stream().map(this::toClaim).toList());
  }

  private Bson phoneIs(PhoneNumber phone) {
    return Filters.eq("claimant.phoneHash", cipher.lookupHash(phone.value()));
  }

  // ---- the operators' view: claims with their flags and delivery -------------------------------------------

  /** One try to deliver a claim, as the forwarder records it ({@code delivery.tries}, the last 20). */
  public record Attempt(Instant at, String outcome, Integer status, String error) {
  }

  /**
   * Where a claim's delivery to the insurer stands; {@code heldReason} is why it is held when the insurer's
   * answer alone does not say (DUPLICATE_NUMBER_DIFFERENT_BODY, DUPLICATE_UNCONFIRMED), else null.
   */
  public record Delivery(String state, int attempts, Instant nextAttemptAt, List<Attempt> tries, String heldReason) {
    public Delivery {
      tries = List.copyOf(tries);
    }
  }

  /** A claim with what operators see beside it: the flags for reviewers and its delivery. */
  public record Filed(Claim claim, List<String> flags, Delivery delivery) {
    public Filed {
      flags = List.copyOf(flags);
    }
  }

  /** What operators filter by; null means any. {@code claimNo} and {@code phone} search for one claim or caller. */
  public record Query(ClaimStatus status, String street, Peril peril, LocalDate from, LocalDate to, String claimNo,
      PhoneNumber phone) {
  }

  public record Page(List<Filed> claims, long total) {
    public Page {
      claims = List.copyOf(claims);
    }
  }

  /** The claims matching {@code q}, newest first, and how many match in all. */
  public Future<Page> find(Query q, int offset, int limit) {
    return search.find(q, offset, limit);
  }

  public Future<Optional<Filed>> filed(String claimNo) {
    return search.filed(claimNo);
  }

  /**
   * What an operator corrects on a claim the insurer refused; null keeps a field. {@code overCapFlags} are the
   * policy's flags for the new losses (ignored when the losses are kept).
   */
  public record Correction(PhoneNumber phone, Claim.Address address, List<Claim.Loss> losses, String description,
      List<String> overCapFlags) {
  }

  /**
   * Corrects a HELD claim in one conditional single-document update (still HELD and unchanged since read): the
   * fields, a history entry by {@code by} with {@code note}, a new change number so polling insurers see it, and
   * the sealed delivery body dropped so the next delivery carries the corrected claim.
   *
   * <p>The Idempotency-Key stays the claim number, as the contract fixes it for every try of a claim. That is
   * safe here because a claim is HELD only after the insurer refused it with a 4xx other than 409, i.e. did not
   * take it; the corrected body is the first one the insurer can accept under that key. (A claim the insurer did
   * take is never HELD, and cannot be corrected here.)
   */
  public Future<StatusChange> correct(String claimNo, Correction c, String by, String note) {
    return Reactive.first(claims.find(Filters.eq("_id", claimNo)).first()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new StatusChange.NotFound());
      }
      Document d = found.get();
      ClaimStatus current = ClaimStatus.valueOf(d.getString("status"));
      if (current != ClaimStatus.HELD) {
        return Future.succeededFuture(new StatusChange.Refused(current));
      }
      Claim before = toClaim(d);
      Claim.Claimant who = before.claimant();
      Claim after = new Claim(claimNo, current, before.channel(), before.policy(),
          new Claim.Claimant(who.name(), who.idNumber(), c.phone() == null ? who.phone() : c.phone(),
              c.address() == null ? who.address() : c.address()),
          before.peril(), c.losses() == null ? before.losses() : c.losses(), before.incidentDate(),
          c.description() == null ? before.description() : c.description(), before.attachments(),
          before.createdAt(), before.updatedAt(), before.insurerRef(), before.history(), before.awaitingDocuments());
      Document fields = toDocument(after);
      List<Bson> update = new ArrayList<>(List.of(
          Updates.set("claimant", fields.get("claimant")),
          Updates.set("losses", fields.get("losses")),
          Updates.set("description", fields.get("description")),
          Updates.push("history", new Document("at", new Date()).append("status", current.name()).append("by", by)
              .append("note", note)),
          Updates.unset("delivery.body")));
      if (c.losses() != null) {
        List<String> flags = new ArrayList<>(d.getList("flags", String.class, List.of()).stream()
            .filter(f -> !f.startsWith("OVER_CAP:")).toList());
        flags.addAll(c.overCapFlags());
        update.add(Updates.set("flags", flags));
      }
      Bson unchanged = Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", current.name()),
          Filters.eq("changeSeq", d.get("changeSeq")));
      return change(unchanged, claimNo, Updates.combine(update)).compose(matched -> matched
          ? byNumber(claimNo).map(x -> (StatusChange) new StatusChange.Changed(x.orElseThrow()))
          // Changed meanwhile (the forwarder, another operator): judge again on what it is now.
          : correct(claimNo, c, by, note));
    });
  }

  Document toDocument(Claim c) {
    return documents.toDocument(c);
  }

  /** A stored claim, its ID and phone numbers decrypted. */
  public Claim toClaim(Document d) {
    return documents.toClaim(d);
  }
}
