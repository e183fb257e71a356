package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.claims.IdNumber;
import minsheng.console.ConsoleClient;
import minsheng.insurer.StubInsurer;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The claims desk against the real backend, with a stub insurer behind the forwarder that refuses the first
 * delivery of a claim whose description asks for it: a held claim's masked row and detail (history, the refused
 * try, review flags, retry and correct); filing a claim for a caller (a wrong ID number shown at its field and
 * nothing stored, then filed); and the audited reveal of the full ID number.
 */
class ConsoleBrowserClaimsTest {
  static final String SECRET = "browser-insurer-secret";
  static final String REFUSE = "[stub:refuse-first]";
  static final Vertx vertx = Vertx.vertx();
  static final StubInsurer insurer = startInsurer();

  @RegisterExtension
  static final BrowserConsole console = new BrowserConsole(Map.of(
      "MINSHENG_INSURER_URL", insurer.url().toString(), "MINSHENG_INSURER_SECRET", SECRET));

  static StubInsurer startInsurer() {
    try {
      StubInsurer stub = new StubInsurer(vertx, SECRET);
      stub.script = (key, n) -> n == 0 && stub.bodies.getOrDefault(key, java.util.Set.of()).stream()
          .anyMatch(b -> b.contains(REFUSE))
          ? new StubInsurer.Status(400, "{\"error\":\"unknown community\"}", 0) : StubInsurer.ok("INS-" + key);
      return stub;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopInsurer() throws Exception {
    insurer.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theDeskShowsMaskedRowsAndAHeldClaimsDetailWithItsActions() throws Exception {
    ConsoleClient admin = console.adminApi();
    String claimNo = console.fileClaim("42010619800101123", "13812345678", "暴雨后屋顶漏水 " + REFUSE);
    new WebDriverWait(console.driver(), Duration.ofSeconds(20)).withMessage("the insurer refuses " + claimNo)
        .until(d -> {
          try {
            return "HELD".equals(admin.json("GET", "/console/api/claims/" + claimNo, null)
                .getJsonObject("claim").getString("status"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });

    console.signInAsAdmin();
    console.open("#/claims");
    console.waitForText(By.id("claims-table"), claimNo);
    String table = console.driver().findElement(By.id("claims-table")).getText();
    assertThat(table).contains("138****5678", "投递受阻", "自然灾害", "8000.00").doesNotContain("13812345678");
    assertThat(new Select(console.driver().findElement(By.name("street"))).getOptions()).hasSize(15);

    console.driver().findElement(By.xpath("//button[contains(@class,'claim-no') and text()='" + claimNo + "']")).click();
    WebElement dialog = console.visible(By.cssSelector("dialog .claim-detail"));
    // The detail's real shape: createdAt, losses' estimatedAmount, history {status, by, note}, tries' outcome
    assertThat(dialog.getText()).contains("东亭社区", "3栋101", "房屋损失 8000.00", "坐席代报", "已提交",
        "operator:admin", "被退回", "400", "unknown community", "审计");
    assertThat(console.driver().findElement(By.id("claim-id-number")).getText()).contains("*");
    assertThat(console.driver().findElement(By.id("reveal")).isDisplayed()).isTrue();
    assertThat(console.driver().findElement(By.id("retry")).isDisplayed()).isTrue();
    assertThat(console.driver().findElement(By.id("correct")).isDisplayed()).isTrue();
    assertThat(console.script("return window.__missingI18n.size")).as("%s", console.script(
        "return [...window.__missingI18n].join(', ')")).isEqualTo(0L);
  }

  @Test
  void anOperatorFilesAClaimForACallerAndAWrongIdNumberIsShownAtItsField() throws Exception {
    long before = claimCount();
    console.signInAsAdmin();
    console.open("#/claims");
    console.visible(By.id("file-for-caller")).click();
    WebElement form = console.visible(By.id("file-claim"));
    form.findElement(By.name("name")).sendKeys("李四");
    String first17 = "11010519491231002";
    form.findElement(By.name("idNumber")).sendKeys(first17 + (IdNumber.checkCharacter(first17) == '0' ? '1' : '0'));
    form.findElement(By.name("phone")).sendKeys("13800138000");
    new Select(form.findElement(By.name("street"))).selectByVisibleText("南湖街");
    form.findElement(By.name("community")).sendKeys("南湖社区");
    form.findElement(By.name("detail")).sendKeys("1栋101");
    new Select(form.findElement(By.name("peril"))).selectByValue("FIRE_EXPLOSION");
    console.script("arguments[0].value = new Date(Date.now() - 86400000).toISOString().slice(0, 10)",
        form.findElement(By.name("incidentDate")));
    form.findElement(By.name("loss-HOUSE_DAMAGE")).sendKeys("8000");
    form.findElement(By.name("description")).sendKeys("厨房起火,烧坏了橱柜");
    form.findElement(By.name("hukouConfirmed")).click();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    // A check character that does not add up: the ID number's field says so, and nothing is stored
    console.waitUntil("the ID field shows its error", d -> !d.findElement(By.cssSelector("[data-field=idNumber] .field-error"))
        .getText().isBlank());
    assertThat(form.findElement(By.name("idNumber")).getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(claimCount()).isEqualTo(before);

    form.findElement(By.name("idNumber")).clear();
    form.findElement(By.name("idNumber")).sendKeys("11010519491231002X");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    console.waitForText(By.id("status"), "已报案");
    String status = console.driver().findElement(By.id("status")).getText();
    assertThat(status).matches("(?s).*WC-\\d{4}-\\d{6}.*");
    String claimNo = status.replaceAll("(?s).*(WC-\\d{4}-\\d{6}).*", "$1");
    console.waitForText(By.id("claims-table"), claimNo);
    assertThat(console.driver().findElement(By.id("claims-table")).getText()).contains("138****8000");
    JsonArray listed = console.adminApi().json("GET", "/console/api/claims?q=" + claimNo, null).getJsonArray("claims");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("channel")).isEqualTo("console");
    assertThat(claimCount()).isEqualTo(before + 1);

    // The full ID number, on request only, and written to the audit log
    console.driver().findElement(By.xpath("//button[contains(@class,'claim-no') and text()='" + claimNo + "']")).click();
    console.visible(By.cssSelector("dialog .claim-detail"));
    assertThat(console.driver().findElement(By.id("claim-id-number")).getText()).isNotEqualTo("11010519491231002X");
    console.driver().findElement(By.xpath("//button[text()='显示完整身份证号']")).click();
    console.waitForText(By.id("claim-id-number"), "11010519491231002X");
    console.waitForText(By.id("claim-phone"), "13800138000");
    Document audit = Reactive.first(console.app().store().collection("audit")
            .find(Filters.and(Filters.eq("what", "claim.reveal"), Filters.eq("claimNo", claimNo))))
        .await(5, TimeUnit.SECONDS).orElse(null);
    assertThat(audit).as("an audit entry for the reveal of " + claimNo).isNotNull();
    assertThat(audit.getString("who")).isEqualTo("operator:admin");
    assertThat(audit.getList("fields", String.class)).containsExactly("idNumber", "phone");
  }

  static long claimCount() throws Exception {
    return Reactive.one(console.app().store().collection("claims").countDocuments()).await(10, TimeUnit.SECONDS);
  }
}
