package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console inbox over HTTP against the running service, with residents on the JSON channel. */
class InboxTest {
  static final Duration LIVE = Duration.ofSeconds(10);

  @TempDir
  static Path data;
  static Minsheng app;
  static ConsoleClient li;
  static ConsoleClient wang;

  @BeforeAll
  static void start() throws Exception {
    app = ConsoleClient.startService(data);
    ConsoleClient admin = ConsoleClient.admin(app);
    li = admin.newOperator("li");
    wang = admin.newOperator("wang");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  // ---- the resident's side

  static JsonObject chat(String user, String text) throws Exception {
    return ConsoleClient.residentSays(app, user, text);
  }

  static JsonArray outbox(String user) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url()
        + "api/chat/outbox?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)))
        .header("X-Outbox-Token", app.outboxToken(user)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("messages");
  }

  static List<JsonObject> objects(JsonArray a) {
    return a.stream().map(JsonObject.class::cast).toList();
  }

  static JsonObject summaryOf(ConsoleClient who, String view, String id) throws Exception {
    return objects(who.json("GET", "/console/api/conversations?view=" + view, null).getJsonArray("conversations"))
        .stream().filter(c -> c.getString("id").equals(id)).findFirst().orElse(null);
  }

  static String line(String key) {
    return app.core().replies().line(key);
  }

  // ---- tests

  @Test
  void aHandedOverConversationWaitsInTheInboxUnderANonIdentifyingLabel() throws Exception {
    String user = "resident-13800000001";
    JsonObject reply = chat(user, "转人工");
    assertThat(reply.getBoolean("handoff")).isTrue();
    String id = reply.getString("conversationId");

    JsonObject waiting = summaryOf(li, "waiting", id);
    assertThat(waiting).isNotNull();
    assertThat(waiting.getString("state")).isEqualTo("waiting");
    assertThat(waiting.getBoolean("needsHuman")).isTrue();
    assertThat(waiting.getString("handoffAt")).isNotNull();
    assertThat(waiting.getString("channel")).isEqualTo("api");
    assertThat(waiting.getString("user")).matches("api-[0-9a-f]{6}").doesNotContain(user);
    assertThat(waiting.getInteger("messages")).isEqualTo(1);

    JsonObject all = li.json("GET", "/console/api/conversations?view=all&limit=200", null);
    assertThat(all.encode()).doesNotContain(user);
    JsonObject one = li.json("GET", "/console/api/conversations/" + id, null);
    assertThat(one.encode()).doesNotContain(user);
    assertThat(objects(one.getJsonArray("turns"))).extracting(t -> t.getString("from"))
        .containsExactly("resident", "assistant");
    assertThat(one.getJsonArray("turns").getJsonObject(1).getBoolean("handoff")).isTrue();
  }

  @Test
  void theEventStreamShowsAResidentsMessageAsItArrives() throws Exception {
    try (EventStream events = li.events()) {
      String id = chat("resident-live", "低保是什么").getString("conversationId");
      JsonObject event = events.next(e -> e.getString("id").equals(id), LIVE);
      assertThat(event.getString("lastText")).isEqualTo("低保是什么");
      assertThat(event.getString("state")).isEqualTo("assistant");
      assertThat(event.encode()).doesNotContain("resident-live");
    }
  }

  @Test
  void takeoverSilencesTheAssistantUntilHandback() throws Exception {
    String user = "resident-takeover";
    String id = chat(user, "低保是什么").getString("conversationId");

    JsonObject taken = li.json("POST", "/console/api/conversations/" + id + "/takeover", null);
    assertThat(taken.getString("state")).isEqualTo("operator");
    assertThat(taken.getString("takenOverBy")).isEqualTo("li");
    assertThat(objects(outbox(user))).anySatisfy(m -> {
      assertThat(m.getString("from")).isEqualTo("system");
      assertThat(m.getString("text")).isEqualTo(line("operatorJoined"));
    });
    // Taking over one's own conversation again is harmless; someone else's is refused.
    assertThat(li.send("POST", "/console/api/conversations/" + id + "/takeover", null).statusCode()).isEqualTo(200);
    assertThat(wang.send("POST", "/console/api/conversations/" + id + "/takeover", null).statusCode()).isEqualTo(409);

    try (EventStream events = wang.events()) {
      JsonObject silent = chat(user, "我家是低保户,还能申请别的吗");
      assertThat(silent.getJsonArray("replies")).isEmpty();
      assertThat(silent.getBoolean("handoff")).isFalse();
      JsonObject event = events.next(e -> e.getString("id").equals(id), LIVE);
      assertThat(event.getString("lastText")).isEqualTo("我家是低保户,还能申请别的吗");
      assertThat(event.getString("state")).isEqualTo("operator");
    }

    JsonObject sent = li.json("POST", "/console/api/conversations/" + id + "/reply",
        new JsonObject().put("text", "您好,可以的,我来帮您看看。").encode());
    assertThat(sent.getString("delivered")).isEqualTo("queued");
    assertThat(objects(outbox(user))).anySatisfy(m -> {
      assertThat(m.getString("from")).isEqualTo("operator");
      assertThat(m.getString("text")).isEqualTo("您好,可以的,我来帮您看看。");
    });
    assertThat(wang.send("POST", "/console/api/conversations/" + id + "/reply",
        new JsonObject().put("text", "我也来").encode()).statusCode()).isEqualTo(409);

    List<JsonObject> turns = objects(li.json("GET", "/console/api/conversations/" + id, null).getJsonArray("turns"));
    assertThat(turns).extracting(t -> t.getString("from"))
        .containsExactly("resident", "assistant", "system", "resident", "operator");
    assertThat(turns.get(3).getString("decision")).isEqualTo("operator");
    assertThat(turns.get(4).getString("operator")).isEqualTo("li");
    assertThat(turns.get(1).getJsonArray("sources")).isNotEmpty();
    Document stored = Reactive.first(app.store().collection("conversations").find(Filters.eq("_id", id)))
        .await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(stored.getDate("firstOperatorReplyAt")).isNotNull();

    JsonObject back = li.json("POST", "/console/api/conversations/" + id + "/handback", null);
    assertThat(back.getString("state")).isEqualTo("assistant");
    assertThat(back.getBoolean("needsHuman")).isFalse();
    assertThat(back.getValue("takenOverBy")).isNull();
    assertThat(objects(outbox(user))).last().satisfies(m -> {
      assertThat(m.getString("from")).isEqualTo("system");
      assertThat(m.getString("text")).isEqualTo(line("assistantBack"));
    });
    assertThat(chat(user, "低保是什么").getJsonArray("replies")).isNotEmpty();
  }

  @Test
  void aReplyTakesOverFirstAndTheMineViewShowsIt() throws Exception {
    String user = "resident-reply-first";
    String id = chat(user, "转人工").getString("conversationId");
    assertThat(wang.json("POST", "/console/api/conversations/" + id + "/reply",
        new JsonObject().put("text", "您好,我是街道热线的工作人员。").encode()).getString("delivered")).isEqualTo("queued");
    assertThat(objects(outbox(user))).extracting(m -> m.getString("from")).containsExactly("system", "operator");
    JsonObject mine = summaryOf(wang, "mine", id);
    assertThat(mine).isNotNull();
    assertThat(mine.getString("state")).isEqualTo("operator");
    assertThat(summaryOf(wang, "waiting", id)).isNull();
    assertThat(wang.send("POST", "/console/api/conversations/" + id + "/reply",
        new JsonObject().put("text", "").encode()).statusCode()).isEqualTo(400);
    assertThat(wang.send("POST", "/console/api/conversations/" + id + "/reply",
        new JsonObject().put("text", "长".repeat(1001)).encode()).statusCode()).isEqualTo(400);
  }

  @Test
  void assignmentNeedsAnExistingOperator() throws Exception {
    String id = chat("resident-assign", "转人工").getString("conversationId");
    HttpResponse<String> unknown = li.send("POST", "/console/api/conversations/" + id + "/assign",
        new JsonObject().put("operator", "nobody").encode());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(unknown.body()).getString("error")).isEqualTo("unknown_operator");
    JsonObject assigned = li.json("POST", "/console/api/conversations/" + id + "/assign",
        new JsonObject().put("operator", "wang").encode());
    assertThat(assigned.getString("assignedTo")).isEqualTo("wang");
    assertThat(summaryOf(wang, "mine", id)).isNotNull();
    assertThat(li.send("POST", "/console/api/conversations/api-000000000000000000000000/assign",
        new JsonObject().put("operator", "wang").encode()).statusCode()).isEqualTo(404);
    assertThat(li.send("GET", "/console/api/conversations/not-an-id", null).statusCode()).isEqualTo(404);
  }

