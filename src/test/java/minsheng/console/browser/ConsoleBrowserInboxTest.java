package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The inbox: the agreed list and transcript shapes (stubbed until the backend is merged), and with the real
 * backend a resident's message arriving live, an operator taking over and replying.
 */
class ConsoleBrowserInboxTest {
  @RegisterExtension
  static final BrowserConsole console = new BrowserConsole();

  static final String SUMMARY = """
      {"id":"c1","channel":"wechat","user":"wechat-3f9a1c","lastText":"我要找人工","lastMessageAt":"2026-03-01T02:05:00Z",
       "messages":4,"state":"waiting","needsHuman":true,"handoffAt":"2026-03-01T02:05:00Z","assignedTo":"admin",
       "takenOverBy":null}""";

  @Test
  void theListPutsHandedOverConversationsFirstAndTheTranscriptShowsWhy() {
    console.signInAsAdmin();
    console.open("#/kb");
    console.visible(By.id("kb-filter"));
    console.stubApi("/console/api/conversations", "{\"conversations\":[" + SUMMARY.replace("\"c1\"", "\"c0\"")
        .replace("\"waiting\"", "\"assistant\"").replace("true", "false") + "," + SUMMARY + "]}");
    console.stubApi("/console/api/canned", "{\"replies\":[{\"key\":\"hello\",\"text\":\"您好,我是热线坐席,请讲。\"}]}");
    console.stubApi("/console/api/conversations/c1", "{\"conversation\":" + SUMMARY + ",\"turns\":["
        + "{\"at\":\"2026-03-01T02:00:00Z\",\"from\":\"resident\",\"text\":\"民生保险最多赔多少钱\"},"
        + "{\"at\":\"2026-03-01T02:00:01Z\",\"from\":\"assistant\",\"text\":\"每人死亡或伤残最高赔10万元。\","
        + "\"intent\":\"insurance_coverage\",\"confidence\":0.93,\"decision\":\"Answer\","
        + "\"sources\":[{\"id\":\"insurance-caps\",\"title\":\"民生保险最多赔多少\"}]},"
        + "{\"at\":\"2026-03-01T02:05:00Z\",\"from\":\"resident\",\"text\":\"我要找人工\"},"
        + "{\"at\":\"2026-03-01T02:05:01Z\",\"from\":\"system\",\"text\":\"已为您转接人工\",\"handoff\":true}]}");
    console.script("location.hash = '#/inbox'");
    console.script("document.getElementById('view-all').click()");
    console.waitUntil("two conversations", d -> d.findElements(By.cssSelector("#conversations .conv")).size() == 2);
    assertThat(console.driver().findElements(By.cssSelector("#conversations .conv")).get(0).getDomAttribute("data-id"))
        .isEqualTo("c1");
    console.driver().findElement(By.cssSelector("#conversations .conv[data-id=c1]")).click();
    console.waitForText(By.cssSelector(".transcript"), "已为您转接人工");
    String transcript = console.driver().findElement(By.cssSelector(".transcript")).getText();
    assertThat(transcript).contains("居民", "智能助手", "意图 insurance_coverage", "置信度 93%", "民生保险最多赔多少");
    assertThat(console.driver().findElement(By.id("takeover")).isDisplayed()).isTrue();
    new org.openqa.selenium.support.ui.Select(console.driver().findElement(By.id("canned"))).selectByValue("hello");
    assertThat(console.driver().findElement(By.id("reply-text")).getDomProperty("value")).contains("热线坐席");
    assertThat(console.script("return window.__missingI18n.size")).isEqualTo(0L);
  }

  @Test
  @Disabled("needs inbox backend")
  void aResidentAskingForAPersonAppearsLiveAndTheOperatorTakesOverAndReplies() throws Exception {
    console.signInAsAdmin();
    console.open("#/inbox");
    console.waitForText(By.cssSelector(".live"), "实时");

    console.residentAsks("inbox-browser", "转人工");
    console.waitForText(By.id("conversations"), "转人工");
    console.driver().findElement(By.cssSelector("#conversations .conv.needs-human")).click();
    console.waitForText(By.cssSelector(".transcript"), "转人工");

    console.visible(By.id("takeover")).click();
    console.waitForText(By.id("status"), "已接管");
    console.visible(By.id("reply-text")).sendKeys("您好,我是热线坐席小王,请讲。", Keys.chord(Keys.CONTROL, Keys.ENTER));
    console.waitForText(By.id("status"), "已发送");
    console.waitForText(By.cssSelector(".transcript"), "我是热线坐席小王");
    assertThat(outbox("inbox-browser")).anyMatch(text -> text.contains("我是热线坐席小王"));

    // While an operator has it, the resident's next message appears live and the assistant stays quiet
    console.residentAsks("inbox-browser", "我家房子被水泡了");
    console.waitForText(By.cssSelector(".transcript"), "我家房子被水泡了");

    console.driver().findElement(By.id("handback")).click();
    console.waitForText(By.id("status"), "已交还");
  }

  /** The texts queued for a resident on the JSON channel. */
  static java.util.List<String> outbox(String user) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(console.app().url() + "api/chat/outbox?user=" + user)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject page = new JsonObject(r.body());
    JsonArray messages = page.getJsonArray("messages", new JsonArray());
    return messages.stream().map(m -> ((JsonObject) m).getString("text")).toList();
  }
}
