package minsheng.claims;

import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * Claim numbers {@code WC-YYYY-NNNNNN}, taken by the claim's own insert. The next number is one above the year's
 * counter, and the insert, under the unique {@code _id}, either gets it or fails because a claim already has it;
 * then the next one is tried. Only after its insert is durable is the counter raised to the number (with
 * {@code $max}), so the counter is a hint that may lag behind the claims after a crash — never ahead of them —
 * and the unique index, not the counter, is what makes a number impossible to issue twice. A number is used only
 * by a durable claim, so a crash leaves no hole in the year's sequence; a claim whose insert a crash took back
 * was never shown to anyone (its insert had not been acknowledged), so its number may go to the next claim. Part
 * of {@link ClaimStore}.
 */
final class ClaimNumbering {
  /** Numbers tried for one claim before giving up (each try lost only to a claim filed meanwhile). */
  private static final int MAX_NUMBER_TRIES = 1_000;

  private final Store store;
  private final MongoCollection<Document> claims;
  private final ClaimChanges changes;
  private final String prefix;
  private final Function<String, Future<Optional<Claim>>> bySubmission;

  ClaimNumbering(Store store, MongoCollection<Document> claims, ClaimChanges changes, String prefix,
      Function<String, Future<Optional<Claim>>> bySubmission) {
    this.store = store;
    this.claims = claims;
    this.changes = changes;
    this.prefix = prefix;
    this.bySubmission = bySubmission;
  }

  /**
   * Inserts the claim {@code numbered} makes for a number of {@code year}; with a {@code submission} key that a
   * claim already carries, answers that claim instead.
   */
  Future<Claim> insert(int year, Function<String, Map.Entry<Claim, Document>> numbered, String submission) {
    return lastIssued(year).compose(last -> insert(year, last + 1, 1, numbered, submission));
  }

  private Future<Claim> insert(int year, long number, int tries,
      Function<String, Map.Entry<Claim, Document>> numbered, String submission) {
    String claimNo = String.format("%s-%d-%06d", prefix, year, number);
    Map.Entry<Claim, Document> claim = numbered.apply(claimNo);
    return changes.next(claimNo).compose(seq -> Reactive.first(claims.insertOne(
            claim.getValue().append("changeSeq", seq)))
        .compose(r -> store.raiseCounter(counterOf(year), number))
        .map(r -> claim.getKey())
        .recover(e -> {
          if (!isDuplicateKey(e)) {
            return Future.failedFuture(e);
          }
          // Nothing was written: the change number is not used (a gap in change numbers is harmless).
          Future<Void> unmarked = changes.unmark(seq);
          if (submission != null && String.valueOf(e.getMessage()).contains("submission")) {
            return unmarked.compose(v -> bySubmission.apply(submission)).map(Optional::orElseThrow);
          }
          if (tries >= MAX_NUMBER_TRIES) {
            return unmarked.compose(v -> Future.failedFuture(e));
          }
          return unmarked.compose(v -> lastIssued(year))
              .compose(last -> insert(year, Math.max(number, last) + 1, tries + 1, numbered, submission));
        }));
  }

  private static String counterOf(int year) {
    return "claimNo:" + year;
  }

  /** The highest number of {@code year} known to be issued (the counter; claims may be ahead of it after a crash). */
  private Future<Long> lastIssued(int year) {
    return store.counter(counterOf(year));
  }

  private static boolean isDuplicateKey(Throwable e) {
    return e instanceof com.mongodb.MongoWriteException w
        && w.getError().getCategory() == com.mongodb.ErrorCategory.DUPLICATE_KEY;
  }
}
