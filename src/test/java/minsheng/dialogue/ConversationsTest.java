package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import minsheng.store.embedded.EmbeddedMongo;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation state this instance holds is used only while it is current: a change made elsewhere (the
 * console, a claim, another instance) is never overwritten by a stale state and is seen from the next message.
 */
class ConversationsTest {
  @TempDir
  Path data;
  EmbeddedMongo embedded;
  Store store;
  Conversations conversations;
  MongoCollection<Document> raw;

  @BeforeEach
  void setUp() {
    embedded = EmbeddedMongo.start(data);
    store = Store.open(Optional.of(embedded.connectionString()), data, "conversations-test");
    conversations = new Conversations(store);
    raw = store.collection("conversations");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
    embedded.close();
  }

  @Test
  void theStateAfterAMessageIsWhatTheStoreHolds() {
    Conversations.State first = await(conversations.open("json", "r1"));
    assertThat(first.version()).isZero();
    record(first, "保险怎么弄", List.of("insurance_coverage", "claim_start"), null);

    Conversations.State held = await(conversations.open("json", "r1"));
    Conversations.State stored = await(new Conversations(store).open("json", "r1"));
    assertThat(held).isEqualTo(stored);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.pendingChoices()).containsExactly("insurance_coverage", "claim_start");
    assertThat(stored.pendingQuestion()).isEqualTo("保险怎么弄");

    record(held, "1", List.of(), "insurance-caps");
    Conversations.State next = await(new Conversations(store).open("json", "r1"));
    assertThat(next).isEqualTo(await(conversations.open("json", "r1")));
    assertThat(next.pendingChoices()).isEmpty();
    assertThat(next.lastArticleId()).isEqualTo("insurance-caps");
    assertThat(stored(next.id()).getInteger("messages")).isEqualTo(2);
  }

  @Test
  void aTakeoverByAnotherInstanceIsKeptAndSeenFromTheNextMessage() {
    Conversations.State held = await(conversations.open("wechat", "r2"));
    record(held, "你好", List.of(), null);
    held = await(conversations.open("wechat", "r2"));

    // Another instance's console takes the conversation over; this instance is not told.
    await(Reactive.first(raw.updateOne(Filters.eq("_id", held.id()),
        Updates.combine(Updates.set("takenOverBy", "op1"), Conversations.stateChanged()))));

    // This instance still answers from the state it holds (the message in flight), but its update goes to the
    // current document instead of overwriting the takeover ...
    record(held, "低保咋申请", List.of(), "dibao-apply");
    Document d = stored(held.id());
    assertThat(d.getString("takenOverBy")).isEqualTo("op1");
    assertThat(d.getInteger("messages")).isEqualTo(2);
    assertThat(d.getString("lastArticleId")).isEqualTo("dibao-apply");
    // ... and the next message sees the operator.
    assertThat(await(conversations.open("wechat", "r2")).takenOverBy()).isEqualTo("op1");
  }

  @Test
  void aChangeMadeHereIsSeenAtOnce() {
    Conversations.State held = await(conversations.open("json", "r3"));
    record(held, "我要报案", List.of(), null);
    await(conversations.open("json", "r3"));

    await(conversations.markClaimOpen(held.id(), true));
    assertThat(await(conversations.open("json", "r3")).claimOpen()).isTrue();

    await(Reactive.first(raw.updateOne(Filters.eq("_id", held.id()),
        Updates.combine(Updates.set("takenOverBy", "op2"), Conversations.stateChanged()))));
    conversations.forget(held.id());
    assertThat(await(conversations.open("json", "r3")).takenOverBy()).isEqualTo("op2");
  }

  @Test
  void aConversationStartedByAPhotoBeforeAnyTextIsContinued() {
    await(conversations.keep("wechat", "r4", new Document("type", "image").append("mediaId", "m1")));
    Conversations.State held = await(conversations.open("wechat", "r4"));
    assertThat(held.version()).isZero();
    record(held, "房子被淹了", List.of(), null);
    Document d = stored(held.id());
    assertThat(d.getList("kept", Document.class)).hasSize(1);
    assertThat(d.getInteger("messages")).isEqualTo(1);
    assertThat(d.get(Conversations.STATE_VERSION, Number.class).longValue()).isEqualTo(1);
  }

  @Test
  void anOlderDocumentWithoutAVersionIsContinued() {
    String id = Conversations.conversationId("json", "r5");
    await(Reactive.first(raw.updateOne(Filters.eq("_id", id),
        Updates.combine(Updates.set("messages", 7), Updates.set("lastArticleId", "old"), Updates.set("startedAt", new Date())),
        new UpdateOptions().upsert(true))));
    Conversations.State held = await(conversations.open("json", "r5"));
    assertThat(held.lastArticleId()).isEqualTo("old");
    record(held, "谢谢", List.of(), null);
    assertThat(stored(id).getInteger("messages")).isEqualTo(8);
    assertThat(await(new Conversations(store).open("json", "r5")).version()).isEqualTo(1);
  }

  private void record(Conversations.State state, String text, List<String> choices, String articleId) {
    Reply reply = new Reply(state.id(), List.of("回复"), "intent", 0.9, List.of(), false);
    await(conversations.record(state, new Message(state.id().startsWith("wechat") ? "wechat" : "json", "u", text),
        reply, "answer", null, articleId, choices, 1));
  }

  private Document stored(String id) {
    return await(Reactive.first(raw.find(Filters.eq("_id", id)).first())).orElseThrow();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
