package minsheng.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON channel against a web page on another origin and a local process that is not the resident's front end:
 * only JSON is taken, CORS by the configured origin list, the outbox only with a key or the resident's token; and
 * the data directory is the service user's alone.
 */
class ChatChannelHygieneTest {
  static final String ALLOWED = "https://chat.wuchang.example";
  static final String EVIL = "https://evil.example";

  @TempDir
  static Path tmp;
  /** Created by the service itself (JUnit's temporary directory is already 0700). */
  static Path data;
  static Minsheng app;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    data = tmp.resolve("minsheng-data");
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_CHAT_ALLOWED_ORIGINS", ALLOWED + ", https://other.example")));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder chat(String user, String text) {
    return HttpRequest.newBuilder(URI.create(app.url() + "api/chat"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("text", text).encode()));
  }

  static long turnsOf(String user) throws Exception {
    return Reactive.one(app.store().collection("turns").countDocuments(new Document("user", user)))
        .await(5, TimeUnit.SECONDS);
  }

  @Test
  void onlyJsonIsTakenAnythingElseIs415AndNothingIsProcessed() throws Exception {
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonx", "text/json"}) {
      HttpResponse<String> r = send(chat("ct-1", "我要报案").header("Content-Type", type));
      assertThat(r.statusCode()).as(type).isEqualTo(415);
      JsonObject problem = new JsonObject(r.body());
      assertThat(problem.getString("error")).isEqualTo("unsupported_media_type");
      assertThat(problem.getString("message")).contains("application/json");
    }
    assertThat(send(chat("ct-1", "我要报案")).statusCode()).as("no Content-Type").isEqualTo(415);
    assertThat(turnsOf("ct-1")).isZero();
    HttpResponse<String> ok = send(chat("ct-1", "你好").header("Content-Type", "application/json; charset=UTF-8"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(turnsOf("ct-1")).isEqualTo(1);
  }

  @Test
  void preflightIsAnsweredOnlyForConfiguredOrigins() throws Exception {
    for (String path : new String[] {"api/chat", "api/chat/outbox?user=x"}) {
      HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(app.url() + path))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ALLOWED)
          .header("Access-Control-Request-Method", path.contains("outbox") ? "GET" : "POST")
          .header("Access-Control-Request-Headers", "content-type"));
      assertThat(allowed.statusCode()).as(path).isBetween(200, 204);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(ALLOWED);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
          .contains(path.contains("outbox") ? "GET" : "POST");
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
          .contains("content-type");

      HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create(app.url() + path))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", EVIL)
          .header("Access-Control-Request-Method", "POST"));
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
      assertThat(other.headers().firstValue("Access-Control-Allow-Methods")).as(path).isEmpty();
    }
  }

  @Test
  void aPostFromAnotherOriginIsRefusedAndNotProcessedOneFromAnAllowedOriginIsAnswered() throws Exception {
    HttpResponse<String> evil = send(chat("cors-1", "我要报案").header("Content-Type", "application/json")
        .header("Origin", EVIL));
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(turnsOf("cors-1")).isZero();

    HttpResponse<String> ok = send(chat("cors-1", "你好").header("Content-Type", "application/json")
        .header("Origin", ALLOWED));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(turnsOf("cors-1")).isEqualTo(1);
  }

  @Test
  void theOutboxIsReadOnlyWithTheResidentsOwnToken() throws Exception {
    HttpResponse<String> first = send(chat("ob-1", "你好").header("Content-Type", "application/json"));
    String token = new JsonObject(first.body()).getString("outboxToken");
    assertThat(token).isNotBlank();
    String other = new JsonObject(send(chat("ob-2", "你好").header("Content-Type", "application/json")).body())
        .getString("outboxToken");
    assertThat(other).isNotEqualTo(token);
    app.outbox().post("ob-1", "operator", "您好,我是区热线的小李。").await(5, TimeUnit.SECONDS);

    HttpRequest.Builder read = HttpRequest.newBuilder(URI.create(app.url() + "api/chat/outbox?user=ob-1"));
    HttpResponse<String> anyone = send(read);
    assertThat(anyone.statusCode()).isEqualTo(403);
    assertThat(anyone.body()).doesNotContain("小李");
    HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat/outbox?user=ob-1"))
        .header("X-Outbox-Token", other));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).doesNotContain("小李");
    HttpResponse<String> own = send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat/outbox?user=ob-1"))
        .header("X-Outbox-Token", token));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).contains("小李");
    // The token is the resident's, not the conversation's: it stays the same on the next message.
    assertThat(new JsonObject(send(chat("ob-1", "谢谢").header("Content-Type", "application/json")).body())
        .getString("outboxToken")).isEqualTo(token);
  }

  @Test
  void theDataDirectoryAndTheStoreFileAreTheServiceUsersAlone() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("minsheng.mv.db"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("field.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("index"))))
        .isEqualTo("rwx------");
  }
}
