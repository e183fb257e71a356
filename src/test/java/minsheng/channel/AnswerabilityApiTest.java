package minsheng.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
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

/**
 * Answer the question that was asked, or say so: over the JSON channel, a question about another place, a
 * detail the articles do not state and "now" of a dated figure are handed to a person with what is missing
 * named; an answerable one quotes its passage. And bad input of every shape gets a reply, never a 5xx.
 */
class AnswerabilityApiTest {
  @TempDir
  static Path data;
  static Minsheng app;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    // Long enough that a 10,000-character message reaches the assistant instead of the size check.
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_CHAT_MAX_TEXT_CHARS", "20000")));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<String> post(String user, String text) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("text", text).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject chat(String user, String text) throws Exception {
    HttpResponse<String> r = post(user, text);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static String text(JsonObject reply) {
    return reply.getJsonArray("replies").getJsonObject(0).getString("text");
  }

  @Test
  void anotherPlaceIsToldThatTheAssistantKnowsWuchangOnly() throws Exception {
    JsonObject reply = chat("p1", "汉阳区的低保怎么申请");
    assertThat(reply.getBoolean("handoff")).isTrue();
    assertThat(text(reply)).contains("武昌区").contains("汉阳区").contains("当地的街道或社区")
        .doesNotContainPattern("\\d{7,}");
  }

  @Test
  void aDetailTheArticlesDoNotStateIsNamedAndHandedOverWithWhatIsKnown() throws Exception {
    JsonObject reply = chat("p2", "幸福食堂电话多少");
    assertThat(reply.getBoolean("handoff")).isTrue();
    assertThat(text(reply)).contains("这个电话我这里没有").contains("已转给工作人员").contains("我知道的相关情况")
        .contains("幸福食堂").contains("(来自《");
  }

  @Test
  void nowOfADatedFigureGivesTheFiguresYearAndAPerson() throws Exception {
    JsonObject reply = chat("p3", "今年武昌人均收入多少");
    assertThat(reply.getBoolean("handoff")).isTrue();
    assertThat(text(reply)).contains("2016年").contains("4.4万").contains("工作人员核实");
  }

  @Test
  void anAnswerQuotesThePassageThatAnswersAndCitesTheArticle() throws Exception {
    JsonObject reply = chat("p4", "幸福食堂在哪里");
    assertThat(reply.getBoolean("handoff")).isFalse();
    assertThat(text(reply)).contains("武车一村18号").contains("(来自《");
    assertThat(reply.getJsonArray("sources").getJsonObject(0).getString("id")).isEqualTo("elderly-canteen-where");
  }

  @Test
  void badInputOfEveryShapeGetsAReplyNeverAServerError() throws Exception {
    String[] inputs = {
        "低保".repeat(5_000), // 10,000 characters
        "😀😂🙏🏻👍🎉❤️",
        "??!!。。,,……——~~!?.,;:",
        "低保 dibao 申请 how to apply ДА 123 ①②③ カタカナ",
        "\u200b\u200b\u200b",
        "𠀀𠀁𠀂 𪚥",
    };
    for (int i = 0; i < inputs.length; i++) {
      HttpResponse<String> r = post("bad" + i, inputs[i]);
      assertThat(r.statusCode()).as("input %d: %s", i, r.body()).isLessThan(500);
      if (r.statusCode() == 200) {
        assertThat(text(new JsonObject(r.body()))).as("input %d", i).isNotBlank();
      }
    }
    assertThat(post("bad-long", "低保".repeat(5_000)).statusCode()).isEqualTo(200);
  }
}
