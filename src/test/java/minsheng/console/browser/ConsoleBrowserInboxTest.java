package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The inbox against the real backend: residents' conversations seeded through /api/chat, handed-over ones first
 * with the transcript showing why the assistant answered as it did; a resident asking for a person arriving live
 * (Server-Sent Events), an operator taking over, replying on the resident's channel and handing back.
 */
class ConsoleBrowserInboxTest {
  @RegisterExtension
  static final BrowserConsole console = new BrowserConsole();

  static final String QUESTION = "民生保险最多赔多少钱";

  @Test
  void theListPutsHandedOverConversationsFirstAndTheTranscriptShowsWhy() throws Exception {
    String calm = console.residentSays("inbox-calm", QUESTION).getString("conversationId");
    String help = console.residentSays("inbox-help", QUESTION).getString("conversationId");
    console.residentAsks("inbox-help", "转人工");
    String title = console.adminApi().json("GET", "/console/api/articles/insurance-caps", null).getString("title");

    console.signInAsAdmin();
    console.open("#/inbox");
    console.visible(By.id("view-all")).click();
    console.waitUntil("both conversations listed", d -> d.findElements(By.cssSelector("#conversations .conv[data-id='"
        + calm + "'], #conversations .conv[data-id='" + help + "']")).size() == 2);
    // Handed-over conversations come first: no conversation that needs a person after one that does not
    List<Boolean> needsHuman = console.driver().findElements(By.cssSelector("#conversations .conv")).stream()
        .map(e -> e.getDomAttribute("class").contains("needs-human")).toList();
    assertThat(needsHuman).startsWith(true).isSortedAccordingTo((a, b) -> Boolean.compare(b, a));
    assertThat(console.driver().findElement(By.cssSelector(".conv[data-id='" + help + "']")).getDomAttribute("class"))
        .contains("needs-human");
    assertThat(console.driver().findElement(By.cssSelector(".conv[data-id='" + calm + "']")).getDomAttribute("class"))
        .doesNotContain("needs-human");

    console.click(By.cssSelector(".conv[data-id='" + help + "']"));
    console.waitForText(By.cssSelector(".transcript"), "转人工");
    String transcript = console.driver().findElement(By.cssSelector(".transcript")).getText();
    // The dialogue's turn kinds ("answer", "handoff") are shown in words, with the intent, confidence and sources
    assertThat(transcript).contains("居民", "智能助手", "意图 insurance_coverage", "置信度", "直接回答", "转人工", title);
    assertThat(console.driver().findElement(By.id("takeover")).isDisplayed()).isTrue();

    // The canned replies are the real file's (conf/canned-replies-zh.yaml)
    Select canned = new Select(console.driver().findElement(By.id("canned")));
    canned.selectByValue("greeting");
    assertThat(console.driver().findElement(By.id("reply-text")).getDomProperty("value")).contains("街道热线的工作人员");
    assertThat(console.script("return window.__missingI18n.size")).as("%s", console.script(
        "return [...window.__missingI18n].join(', ')")).isEqualTo(0L);
  }

  @Test
  void aResidentAskingForAPersonAppearsLiveAndTheOperatorTakesOverAndReplies() throws Exception {
    console.signInAsAdmin();
    console.open("#/inbox");
    // The stream is open (the page says so only once the server has subscribed it)
    console.visible(By.cssSelector(".live.live"));
    console.script("window.__sameDocument = true");

    String id = console.residentSays("inbox-browser", "转人工").getString("conversationId");
    By item = By.cssSelector("#conversations .conv.needs-human[data-id='" + id + "']");
    console.click(item);
    console.waitForText(By.cssSelector(".transcript"), "转人工");

    console.click(By.id("takeover"));
    console.waitForText(By.id("status"), "已接管");
    console.waitUntil("the take-over button is gone", d -> d.findElements(By.id("takeover")).isEmpty());
    console.visible(By.id("reply-text")).sendKeys("您好,我是热线坐席小王,请讲。", Keys.chord(Keys.CONTROL, Keys.ENTER));
    console.waitForText(By.id("status"), "已发送");
    console.waitForText(By.cssSelector(".transcript"), "我是热线坐席小王");
    assertThat(console.outbox("inbox-browser"))
        .anyMatch(m -> "operator".equals(m.getString("from")) && m.getString("text").contains("我是热线坐席小王"));

    // While an operator has it, the assistant stays quiet and the resident's next message appears live
    JsonObject quiet = console.residentSays("inbox-browser", "我家房子被水泡了");
    assertThat(quiet.getJsonArray("replies")).isEmpty();
    console.waitForText(By.cssSelector(".transcript"), "我家房子被水泡了");
    assertThat(console.script("const t = document.querySelectorAll('.transcript .turn'); return t[t.length - 1].className"))
        .asString().contains("from-resident");

    console.click(By.id("handback"));
    console.waitForText(By.id("status"), "已交还");
    // The assistant answers again, and its answer appears live in the transcript
    assertThat(console.residentAsks("inbox-browser", QUESTION)).isNotBlank();
    console.waitUntil("the assistant's answer in the transcript", d -> {
      List<WebElement> turns = d.findElements(By.cssSelector(".transcript .turn"));
      return turns.size() >= 2 && turns.get(turns.size() - 2).getText().contains(QUESTION)
          && turns.get(turns.size() - 1).getDomAttribute("class").contains("from-assistant");
    });
    assertThat(console.script("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
  }
}
