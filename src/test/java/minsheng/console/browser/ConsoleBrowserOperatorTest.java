package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console for a plain operator (not an administrator): no Operators page, no full export, but the inbox and
 * the claims desk work as for anyone on the hotline.
 */
class ConsoleBrowserOperatorTest {
  @RegisterExtension
  static final BrowserConsole console = new BrowserConsole();

  static final String OPERATOR = "wang";
  static String claimNo;

  @BeforeAll
  static void seed() throws Exception {
    console.createOperator(OPERATOR);
    claimNo = console.fileClaim("42010619800101123", "13812345678", "暴雨后屋顶漏水");
  }

  static void signIn() {
    console.signIn(OPERATOR, BrowserConsole.ADMIN_PASSWORD);
  }

  @Test
  void anOperatorSeesNoOperatorsPageAndNoFullExport() {
    signIn();
    assertThat(console.driver().findElement(By.id("who")).getText()).contains(OPERATOR).contains("坐席");
    List<String> nav = console.driver().findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
    assertThat(nav).hasSize(4);
    assertThat(String.join(" ", nav)).contains("会话", "理赔", "知识库", "统计").doesNotContain("账号");
    assertThat(console.driver().findElements(By.id("nav-operators"))).isEmpty();
    // The page's address does not open it either: back to the first page
    console.open("#/operators");
    console.waitUntil("sent to the inbox", d -> d.getCurrentUrl().endsWith("#/inbox"));

    console.open("#/dashboard");
    console.visible(By.id("export-conversations"));
    assertThat(console.driver().findElements(By.id("export-full"))).isEmpty();
    assertThat(console.driver().findElement(By.cssSelector(".exports")).getText()).contains("已脱敏");
    assertThat(console.script("return window.__missingI18n.size")).isEqualTo(0L);
  }

  @Test
  void anOperatorAnswersAResidentFromTheInbox() throws Exception {
    signIn();
    console.open("#/inbox");
    console.visible(By.cssSelector(".live.live"));
    String id = console.residentSays("operator-browser", "转人工").getString("conversationId");
    // The only operator online gets the conversation assigned
    console.visible(By.cssSelector("#conversations .conv.needs-human[data-id='" + id + "']"));
    console.waitForText(By.cssSelector("#conversations .conv[data-id='" + id + "']"), OPERATOR);
    console.click(By.cssSelector("#conversations .conv[data-id='" + id + "']"));
    console.click(By.id("takeover"));
    console.waitForText(By.id("status"), "已接管");
    console.visible(By.id("reply-text")).sendKeys("您好,我是坐席小王。", Keys.chord(Keys.CONTROL, Keys.ENTER));
    console.waitForText(By.cssSelector(".transcript"), "我是坐席小王");
    assertThat(console.outbox("operator-browser"))
        .anyMatch(m -> "operator".equals(m.getString("from")) && m.getString("text").contains("我是坐席小王"));
    console.driver().findElement(By.id("view-mine")).click();
    console.visible(By.cssSelector("#conversations .conv[data-id='" + id + "']"));
  }

  @Test
  void anOperatorFindsAClaimAndRevealsTheIdNumber() {
    signIn();
    console.open("#/claims");
    console.waitForText(By.id("claims-table"), claimNo);
    org.openqa.selenium.WebElement unfiltered = console.driver().findElement(By.cssSelector("#claims-table .claim-no"));
    console.driver().findElement(By.id("claim-q")).sendKeys("13812345678", Keys.ENTER);
    // The search's answer replaces the rows: wait for that, not for a list that happens to hold one claim already.
    console.waitUntil("one claim found", d -> org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(unfiltered)
        .apply(d) && d.findElements(By.cssSelector("#claims-table .claim-no")).size() == 1);
    console.driver().findElement(By.cssSelector("#claims-table .claim-no")).click();
    console.visible(By.cssSelector("dialog .claim-detail"));
    console.driver().findElement(By.id("reveal")).click();
    console.waitForText(By.id("claim-phone"), "13812345678");
    assertThat(console.driver().findElement(By.id("claim-id-number")).getText()).startsWith("42010619800101123");
  }
}
