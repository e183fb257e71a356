package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard against the agreed shape of GET stats (console-api.md), served to the page by a stub until the
 * statistics backend is merged: ECharts loads from the webjar under the console's CSP and draws four charts,
 * the figures show; and an unanswered question opens in the knowledge base's "try it" box.
 */
class ConsoleBrowserDashboardTest {
  @RegisterExtension
  static final BrowserConsole console = new BrowserConsole();

  static final String STATS = """
      {"messagesPerDay":[{"day":"2026-03-01","count":12},{"day":"2026-03-02","count":30},{"day":"2026-03-03","count":21}],
       "topIntents":[{"intent":"social_assistance","count":14},{"intent":"insurance_coverage","count":9}],
       "handoff":{"rate":0.125,"handoffs":4,"turns":32},
       "firstResponse":{"count":4,"medianSeconds":95,"p90Seconds":300},
       "unanswered":[{"text":"低保怎么申请","count":3,"lastAt":"2026-03-03T02:00:00Z"}],
       "claimsByStatus":[{"status":"SUBMITTED","count":2},{"status":"HELD","count":1}],
       "claimsByStreet":[{"street":"水果湖街","count":2},{"street":"南湖街","count":1}]}
      """;

  @Test
  void theDashboardDrawsTheAgreedStatisticsUnderTheContentSecurityPolicy() {
    console.signInAsAdmin();
    console.open("#/kb");
    console.visible(By.id("kb-filter"));
    console.cspViolations();
    console.stubApi("/console/api/stats", STATS);
    console.script("location.hash = '#/dashboard'");
    console.waitForText(By.id("handoff-rate"), "12.5%");
    assertThat(console.driver().findElement(By.id("first-median")).getText()).contains("1.6 分钟");
    for (String chart : new String[] {"messages", "intents", "status", "street"}) {
      console.waitUntil(chart + " drawn", d -> !d.findElements(By.cssSelector("#chart-" + chart + " canvas")).isEmpty());
    }
    assertThat(console.driver().findElement(By.id("export-full")).isDisplayed()).isTrue();
    assertThat(console.cspViolations()).isEmpty();
    assertThat(console.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .isEqualTo(0L);
  }

  @Test
  void anUnansweredQuestionOpensInTheKnowledgeBaseTryBox() {
    console.signInAsAdmin();
    console.open("#/kb");
    console.visible(By.id("kb-filter"));
    console.stubApi("/console/api/stats", STATS);
    console.script("location.hash = '#/dashboard'");
    console.visible(By.cssSelector("#unanswered a")).click();
    console.waitForText(By.cssSelector(".page-title"), "知识库");
    assertThat(console.visible(By.id("try-text")).getDomProperty("value")).isEqualTo("低保怎么申请");
    console.waitForText(By.id("try-result"), "直接回答");
  }
}
