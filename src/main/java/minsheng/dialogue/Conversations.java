package minsheng.dialogue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import minsheng.claims.PersonalData;
import minsheng.store.GroupedCollection;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Conversations and their turns in MongoDB. A message costs one read (the conversation's state) and two
 * writes issued together (the turn, and the conversation's new state as one single-document upsert); under
 * load each of these goes to the store grouped with other residents' (see {@link GroupedCollection}). A conversation is one resident on one channel; its document holds
 * what the dialogue must remember between messages (a pending question, the last article) and whether a
 * person must follow up. Every turn is its own document, for the console and the statistics.
 */
public final class Conversations {
  private final MongoCollection<Document> conversations;
  private final MongoCollection<Document> turns;
  /** Told the conversation id after each recorded turn (the console's live inbox); does nothing by default. */
  private volatile Consumer<String> onRecorded = id -> { };
  // The message path's reads and writes, grouped under load (see GroupedCollection).
  private final GroupedCollection groupedConversations;
  private final GroupedCollection groupedTurns;

  public Conversations(Store store) {
    this.conversations = store.collection("conversations");
    this.turns = store.collection("turns");
    this.groupedConversations = new GroupedCollection(conversations);
    this.groupedTurns = new GroupedCollection(turns);
  }

  public Future<Void> createIndexes() {
    return Future.all(
        Reactive.first(conversations.createIndex(Indexes.descending("lastMessageAt"))),
        Reactive.first(turns.createIndex(Indexes.ascending("conversationId", "at")))).mapEmpty();
  }

  /**
   * What the dialogue remembers of a conversation. {@code takenOverBy} names the operator who answers the
   * resident in person (the console's takeover); null while the assistant answers.
   */
  public record State(String id, List<String> pendingChoices, String pendingQuestion, String lastArticleId,
      boolean claimOpen, String takenOverBy) {
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
    return groupedConversations.byId(id).map(found -> {
      Document d = found.orElse(null);
      Document pending = d == null ? null : d.get("pending", Document.class);
      return new State(id,
          pending == null ? List.of() : pending.getList("choices", String.class, List.of()),
          pending == null ? null : pending.getString("question"),
          d == null ? null : d.getString("lastArticleId"),
          d != null && d.getBoolean("claimOpen", false),
          d == null ? null : d.getString("takenOverBy"));
    });
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
    Document turn = new Document("conversationId", state.id())
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
    return Future.all(groupedTurns.insert(turn),
        groupedConversations.upsert(Filters.eq("_id", state.id()), Updates.combine(updates))).<Void>mapEmpty()
        .onSuccess(v -> onRecorded.accept(state.id()));
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

  /** The turns of a conversation, oldest first. */
  public Future<List<Document>> turns(String conversationId) {
    return Reactive.all(turns.find(Filters.eq("conversationId", conversationId)).sort(Indexes.ascending("_id")));
  }

}
