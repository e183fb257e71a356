package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import minsheng.Minsheng;
import minsheng.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators fix the knowledge base in the console, and residents get the new answer at once. */
class KnowledgeConsoleTest {
  @TempDir
  static Path data;
  static Minsheng app;
  static HttpClient admin;
  static String csrf;

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_ADMIN_PASSWORD", "correct-horse-battery")));
    admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> login = admin.send(HttpRequest.newBuilder(URI.create(app.url() + "console/api/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\"correct-horse-battery\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    csrf = new JsonObject(login.body()).getString("csrfToken");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<String> send(HttpClient client, String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("X-CSRF-Token", token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String residentAsks(String text) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", "kb-r").put("text", text).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).getJsonArray("replies").getJsonObject(0).getString("text");
  }

  @Test
  void anEditedArticleAnswersResidentsAtOnce() throws Exception {
    JsonObject article = new JsonObject(send(admin, "GET", "/console/api/articles/insurance-caps", null, null).body());
    String newSummary = "民生保险每次事故:每人死亡或伤残最高赔10万元;每户房屋损失最高赔5万元(已由热线核对)。";
    article.put("body", newSummary + "\n\n" + article.getString("body"));
    HttpResponse<String> saved = send(admin, "PUT", "/console/api/articles/insurance-caps", article.encode(), csrf);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(residentAsks("民生保险最多赔多少钱")).contains("已由热线核对");
  }

  @Test
  void tryingAQuestionShowsWhatTheAssistantWouldDoAndWhy() throws Exception {
    JsonObject why = new JsonObject(send(admin, "POST", "/console/api/kb/try", "{\"text\":\"低保怎么申请\"}", csrf).body());
    assertThat(why.getJsonArray("intents").getJsonObject(0).getString("intent")).isEqualTo("social_assistance");
    assertThat(why.getString("decision")).isEqualTo("Answer");
    assertThat(why.getJsonArray("articles")).isNotEmpty();
  }

  @Test
  void aRetiredArticleNoLongerAnswers() throws Exception {
    assertThat(send(admin, "DELETE", "/console/api/articles/education-it", null, csrf).statusCode()).isEqualTo(204);
    JsonArray list = new JsonObject(send(admin, "GET", "/console/api/articles", null, null).body()).getJsonArray("articles");
    assertThat(list.stream().map(o -> ((JsonObject) o).getString("id")).toList()).doesNotContain("education-it");
    assertThat(send(admin, "GET", "/console/api/articles/education-it", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void writesNeedAnAdminAValidArticleAndTheCsrfToken() throws Exception {
    JsonObject article = new JsonObject(send(admin, "GET", "/console/api/articles/charity-projects", null, null).body());
    assertThat(send(admin, "PUT", "/console/api/articles/charity-projects", article.encode(), null).statusCode())
        .isEqualTo(403);
    assertThat(send(admin, "PUT", "/console/api/articles/charity-projects", article.copy().put("topic", "nonsense").encode(),
        csrf).statusCode()).isEqualTo(400);
    assertThat(send(admin, "PUT", "/console/api/articles/charity-projects", article.copy().remove("passages") == null
        ? "" : article.copy().put("passages", new JsonArray()).encode(), csrf).statusCode()).isEqualTo(400);
    HttpClient anonymous = HttpClient.newHttpClient();
    assertThat(send(anonymous, "GET", "/console/api/articles", null, null).statusCode()).isEqualTo(401);
    assertThat(send(anonymous, "PUT", "/console/api/articles/charity-projects", article.encode(), csrf).statusCode())
        .isEqualTo(401);
  }
}
