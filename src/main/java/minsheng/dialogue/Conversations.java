package minsheng.dialogue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Conversations and their turns in MongoDB. A conversation is one resident on one channel; its document holds
 * what the dialogue must remember between messages (a pending question, the last article) and whether a
 * person must follow up. Every turn is its own document, for the console and the statistics.
 */
public final class Conversations {
  private final MongoCollection<Document> conversations;
  private final MongoCollection<Document> turns;

  public Conversations(Store store) {
    this.conversations = store.collection("conversations");
    this.turns = store.collection("turns");
  }

  public Future<Void> createIndexes() {
    return Future.all(
        Reactive.first(conversations.createIndex(Indexes.ascending("channel", "user"))),
        Reactive.first(conversations.createIndex(Indexes.descending("lastMessageAt"))),
        Reactive.first(turns.createIndex(Indexes.ascending("conversationId", "at")))).mapEmpty();
  }

  /** What the dialogue remembers of a conversation. */
  public record State(String id, List<String> pendingChoices, String pendingQuestion, String lastArticleId) {
    boolean hasChoices() {
      return pendingChoices.size() == 2;
    }
  }

  /** The resident's conversation on that channel, created on the first message. */
  public Future<State> open(String channel, String user) {
    Date now = new Date();
    return Reactive.one(conversations.findOneAndUpdate(
            Filters.and(Filters.eq("channel", channel), Filters.eq("user", user)),
            Updates.combine(
                Updates.setOnInsert("_id", UUID.randomUUID().toString()),
                Updates.setOnInsert("startedAt", now),
                Updates.set("lastMessageAt", now),
                Updates.inc("messages", 1)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
        .map(d -> {
          Document pending = d.get("pending", Document.class);
          return new State(d.getString("_id"),
              pending == null ? List.of() : pending.getList("choices", String.class, List.of()),
              pending == null ? null : pending.getString("question"),
              d.getString("lastArticleId"));
        });
  }

  /** Records a turn and what the conversation must remember after it. */
  public Future<Void> record(State state, Message message, Reply reply, String decision, String articleId,
      List<String> pendingChoices, long latencyMicros) {
    Date now = new Date();
    List<Document> sources = new ArrayList<>();
    reply.sources().forEach(s -> sources.add(new Document("id", s.id()).append("title", s.title())));
    Document turn = new Document("conversationId", state.id())
        .append("channel", message.channel())
        .append("user", message.user())
        .append("at", now)
        .append("text", message.text())
        .append("replies", reply.texts())
        .append("decision", decision)
        .append("intent", reply.intent())
        .append("confidence", reply.confidence())
        .append("articleId", articleId)
        .append("sources", sources)
        .append("handoff", reply.handoff())
        .append("latencyMicros", latencyMicros);
    List<Bson> updates = new ArrayList<>();
    updates.add(pendingChoices.isEmpty()
        ? Updates.unset("pending")
        : Updates.set("pending", new Document("choices", pendingChoices).append("question", message.text())));
    if (articleId != null) {
      updates.add(Updates.set("lastArticleId", articleId));
    }
    if (reply.handoff()) {
      updates.add(Updates.set("needsHuman", true));
      updates.add(Updates.set("handoffAt", now));
    }
    updates.add(Updates.set("lastText", message.text()));
    return Future.all(
        Reactive.first(turns.insertOne(turn)),
        Reactive.first(conversations.updateOne(Filters.eq("_id", state.id()), Updates.combine(updates)))).mapEmpty();
  }

  /** The turns of a conversation, oldest first. */
  public Future<List<Document>> turns(String conversationId) {
    return Reactive.all(turns.find(Filters.eq("conversationId", conversationId)).sort(Indexes.ascending("_id")));
  }

  public Future<java.util.Optional<Document>> find(String conversationId) {
    return Reactive.first(conversations.find(Filters.eq("_id", conversationId)));
  }
}
