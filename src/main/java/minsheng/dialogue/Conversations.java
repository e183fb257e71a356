package minsheng.dialogue;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;
import minsheng.claims.PersonalData;
import minsheng.store.GroupedCollection;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Conversations and their turns in MongoDB. A conversation is one resident on one channel; its document holds
 * what the dialogue must remember between messages (a pending question, the last article, an open claim, an
 * operator's takeover) and whether a person must follow up. Every turn is its own document, for the console
 * and the statistics.
 *
 * <p>A message costs two writes issued together (the turn, and the conversation's new state as one
 * single-document upsert), grouped with other residents' under load (see {@link GroupedCollection}). The state
 * is read from the store only when this instance does not hold it: every change to it counts up
 * {@value #STATE_VERSION}, and the upsert applies only to the version the state was taken from. A change made
 * elsewhere (the console, a claim, another instance) is therefore never overwritten by a stale state: the
 * upsert misses, the state is forgotten and the update is applied to the current document instead.
 *
 * <p>This class is the only one that opens the two collections: the console's changes (takeover, hand-back,
 * assignment, operator turns) are made here, so that each one counts the state up and drops the cached copy;
 * what the console and the statistics read goes through {@link #reads()}.
 */
public final class Conversations {
  private final MongoCollection<Document> conversations;
  private final MongoCollection<Document> turns;
  /**
   * Tells the other instances of a cluster that a conversation changed outside {@link #record}; completes when
   * they have dropped their copy (see {@code cluster.ClusterEvents}). Completes at once by default.
   */
  private volatile Function<String, Future<Void>> changedElsewhere = id -> Future.succeededFuture();
  /** Told the conversation id after each recorded turn (the console's live inbox); does nothing by default. */
  private volatile Consumer<String> onRecorded = id -> { };
  // The message path's reads and writes, grouped under load (see GroupedCollection).
  private final GroupedCollection groupedConversations;
  private final GroupedCollection groupedTurns;
  /**
   * The states this instance last wrote or read, by conversation id; never trusted past their version. With
   * several instances every change is told to the others, which drop their copy (cluster.ClusterEvents).
   */
  private final Recent<String, State> states = new Recent<>(20_000);
  private final ConversationReads reads;
  /** Counts changes to a conversation's state (see the class comment). */
  public static final String STATE_VERSION = "stateVersion";

  public Conversations(Store store) {
    this.conversations = store.collection("conversations");
    this.turns = store.collection("turns");
    this.groupedConversations = new GroupedCollection(conversations);
    this.groupedTurns = new GroupedCollection(turns);
    this.reads = new ConversationReads(conversations, turns);
  }

  /**
   * The message path's indexes, the console's (assignment) and the statistics' (every figure is bounded by
   * time, so each collection is read through an index on its time field).
   */
  public Future<Void> createIndexes() {
    return Future.all(List.of(
        Reactive.first(conversations.createIndex(Indexes.descending("lastMessageAt"))),
        Reactive.first(turns.createIndex(Indexes.ascending("conversationId", "at"))),
        Reactive.first(conversations.createIndex(Indexes.ascending("assignedTo"))),
        Reactive.first(turns.createIndex(Indexes.ascending("at"))),
        Reactive.first(conversations.createIndex(Indexes.ascending("handoffAt"))))).mapEmpty();
  }

  /** What the console, the statistics and the exports read of conversations and turns. */
  public ConversationReads reads() {
    return reads;
  }

  /**
   * What the dialogue remembers of a conversation. {@code takenOverBy} names the operator who answers the
   * resident in person (the console's takeover); null while the assistant answers. {@code lastReply}: what the
   * assistant said last, so that it does not say it again word for word.
   */
  public record State(String id, List<String> pendingChoices, String pendingQuestion, String lastArticleId,
      boolean claimOpen, String takenOverBy, long version, String lastReply) {
    boolean hasChoices() {
      return pendingChoices.size() == 2;
    }
  }

  /** Sets who is told about each recorded turn; the listener must not block (it runs on an event loop). */
  public void onRecorded(Consumer<String> listener) {
    this.onRecorded = listener;
  }

  /**
   * The resident's conversation on that channel, created on the first message. Its id is derived from the
   * channel and the resident, so finding it is a primary-key look-up on any store, and the id does not reveal
   * the resident's platform id.
   */
  public Future<State> open(String channel, String user) {
    String id = conversationId(channel, user);
    State known = states.get(id);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return groupedConversations.byId(id).map(found -> {
      Document d = found.orElse(null);
      Document pending = d == null ? null : d.get("pending", Document.class);
      Number version = d == null ? null : d.get(STATE_VERSION, Number.class);
      State state = new State(id,
          pending == null ? List.of() : pending.getList("choices", String.class, List.of()),
          pending == null ? null : pending.getString("question"),
          d == null ? null : d.getString("lastArticleId"),
          d != null && d.getBoolean("claimOpen", false),
          d == null ? null : d.getString("takenOverBy"),
          version == null ? 0 : version.longValue(),
          d == null ? null : d.getString("lastReply"));
      states.put(id, state);
      return state;
    });
  }

  /** The update that every change to a conversation's state must include (see the class comment). */
  static Bson stateChanged() {
    return Updates.inc(STATE_VERSION, 1);
  }

  /** Sets how the other instances are told of a change made outside {@link #record} (a cluster's event bus). */
  public void onChangedElsewhere(Function<String, Future<Void>> tell) {
    this.changedElsewhere = tell;
  }

  /**
   * Drops this instance's copy of a conversation's state, after a change made outside {@link #record} (here, or
   * on another instance: cluster.ClusterEvents).
   */
  public void forget(String conversationId) {
    states.remove(conversationId);
  }

  /**
   * Notes on the conversation whether a claim is open, so the message path learns it with the state it holds
   * instead of asking the drafts on every message.
   */
  public Future<Void> markClaimOpen(String conversationId, boolean open) {
    forget(conversationId);
    return Reactive.first(conversations.updateOne(Filters.eq("_id", conversationId),
            Updates.combine(Updates.set("claimOpen", open), stateChanged()), new UpdateOptions().upsert(true)))
        .<Void>mapEmpty()
        .onComplete(ar -> forget(conversationId))
        .compose(v -> changedElsewhere.apply(conversationId));
  }

  /**
   * A claim draft handed to a person mid-form (the resident asked for one, or could not get past a step): its
   * masked summary goes on the conversation, for the operators' inbox to show beside the transcript.
   */
  public Future<Void> attachDraft(String conversationId, String maskedSummary, String reason) {
    forget(conversationId);
    return Reactive.first(conversations.updateOne(Filters.eq("_id", conversationId),
            Updates.combine(Updates.set("claimDraft", new Document("summary", maskedSummary).append("reason", reason)
                .append("at", new Date())), stateChanged()), new UpdateOptions().upsert(true)))
        .<Void>mapEmpty()
        .onComplete(ar -> forget(conversationId))
        .compose(v -> changedElsewhere.apply(conversationId));
  }

  public static String conversationId(String channel, String user) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((channel + "\n" + user).getBytes(StandardCharsets.UTF_8));
      return channel + "-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records a turn and what the conversation must remember after it. {@code handoffReason} (null unless handed
   * over) tells the statistics a resident who asked for a person from a question the assistant could not answer.
   */
  public Future<Void> record(State state, Message message, Reply reply, String decision, String handoffReason,
      String articleId, List<String> pendingChoices, long latencyMicros) {
    Date now = new Date();
    List<Document> sources = new ArrayList<>();
    reply.sources().forEach(s -> sources.add(new Document("id", s.id()).append("title", s.title())));
    Document turn = new Document();
    if (message.turnId() != null) {
      turn.append("_id", message.turnId());
    }
    turn.append("conversationId", state.id())
        .append("channel", message.channel())
        .append("user", message.user())
        .append("at", now)
        .append("text", PersonalData.mask(message.text()))
        .append("replies", reply.texts())
        .append("decision", decision)
        .append("intent", reply.intent())
        .append("confidence", reply.confidence())
        .append("articleId", articleId)
        .append("sources", sources)
        .append("handoff", reply.handoff())
        .append("handoffReason", handoffReason)
        .append("latencyMicros", latencyMicros);
    List<Bson> updates = new ArrayList<>();
    // set and min rather than setOnInsert: the claim dialogue may have created the document a moment earlier.
    updates.add(Updates.set("channel", message.channel()));
    updates.add(Updates.set("user", message.user()));
    updates.add(Updates.min("startedAt", now));
    updates.add(Updates.set("lastMessageAt", now));
    updates.add(Updates.inc("messages", 1));
    updates.add(pendingChoices.isEmpty()
        ? Updates.unset("pending")
        : Updates.set("pending", new Document("choices", pendingChoices)
            .append("question", PersonalData.mask(message.text()))));
    if (articleId != null) {
      updates.add(Updates.set("lastArticleId", articleId));
    }
    if (reply.handoff()) {
      updates.add(Updates.set("needsHuman", true));
      updates.add(Updates.set("handoffAt", now));
    }
    updates.add(Updates.set("lastText", PersonalData.mask(message.text())));
    String said = String.join("\n", reply.texts());
    updates.add(Updates.set("lastReply", said));
    updates.add(stateChanged());
    Bson update = Updates.combine(updates);
    State after = new State(state.id(), pendingChoices,
        pendingChoices.isEmpty() ? null : PersonalData.mask(message.text()),
        articleId != null ? articleId : state.lastArticleId(), state.claimOpen(), state.takenOverBy(),
        state.version() + 1, said);
    return Future.all(groupedTurns.insert(turn), saveState(state, after, update)).<Void>mapEmpty()
        .onSuccess(v -> onRecorded.accept(state.id()));
  }

  /**
   * Applies a message's update to the version of the state it was decided on, and keeps the new state. When
   * the state changed meanwhile (the upsert's filter misses, so it tries to insert the same id: code 11000),
   * the copy is forgotten and the update goes to the current document.
   */
  private Future<Void> saveState(State before, State after, Bson update) {
    Bson sameVersion = before.version() == 0 ? Filters.exists(STATE_VERSION, false)
        : Filters.eq(STATE_VERSION, before.version());
    return groupedConversations.upsert(Filters.and(Filters.eq("_id", before.id()), sameVersion), update)
        .onSuccess(v -> states.put(before.id(), after))
        .recover(e -> {
          forget(before.id());
          if (e instanceof MongoWriteException w && w.getCode() == 11000) {
            return groupedConversations.upsert(Filters.eq("_id", before.id()), update);
          }
          return Future.failedFuture(e);
        });
  }

  /**
   * Keeps something a resident sent that is not text (a photo, a location) with their conversation, for the
   * claim dialogue to attach and for operators to see.
   */
  public Future<Void> keep(String channel, String user, Document item) {
    Date now = new Date();
    return groupedConversations.upsert(Filters.eq("_id", conversationId(channel, user)),
        Updates.combine(Updates.setOnInsert("channel", channel), Updates.setOnInsert("user", user),
            Updates.setOnInsert("startedAt", now), Updates.set("lastMessageAt", now),
            Updates.push("kept", item.append("at", now))));
  }

  /**
   * The photos a resident sent on the platform within {@code within} before now, as kept with their conversation
   * (oldest first): a photo sent before the claim was asked for belongs to it.
   */
  public Future<List<Document>> keptImages(String conversationId, Duration within) {
    Date since = new Date(System.currentTimeMillis() - within.toMillis());
    return Reactive.first(conversations.find(Filters.eq("_id", conversationId))
            .projection(new Document("kept", 1)).first())
        .map(found -> found.map(d -> d.getList("kept", Document.class, List.of()).stream()
            .filter(k -> "image".equals(k.getString("type")) && k.getString("url") != null && k.getDate("at") != null
                && !k.getDate("at").before(since))
            .toList()).orElse(List.of()));
  }

  /** What the assistant said in a turn (nothing when an operator had the conversation), once it is recorded. */
  public Future<Optional<List<String>>> replies(ObjectId turnId) {
    return groupedTurns.byId(turnId).map(found -> found.map(d -> d.getList("replies", String.class, List.of())));
  }

  /** The turns of a conversation, oldest first. */
  public Future<List<Document>> turns(String conversationId) {
    return Reactive.all(turns.find(Filters.eq("conversationId", conversationId)).sort(Indexes.ascending("_id")));
  }

  // ---- the console's changes (each counts the state up and drops the cached copy)

  /**
   * An operator takes the conversation over from the assistant, if nobody has: the document after, or empty
   * when someone (maybe this operator) already had it or there is no such conversation.
   */
  public Future<Optional<Document>> takeOver(String id, String operator) {
    return changed(id, conversations.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("takenOverBy", null)),
        Updates.combine(Updates.set("takenOverBy", operator), Updates.set("takenOverAt", new Date()),
            Updates.set("assignedTo", operator), stateChanged()),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  /** The assistant answers again; the document before the change (empty when there is no such conversation). */
  public Future<Optional<Document>> handBack(String id, String operator) {
    return changed(id, conversations.findOneAndUpdate(Filters.eq("_id", id),
        Updates.combine(Updates.set("needsHuman", false), Updates.unset("takenOverBy"), Updates.unset("assignedTo"),
            Updates.set("handedBackAt", new Date()), Updates.set("handedBackBy", operator), stateChanged()),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
  }

  /**
   * Assigns the conversation to an operator; one someone has taken over moves with the assignment (the new
   * operator answers it). The document after, or empty when there is no such conversation.
   */
  public Future<Optional<Document>> assign(String id, String operator) {
    return Reactive.first(conversations.updateOne(Filters.and(Filters.eq("_id", id), Filters.ne("takenOverBy", null)),
            Updates.combine(Updates.set("takenOverBy", operator), stateChanged())))
        .onComplete(ar -> forget(id))
        .compose(r -> changedElsewhere.apply(id))
        .compose(r -> Reactive.first(conversations.findOneAndUpdate(Filters.eq("_id", id),
            Updates.set("assignedTo", operator), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
  }

  /** Assigns a conversation that is still waiting for a person and nobody's: the document after, or empty. */
  public Future<Optional<Document>> assignIfWaiting(String id, String operator) {
    return Reactive.first(conversations.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
            Filters.eq("needsHuman", true), Filters.eq("takenOverBy", null), Filters.eq("assignedTo", null)),
        Updates.set("assignedTo", operator), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  /**
   * Unassigns the conversations still waiting for an operator (one they took over stays theirs until handed
   * back); how many.
   */
  public Future<Long> unassignWaiting(String operator) {
    return Reactive.one(conversations.updateMany(Filters.and(Filters.eq("assignedTo", operator),
        Filters.eq("takenOverBy", null)), Updates.unset("assignedTo"))).map(r -> r.getModifiedCount());
  }

  /** Notes the first operator reply (for the statistics' response times): the document after. */
  public Future<Optional<Document>> operatorReplied(String id) {
    return Reactive.first(conversations.findOneAndUpdate(Filters.eq("_id", id),
        Updates.min("firstOperatorReplyAt", new Date()), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  /**
   * An operator's or the system's turn. They carry "from"; the resident's own turns (written by {@link #record})
   * do not.
   */
  public Future<Void> addTurn(Document conversation, String from, String operator, String text) {
    Document turn = new Document("conversationId", conversation.getString("_id"))
        .append("channel", conversation.getString("channel"))
        .append("at", new Date())
        .append("from", from)
        .append("operator", operator)
        .append("text", text)
        .append("decision", from);
    return Reactive.first(turns.insertOne(turn)).mapEmpty();
  }

  /** Drops this instance's copy at once and every other instance's before the change is reported done. */
  private Future<Optional<Document>> changed(String id, org.reactivestreams.Publisher<Document> change) {
    return Reactive.first(change).onComplete(ar -> forget(id)).compose(d -> changedElsewhere.apply(id).map(d));
  }
}
