package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard over real figures: residents' messages through /api/chat (answered, handed over because the
 * assistant had no answer, handed over on request and taken over by an operator) and a claim filed through the
 * console. ECharts loads from the webjar under the console's CSP and draws four charts, the figures show; and an
 * unanswered question opens in the knowledge base's "try it" box.
 */
class ConsoleBrowserDashboardTest {
  @RegisterExtension
  static final BrowserConsole console = new BrowserConsole();

  /** A question the knowledge base has no answer to: the assistant hands it over (StatisticsTest uses it too). */
  static final String WEATHER = "明天武汉天气怎么样";

  /** Four residents' messages, two of them handed over; one taken over; one claim. */
  @BeforeAll
  static void seed() throws Exception {
    console.residentAsks("dash-1", "低保是什么");
    console.residentAsks("dash-2", "民生保险最多赔多少钱");
    console.residentAsks("dash-3", WEATHER);
    String requested = console.residentSays("dash-4", "转人工").getString("conversationId");
    console.adminApi().json("POST", "/console/api/conversations/" + requested + "/takeover", null);
    console.fileClaim("42010619800101123", "13812345678", "暴雨后屋顶漏水");
  }

  @Test
  void theDashboardDrawsTheRealStatisticsUnderTheContentSecurityPolicy() {
    console.signInAsAdmin();
    console.open("#/kb");
    console.visible(By.id("kb-filter"));
    console.cspViolations();
    console.script("location.hash = '#/dashboard'");
    console.waitForText(By.id("handoff-rate"), "50.0%");
    assertThat(console.driver().findElement(By.id("handoffs")).getText()).contains("2 / 4");
    assertThat(console.driver().findElement(By.id("first-count")).getText()).startsWith("1");
    assertThat(console.driver().findElement(By.id("first-median")).getText()).contains("秒");
    assertThat(console.driver().findElement(By.id("unanswered")).getText()).contains(WEATHER).doesNotContain("转人工");
    for (String chart : new String[] {"messages", "intents", "status", "street"}) {
      console.waitUntil(chart + " drawn", d -> !d.findElements(By.cssSelector("#chart-" + chart + " canvas")).isEmpty());
    }
    assertThat(console.driver().findElement(By.id("export-full")).isDisplayed()).isTrue();
    assertThat(console.cspViolations()).isEmpty();
    assertThat(console.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .isEqualTo(0L);
    assertThat(console.script("return window.__missingI18n.size")).isEqualTo(0L);
  }

  @Test
  void anUnansweredQuestionOpensInTheKnowledgeBaseTryBox() {
    console.signInAsAdmin();
    console.open("#/dashboard");
    console.waitForText(By.id("unanswered"), WEATHER);
    console.visible(By.cssSelector("#unanswered a")).click();
    console.waitForText(By.cssSelector(".page-title"), "知识库");
    assertThat(console.visible(By.id("try-text")).getDomProperty("value")).isEqualTo(WEATHER);
    console.waitForText(By.id("try-result"), "转人工");
  }
}
