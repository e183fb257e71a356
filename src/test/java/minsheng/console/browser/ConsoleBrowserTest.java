package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The console in a real browser, against the parts of the backend that exist: sign-in, the shell, the KB desk. */
class ConsoleBrowserTest {
  @RegisterExtension
  static final BrowserConsole console = new BrowserConsole();

  @Test
  void anAdministratorSignsInAndSeesEveryPage() {
    console.signInAsAdmin();
    assertThat(console.driver().findElement(By.id("who")).getText()).contains("admin").contains("管理员");
    List<String> nav = console.driver().findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
    assertThat(nav).hasSize(5);
    assertThat(String.join(" ", nav)).contains("会话", "理赔", "知识库", "统计", "账号");
    console.driver().findElement(By.id("nav-operators")).click();
    console.waitForText(By.id("operators"), "admin");
    assertThat(console.script("return window.__missingI18n.size")).isEqualTo(0L);
  }

  @Test
  void aWrongPasswordIsRefusedWithAVisibleMessage() {
    console.signInAsAdmin();
    console.signOut();
    console.driver().findElement(By.id("user")).sendKeys("admin");
    console.driver().findElement(By.id("password")).sendKeys("not-the-password", Keys.ENTER);
    console.waitForText(By.id("signin-msg"), "账号或密码不对");
    assertThat(console.driver().findElement(By.id("signin-msg")).isDisplayed()).isTrue();
    assertThat(console.driver().findElement(By.id("app")).isDisplayed()).isFalse();
  }

  @Test
  void aWriteWithoutTheCsrfTokenIsRefused() {
    console.signInAsAdmin();
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) console.asyncScript("""
        const done = arguments[arguments.length - 1];
        const article = await (await fetch('/console/api/articles/charity-projects')).json();
        const put = await fetch('/console/api/articles/charity-projects', {method: 'PUT',
          headers: {'Content-Type': 'application/json'}, body: JSON.stringify(article)});
        done({status: put.status, body: await put.json()});
        """);
    assertThat(r.get("status")).isEqualTo(403L);
    assertThat(((Map<?, ?>) r.get("body")).get("error")).isEqualTo("csrf");
  }

  @Test
  void anArticleEditedInTheKnowledgeBasePageChangesTheAnswerResidentsGet() throws Exception {
    console.signInAsAdmin();
    assertThat(console.residentAsks("kb-browser", "民生保险最多赔多少钱")).doesNotContain("坐席已核对");
    console.open("#/kb");
    WebElement filter = console.visible(By.id("kb-filter"));
    filter.sendKeys("insurance-caps");
    console.visible(By.cssSelector("#articles button[data-id='insurance-caps']")).click();
    WebElement body = console.visible(By.id("kb-body"));
    String marker = "民生保险每次事故:每人死亡或伤残最高赔10万元;每户房屋损失最高赔5万元(坐席已核对)。";
    body.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME), marker + "\n\n");
    console.waitForText(By.id("kb-summary"), "坐席已核对");
    console.driver().findElement(By.id("kb-save")).click();
    console.waitForText(By.id("status"), "已保存");
    assertThat(console.residentAsks("kb-browser", "民生保险最多赔多少钱")).contains("坐席已核对");

    WebElement question = console.driver().findElement(By.id("try-text"));
    question.sendKeys("民生保险最多赔多少钱", Keys.ENTER);
    console.waitForText(By.id("try-result"), "坐席已核对");
    assertThat(console.driver().findElement(By.id("try-result")).getText()).contains("直接回答");
  }

  @Test
  void theLanguageSwitchesToEnglishIsRememberedAndSwitchesBack() {
    console.signInAsAdmin();
    console.open("#/kb");
    console.visible(By.id("kb-filter"));
    WebElement lang = console.driver().findElement(By.id("lang"));
    assertThat(lang.getText()).isEqualTo("English");
    lang.click();
    console.waitForText(By.id("nav-inbox"), "Inbox");
    assertThat(console.script("return document.documentElement.lang")).isEqualTo("en");
    assertThat(console.driver().findElement(By.cssSelector(".page-title")).getText()).isEqualTo("Knowledge base");
    assertThat(console.driver().findElement(By.id("kb-filter")).getDomAttribute("placeholder")).isEqualTo("Filter articles");

    console.driver().navigate().refresh();
    console.waitForText(By.id("nav-kb"), "Knowledge base");
    console.driver().findElement(By.id("lang")).click();
    console.waitForText(By.id("nav-inbox"), "会话");
    assertThat(console.driver().findElement(By.cssSelector(".page-title")).getText()).isEqualTo("知识库");
    assertThat(console.script("return document.documentElement.lang")).isEqualTo("zh-CN");
    assertThat(console.script("return window.__missingI18n.size")).isEqualTo(0L);
  }

  @Test
  void noPageScrollsSidewaysAt1366x768() {
    console.signInAsAdmin();
    assertThat(console.script("return [window.innerWidth, window.innerHeight]")).isEqualTo(List.of(1366L, 768L));
    for (String page : List.of("inbox", "claims", "kb", "dashboard", "operators")) {
      console.open("#/" + page);
      console.visible(By.cssSelector(".page-title"));
      console.waitUntil(page + " rendered", d -> !d.findElements(By.cssSelector(".page-body > *")).isEmpty());
      Object overflow = console.script(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(overflow).as(page + ": horizontal overflow in px").isEqualTo(0L);
    }
    // The widest form: a claim for a caller, in the page's dialog
    console.open("#/claims");
    console.visible(By.id("file-for-caller")).click();
    console.visible(By.id("file-claim"));
    assertThat(console.script("const d = document.querySelector('dialog'); return d.scrollWidth - d.clientWidth"))
        .isEqualTo(0L);
  }

  @Test
  void theKeyboardReachesTheNavigationOpensPagesAndClosesDialogs() {
    console.signInAsAdmin();
    console.open("#/inbox");
    console.visible(By.cssSelector(".page-title"));
    console.script("document.activeElement.blur(); window.scrollTo(0, 0)");
    // Tab from the top of the page until the knowledge-base link has the focus, then Enter opens it
    Actions keys = new Actions(console.driver());
    for (int i = 0; i < 15 && !"nav-kb".equals(console.script("return document.activeElement.id")); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(console.script("return document.activeElement.id")).isEqualTo("nav-kb");
    assertThat(console.script("return getComputedStyle(document.activeElement).outlineStyle")).isNotEqualTo("none");
    keys.sendKeys(Keys.ENTER).perform();
    console.waitForText(By.cssSelector(".page-title"), "知识库");
    assertThat(console.driver().getCurrentUrl()).endsWith("#/kb");

    // Alt+2 opens the claims desk; Esc closes the form for a caller's claim
    keys.keyDown(Keys.ALT).sendKeys("2").keyUp(Keys.ALT).perform();
    console.waitForText(By.cssSelector(".page-title"), "理赔");
    console.visible(By.id("file-for-caller")).sendKeys(Keys.ENTER);
    console.visible(By.id("file-claim"));
    keys.sendKeys(Keys.ESCAPE).perform();
    console.waitUntil("the dialog closed", d -> d.findElements(By.cssSelector("dialog")).isEmpty());
    assertThat(console.script("return document.activeElement.id")).isEqualTo("file-for-caller");
  }
}
