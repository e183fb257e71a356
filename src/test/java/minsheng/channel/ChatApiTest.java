package minsheng.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON channel, over HTTP, against the running service and the embedded store over TCP. */
class ChatApiTest {
  @TempDir
  static Path data;
  static Minsheng app;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(TestConfigs.service(data, Map.of()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A resident's outbox as their own front end reads it (with the token its answers carry). */
  static HttpResponse<String> outbox(String user, String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat/outbox?user=" + user + query))
        .header("X-Outbox-Token", app.outboxToken(user)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject chat(String user, String text) throws Exception {
    HttpResponse<String> r = post("/api/chat", new JsonObject().put("user", user).put("text", text).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  @Test
  void aQuestionIsAnsweredFromAnArticleWithItsSource() throws Exception {
    JsonObject reply = chat("r1", "民生保险最多能赔多少钱");
    assertThat(reply.getString("intent")).isEqualTo("insurance_coverage");
    assertThat(reply.getBoolean("handoff")).isFalse();
    assertThat(reply.getDouble("confidence")).isBetween(0.0, 1.0);
    JsonArray sources = reply.getJsonArray("sources");
    assertThat(sources.getJsonObject(0).getString("id")).isEqualTo("insurance-caps");
    String text = reply.getJsonArray("replies").getJsonObject(0).getString("text");
    assertThat(text).contains("10万").contains("5万").contains(sources.getJsonObject(0).getString("title"));
    assertThat(text.length()).isLessThanOrEqualTo(300);
    assertThat(reply.getString("conversationId")).isNotBlank();
  }

  @Test
  void theSameResidentKeepsOneConversationAndCanAskForDetails() throws Exception {
    JsonObject first = chat("r2", "低保边缘户看病花钱多能申请救助吗");
    JsonObject more = chat("r2", "详细");
    assertThat(more.getString("conversationId")).isEqualTo(first.getString("conversationId"));
    assertThat(more.getJsonArray("sources").getJsonObject(0).getString("id"))
        .isEqualTo(first.getJsonArray("sources").getJsonObject(0).getString("id"));
  }

  @Test
  void whatTheAssistantDoesNotKnowGoesToAPerson() throws Exception {
    JsonObject reply = chat("r3", "明天武汉天气怎么样");
    assertThat(reply.getBoolean("handoff")).isTrue();
    assertThat(reply.getValue("intent")).isNull();
    assertThat(reply.getJsonArray("sources")).isEmpty();
    assertThat(reply.getJsonArray("replies").getJsonObject(0).getString("text")).contains("网格员");
  }

  @Test
  void askingForAPersonIsAHandoff() throws Exception {
    assertThat(chat("r4", "转人工").getBoolean("handoff")).isTrue();
  }

  @Test
  void greetingsAreAnsweredWithoutAnArticle() throws Exception {
    JsonObject reply = chat("r5", "你好");
    assertThat(reply.getString("intent")).isEqualTo("greeting");
    assertThat(reply.getBoolean("handoff")).isFalse();
  }

  @Test
  void badInputIsA400WithAClearErrorAndStoresNothing() throws Exception {
    long before = turns();
    for (Map.Entry<String, String> c : List.of(
        Map.entry("not json", "invalid_json"),
        Map.entry("[1,2]", "invalid_json"),
        Map.entry("{\"user\":\"x\"}", "missing_text"),
        Map.entry("{\"user\":\"x\",\"text\":\"   \"}", "missing_text"),
        Map.entry("{\"user\":\"x\",\"text\":42}", "missing_text"),
        Map.entry("{\"text\":\"你好\"}", "missing_user"),
        Map.entry("{\"user\":\"x\",\"text\":\"" + "字".repeat(2001) + "\"}", "text_too_long"),
        Map.entry("{\"user\":\"x\",\"text\":\"" + "a".repeat(70_000) + "\"}", "body_too_large"))) {
      HttpResponse<String> r = post("/api/chat", c.getKey());
      assertThat(r.statusCode()).as(c.getValue()).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("error")).isEqualTo(c.getValue());
    }
    assertThat(turns()).isEqualTo(before);
  }

  @Test
  void theOutboxDeliversLaterMessagesOldestFirstWithACursor() throws Exception {
    app.outbox().post("r6", "operator", "您好,我是区热线的小李。").await(5, TimeUnit.SECONDS);
    app.outbox().post("r6", "system", "您的问题已处理。").await(5, TimeUnit.SECONDS);
    JsonObject page = new JsonObject(outbox("r6", "").body());
    JsonArray messages = page.getJsonArray("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.getJsonObject(0).getString("from")).isEqualTo("operator");
    assertThat(messages.getJsonObject(1).getString("text")).isEqualTo("您的问题已处理。");
    assertThat(messages.getJsonObject(0).getString("at")).endsWith("Z");
    JsonObject next = new JsonObject(outbox("r6", "&since=" + page.getString("next")).body());
    assertThat(next.getJsonArray("messages")).isEmpty();
    assertThat(next.getString("next")).isEqualTo(page.getString("next"));
    assertThat(new JsonObject(outbox("someone-else", "").body()).getJsonArray("messages")).isEmpty();
    assertThat(outbox("r6", "&since=abc").statusCode()).isEqualTo(400);
    assertThat(get("/api/chat/outbox").statusCode()).isEqualTo(400);
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    chat("r7", "网格员是做什么的");
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("UP");
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("minsheng_answers_total{").contains("minsheng_answer_latency_seconds_bucket")
        .contains("intent=\"community_service\"");
  }

  private static long turns() throws Exception {
    return minsheng.store.Reactive.one(app.store().collection("turns").countDocuments()).await(5, TimeUnit.SECONDS);
  }
}
