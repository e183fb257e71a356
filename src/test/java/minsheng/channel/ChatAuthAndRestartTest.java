package minsheng.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatAuthAndRestartTest {
  @TempDir
  Path data;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> post(Minsheng app, String auth, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + "api/chat"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withKeysConfiguredAValidBearerKeyIsRequired() throws Exception {
    try (Minsheng app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_CHAT_API_KEYS", "key-one,key-two")))) {
      String body = "{\"user\":\"a\",\"text\":\"你好\"}";
      assertThat(post(app, null, body).statusCode()).isEqualTo(401);
      assertThat(post(app, "Bearer wrong", body).statusCode()).isEqualTo(401);
      assertThat(post(app, "Basic a2V5LW9uZQ==", body).statusCode()).isEqualTo(401);
      assertThat(post(app, "Bearer key-two", body).statusCode()).isEqualTo(200);
      HttpResponse<String> outbox = http.send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat/outbox?user=a"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(outbox.statusCode()).isEqualTo(401);
      long turns = Reactive.one(app.store().collection("turns").countDocuments()).await(5, TimeUnit.SECONDS);
      assertThat(turns).isEqualTo(1);
    }
  }

  @Test
  void conversationsSurviveARestart() throws Exception {
    String conversationId;
    try (Minsheng app = Minsheng.start(TestConfigs.service(data, Map.of()))) {
      HttpResponse<String> r = post(app, null, "{\"user\":\"resident-9\",\"text\":\"幸福食堂给哪些老人提供免费午餐\"}");
      conversationId = new JsonObject(r.body()).getString("conversationId");
    }
    try (Minsheng app = Minsheng.start(TestConfigs.service(data, Map.of()))) {
      Document turn = Reactive.one(app.store().collection("turns").find(new Document("conversationId", conversationId)))
          .await(5, TimeUnit.SECONDS);
      assertThat(turn.getString("text")).isEqualTo("幸福食堂给哪些老人提供免费午餐");
      assertThat(turn.getString("articleId")).isNotBlank();
      HttpResponse<String> r = post(app, null, "{\"user\":\"resident-9\",\"text\":\"详细\"}");
      assertThat(new JsonObject(r.body()).getString("conversationId")).isEqualTo(conversationId);
    }
  }
}
