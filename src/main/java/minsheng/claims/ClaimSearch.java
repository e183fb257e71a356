package minsheng.claims;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import minsheng.store.Reactive;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The claims desk's search: claims with their flags and delivery, by what operators filter by. Part of
 * {@link ClaimStore}.
 */
final class ClaimSearch {
  private final MongoCollection<Document> claims;
  private final ClaimDocuments documents;
  private final Function<PhoneNumber, Bson> phoneIs;

  ClaimSearch(MongoCollection<Document> claims, ClaimDocuments documents, Function<PhoneNumber, Bson> phoneIs) {
    this.claims = claims;
    this.documents = documents;
    this.phoneIs = phoneIs;
  }

  /** See {@link ClaimStore#sameIncident}; {@code idHash} is the ID number's keyed hash. */
  Future<Optional<Claim>> sameIncident(String idHash, Claim.Address address, java.time.LocalDate incidentDate,
      java.time.Instant since) {
    return Reactive.first(claims.find(Filters.and(
            Filters.eq("claimant.idNumberHash", idHash),
            Filters.eq("claimant.address.street", address.street()),
            Filters.eq("claimant.address.community", address.community()),
            Filters.eq("claimant.address.detail", address.detail()),
            Filters.eq("incidentDate", incidentDate.toString()),
            Filters.gte("createdAt", Date.from(since))))
        .sort(Indexes.descending("createdAt")).limit(1))
        .map(found -> found.map(documents::toClaim));
  }

  /** The claims matching {@code q}, newest first, and how many match in all. */
  Future<ClaimStore.Page> find(ClaimStore.Query q, int offset, int limit) {
    List<Bson> parts = new ArrayList<>();
    if (q.status() != null) {
      parts.add(Filters.eq("status", q.status().name()));
    }
    if (q.street() != null) {
      parts.add(Filters.eq("claimant.address.street", q.street()));
    }
    if (q.peril() != null) {
      parts.add(Filters.eq("peril", q.peril().name()));
    }
    // Stored as ISO dates, whose text order is the date order.
    if (q.from() != null) {
      parts.add(Filters.gte("incidentDate", q.from().toString()));
    }
    if (q.to() != null) {
      parts.add(Filters.lte("incidentDate", q.to().toString()));
    }
    if (q.claimNo() != null) {
      parts.add(Filters.eq("_id", q.claimNo()));
    }
    if (q.phone() != null) {
      parts.add(phoneIs.apply(q.phone()));
    }
    Bson filter = parts.isEmpty() ? new Document() : Filters.and(parts);
    Future<List<Document>> page = Reactive.all(claims.find(filter)
        .sort(Indexes.descending("createdAt", "_id")).skip(offset).limit(limit));
    Future<Long> total = Reactive.one(claims.countDocuments(filter));
    return Future.all(page, total).map(v -> new ClaimStore.Page(page.result().stream().map(this::filed).toList(), total.result()));
  }

  Future<Optional<ClaimStore.Filed>> filed(String claimNo) {
    return Reactive.first(claims.find(Filters.eq("_id", claimNo)).first()).map(d -> d.map(this::filed));
  }

  private ClaimStore.Filed filed(Document d) {
    Document delivery = d.get("delivery", Document.class);
    if (delivery == null) {
      delivery = new Document();
    }
    List<ClaimStore.Attempt> tries = delivery.getList("tries", Document.class, List.of()).stream()
        .map(t -> new ClaimStore.Attempt(t.getDate("at").toInstant(), t.getString("outcome"),
            t.get("status") instanceof Number n ? n.intValue() : null, t.getString("error")))
        .toList();
    Date next = delivery.getDate("nextAttemptAt");
    return new ClaimStore.Filed(documents.toClaim(d), d.getList("flags", String.class, List.of()),
        new ClaimStore.Delivery(delivery.getString("state"), delivery.get("attempts") instanceof Number n ? n.intValue() : 0,
            next == null ? null : next.toInstant(), tries, delivery.getString("heldReason")));
  }
}