  @Test
  void cannedRepliesAreShortAndWarm() throws Exception {
    List<JsonObject> canned = objects(li.json("GET", "/console/api/canned", null).getJsonArray("replies"));
    assertThat(canned).hasSizeGreaterThanOrEqualTo(8);
    assertThat(canned.get(0).getString("text")).startsWith("您好");
    assertThat(canned).allSatisfy(c -> {
      assertThat(c.getString("key")).isNotBlank();
      assertThat(c.getString("text").length()).isBetween(4, 60);
    });
  }

  @Test
  void everyInboxEndpointNeedsASignedInOperatorAndWritesNeedTheCsrfToken() throws Exception {
    String id = chat("resident-permissions", "转人工").getString("conversationId");
    ConsoleClient anonymous = ConsoleClient.anonymous(app);
    List<String> reads = List.of("/console/api/conversations?view=waiting", "/console/api/conversations/" + id,
        "/console/api/canned");
    for (String path : reads) {
      assertThat(anonymous.send("GET", path, null).statusCode()).as(path).isEqualTo(401);
      assertThat(wang.send("GET", path, null).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(anonymous.send("GET", "/console/api/events", null).statusCode()).isEqualTo(401);
    try (EventStream events = wang.events()) {
      assertThat(app.inbox().onlineOperators()).contains("wang");
    }
    eventually("wang goes offline when the stream closes",
        () -> !app.inbox().onlineOperators().contains("wang"));

    Map<String, String> writes = Map.of(
        "/console/api/conversations/" + id + "/takeover", "{}",
        "/console/api/conversations/" + id + "/reply", new JsonObject().put("text", "您好").encode(),
        "/console/api/conversations/" + id + "/assign", new JsonObject().put("operator", "wang").encode(),
        "/console/api/conversations/" + id + "/handback", "{}");
    for (Map.Entry<String, String> w : writes.entrySet()) {
      assertThat(anonymous.send("POST", w.getKey(), w.getValue()).statusCode()).as(w.getKey()).isEqualTo(401);
      HttpResponse<String> noCsrf = wang.send("POST", w.getKey(), w.getValue(), false);
      assertThat(noCsrf.statusCode()).as(w.getKey()).isEqualTo(403);
      assertThat(new JsonObject(noCsrf.body()).getString("error")).isEqualTo("csrf");
    }
    for (String path : List.of("takeover", "reply", "assign", "handback")) {
      String p = "/console/api/conversations/" + id + "/" + path;
      assertThat(wang.send("POST", p, writes.get(p)).statusCode()).as(p).isEqualTo(200);
    }
  }

  /** Polls a condition (the server notices a closed stream a moment later). */
  static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + LIVE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + LIVE + ": " + what);
      }
      Thread.sleep(50);
    }
  }
}
