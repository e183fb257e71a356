package minsheng.claims;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * The claims' change numbers, which insurers page through: every change of a claim stores a fresh one, and a
 * number taken but not yet written is marked in flight ({@code claim_change_markers}) so that no reader steps
 * past it. Part of {@link ClaimStore}, which owns both collections.
 */
final class ClaimChanges {
  /** A change number taken this long ago without a claim carrying it belongs to a writer that died. */
  static final long IN_FLIGHT_PATIENCE_MS = 30_000;
  private static final int MARKERS_PER_CHECK = 1;

  private final Store store;
  private final MongoCollection<Document> claims;
  private final MongoCollection<Document> markers;

  ClaimChanges(Store store, MongoCollection<Document> claims, MongoCollection<Document> markers) {
    this.store = store;
    this.claims = claims;
    this.markers = markers;
  }

  /**
   * The same, for a change of {@code claimNo} about to be written. The number is also recorded as "in flight"
   * until a claim carries it (or a later one), so that readers paging by change sequence never step past a
   * change that is taken but not yet written — the single-document store has no transactions to hide it.
   */
  Future<Long> next(String claimNo) {
    return store.nextSequence("claimChanges").compose(seq -> Reactive.first(markers.insertOne(
        new Document("_id", seq).append("claimNo", claimNo).append("at", new Date()))).map(r -> seq));
  }

  /**
   * Claims changed after {@code since}, oldest change first, never past a change still being written. A claim
   * that changed again appears once, at its latest change.
   */
  Future<List<Document>> since(long since, int limit) {
    return stableBound().compose(bound -> Reactive.all(claims.find(Filters.and(Filters.gt("changeSeq", since),
            Filters.lt("changeSeq", bound))).sort(Indexes.ascending("changeSeq")).limit(limit)));
  }

  /** The lowest change number still in flight (exclusive bound for readers); finished markers are cleared. */
  private Future<Long> stableBound() {
    return Reactive.all(markers.find().sort(Indexes.ascending("_id")).limit(MARKERS_PER_CHECK)).compose(open -> {
      if (open.isEmpty()) {
        return Future.succeededFuture(Long.MAX_VALUE);
      }
      Document m = open.get(0);
      long seq = ((Number) m.get("_id")).longValue();
      boolean stale = m.getDate("at").getTime() < System.currentTimeMillis() - IN_FLIGHT_PATIENCE_MS;
      String claimNo = m.getString("claimNo");
      Future<Boolean> written = claimNo == null
          ? Reactive.first(claims.find(Filters.gte("changeSeq", seq)).sort(Indexes.ascending("changeSeq")).first())
              .map(d -> d.isPresent() && ((Number) d.get().get("changeSeq")).longValue() == seq)
          : Reactive.first(claims.find(Filters.eq("_id", claimNo)).first())
              .map(d -> d.isPresent() && d.get().get("changeSeq") != null
                  && ((Number) d.get().get("changeSeq")).longValue() >= seq);
      return written.compose(done -> done || stale
          ? Reactive.first(markers.deleteOne(Filters.eq("_id", seq))).compose(r -> stableBound())
          : Future.succeededFuture(seq));
    });
  }

  /** The number will not be written (its claim's insert lost to another): readers need not wait for it. */
  Future<Void> unmark(long seq) {
    return Reactive.first(markers.deleteOne(Filters.eq("_id", seq))).mapEmpty();
  }

  /** Every number still in flight belonged to a writer that stopped (see {@link ClaimStore#forgetDeadWriters}). */
  Future<Void> forgetInFlight() {
    return Reactive.one(markers.deleteMany(new Document())).mapEmpty();
  }
}
