package minsheng.dialogue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * The claim drafts a conversation has open ({@code claim_drafts}): the claim being filed, under the conversation's
 * id, and a supplement the insurer asked for, under {@value #SUPPLEMENT} and the id. A draft lives a week after
 * its last change. Whether a conversation has one is also noted on the conversation, so the message path learns
 * it without asking here.
 */
final class ClaimDrafts {
  static final String SUPPLEMENT = "supplement:";
  private static final Duration LIFETIME = Duration.ofDays(7);

  private final MongoCollection<Document> drafts;
  /** The drafts again, for the deletion that follows a submit (see {@link ClaimDialogue}). */
  private final MongoCollection<Document> durably;
  private final Conversations conversations;
  private final Clock clock;

  ClaimDrafts(Store store, Conversations conversations, Clock clock) {
    this.drafts = store.collection("claim_drafts");
    this.durably = store.durableCollection("claim_drafts");
    this.conversations = conversations;
    this.clock = clock;
  }

  /**
   * The resident's next messages and photos go to {@code claimNo} until they say they are done. {@code mode}
   * "more" (the insurer asked: words go to the description too) or "documents" (promised photos and documents:
   * only those are taken, other messages are answered as usual).
   */
  Future<Void> openSupplement(String channel, String user, String claimNo, String mode) {
    String id = SUPPLEMENT + Conversations.conversationId(channel, user);
    Document d = new Document("_id", id).append("kind", "supplement").append("claimNo", claimNo).append("mode", mode)
        .append("channel", channel).append("user", user)
        .append("expireAt", new Date(clock.millis() + LIFETIME.toMillis()));
    return Reactive.first(drafts.replaceOne(Filters.eq("_id", id), d, new ReplaceOptions().upsert(true)))
        .compose(r -> conversations.markClaimOpen(conversationOf(id), true));
  }

  /** The conversation's draft and supplement, whichever it has. */
  Future<List<Document>> of(String conversationId) {
    return Reactive.all(drafts.find(Filters.in("_id", conversationId, SUPPLEMENT + conversationId)));
  }

  Future<Optional<Document>> supplementOf(String conversationId) {
    return Reactive.first(drafts.find(Filters.eq("_id", SUPPLEMENT + conversationId)).first());
  }

  /** Adds a photo or document to the conversation's draft (one atomic push): the draft after it, if there is one. */
  Future<Optional<Document>> addAttachmentTo(String conversationId, Document item) {
    return Reactive.first(drafts.findOneAndUpdate(Filters.eq("_id", conversationId),
        new Document("$push", new Document("attachments", item)),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  /**
   * Sets some fields of a draft without replacing it, so that photos pushed meanwhile (several WeChat images arrive
   * at once) are kept.
   */
  Future<Void> set(String conversationId, Document fields) {
    return Reactive.first(drafts.updateOne(Filters.eq("_id", conversationId), new Document("$set", fields)))
        .mapEmpty();
  }

  /** Counts one more item received for a supplement: how many it has taken so far. */
  Future<Integer> countSupplement(Document supplement) {
    return Reactive.first(drafts.findOneAndUpdate(Filters.eq("_id", supplement.getString("_id")),
            new Document("$inc", new Document("received", 1)),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(d -> d.map(s -> s.getInteger("received", 1)).orElse(1));
  }

  /**
   * The drafts the claims desk must call back about (the resident could not get past a step, and was told a person
   * will call), newest first; each holds the masked summary the operator reads and the conversation's id.
   */
  Future<List<Document>> callbacks(int limit) {
    return Reactive.all(drafts.find(Filters.exists("callback.at")).sort(new Document("callback.at", -1)).limit(limit)
        .projection(new Document("callback", 1).append("channel", 1).append("createdAt", 1)));
  }

  /** Keeps the draft with the slot asked next, for another week. */
  Future<Void> save(Document d, String asked) {
    boolean first = d.get("asked") == null;
    d.put("asked", asked);
    d.put("expireAt", new Date(clock.millis() + LIFETIME.toMillis()));
    return Reactive.first(drafts.replaceOne(Filters.eq("_id", d.getString("_id")), d, new ReplaceOptions().upsert(true)))
        .compose(r -> first ? conversations.markClaimOpen(conversationOf(d.getString("_id")), true) : Future.succeededFuture());
  }

  Future<Void> delete(Document d) {
    return delete(d, drafts);
  }

  /** The same, acknowledged once durable (after a submit: the resident told the number is not asked again). */
  Future<Void> deleteDurably(Document d) {
    return delete(d, durably);
  }

  private Future<Void> delete(Document d, MongoCollection<Document> from) {
    String conversation = conversationOf(d.getString("_id"));
    return Reactive.first(from.deleteOne(Filters.eq("_id", d.getString("_id"))))
        .compose(r -> Reactive.first(drafts.find(Filters.in("_id", conversation, SUPPLEMENT + conversation)).first()))
        .compose(other -> other.isPresent() ? Future.succeededFuture() : conversations.markClaimOpen(conversation, false));
  }

  private static String conversationOf(String draftId) {
    return draftId.startsWith(SUPPLEMENT) ? draftId.substring(SUPPLEMENT.length()) : draftId;
  }
}
