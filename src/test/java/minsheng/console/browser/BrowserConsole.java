package minsheng.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import minsheng.console.ClaimsDeskTest;
import minsheng.console.ConsoleClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One service and one headless Chromium for a browser test class, as a JUnit extension:
 * <pre>
 *   &#64;RegisterExtension static final BrowserConsole console = new BrowserConsole();
 * </pre>
 * It starts the service (embedded store, a temporary data folder, admin password {@link #ADMIN_PASSWORD}) and
 * Chromium at 1366×768 before the class, saves a PNG of every test's final state under target/screenshots/,
 * and closes both after the class. Chromium and chromedriver are the system's (/usr/bin), never downloaded.
 */
public final class BrowserConsole implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "correct-horse-battery";
  public static final int WIDTH = 1366;
  public static final int HEIGHT = 768;
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Map<String, String> env;
  private Path dataDir;
  private Minsheng app;
  private ChromeDriverService service;
  private ChromeDriver driver;

  public BrowserConsole() {
    this(Map.of());
  }

  /** With more service settings, as environment variables would give them. */
  public BrowserConsole(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException("The console's browser tests need Chromium and chromedriver: " + p
            + " is missing. Install them (Debian: apt-get install chromium chromium-driver; .ci/run does this).");
      }
    }
    dataDir = Files.createTempDirectory("minsheng-browser");
    Map<String, String> settings = new HashMap<>(env);
    settings.putIfAbsent("MINSHENG_ADMIN_PASSWORD", ADMIN_PASSWORD);
    app = Minsheng.start(TestConfigs.service(dataDir, settings));
    // The driver and browser are given explicitly, so Selenium Manager never looks for (or downloads) either.
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=" + WIDTH + "," + HEIGHT, "--lang=zh-CN", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    // The page itself gets exactly 1366×768, whatever the headless window's frame takes.
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (driver == null) {
      return;
    }
    Files.createDirectories(SCREENSHOTS);
    String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
        + (context.getExecutionException().isPresent() ? ".FAILED" : "") + ".png";
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    // The browser's console (script errors, CSP reports) beside the picture, for whoever reads a failure
    List<String> lines = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    Files.write(SCREENSHOTS.resolve(name.replaceAll("\\.png$", ".log")), lines);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (service != null) {
        service.stop();
      }
      if (app != null) {
        app.close();
      }
    }
  }

  // ---- the browser

  public WebDriver driver() {
    return driver;
  }

  public Minsheng app() {
    return app;
  }

  /** Opens a console URL: "" for /console/, "#/kb" for a page. */
  public void open(String fragment) {
    driver.get(app.url() + "console/" + fragment);
  }

  /** Waits up to 10 s for a visible element. */
  public WebElement visible(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits up to 10 s for an element to contain the text. */
  public void waitForText(By by, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  public void waitUntil(String what, java.util.function.Function<WebDriver, Boolean> condition) {
    // Live pages redraw parts of themselves: an element found a moment ago may be gone, so look again.
    new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
  }

  /** Waits for a clickable element and clicks it, looking again if a live redraw replaced it meanwhile. */
  public void click(By by) {
    waitUntil("click " + by, d -> {
      WebElement e = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (e == null) {
        return false;
      }
      e.click();
      return true;
    });
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Runs an async script: the last argument the script gets is the callback to call with the result. */
  public Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /** Signs in through the page (with Enter, as a person would) unless already signed in; lands on the app shell. */
  public void signIn(String user, String password) {
    open("");
    // body[data-view] is set once the page knows whether a session is open: "signin" or "app"
    String view = new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-view"));
    if (view.equals("app")) {
      String who = driver.findElement(By.id("who")).getText();
      if (who.startsWith(user)) {
        return;
      }
      signOut();
    }
    WebElement u = visible(By.id("user"));
    u.clear();
    u.sendKeys(user);
    WebElement p = driver.findElement(By.id("password"));
    p.clear();
    p.sendKeys(password, org.openqa.selenium.Keys.ENTER);
    visible(By.id("app"));
    waitForText(By.id("who"), user);
  }

  public void signInAsAdmin() {
    signIn(ADMIN, ADMIN_PASSWORD);
  }

  public void signOut() {
    driver.findElement(By.id("signout")).click();
    visible(By.id("signin"));
  }

  /** The visible status area's text ("" when hidden). */
  public String status() {
    WebElement s = driver.findElement(By.id("status"));
    return s.isDisplayed() ? s.getText() : "";
  }

  /** The browser's console messages about the Content-Security-Policy since the last call (should be none). */
  public List<String> cspViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(e -> e.getMessage())
        .filter(m -> m.contains("Content Security Policy")).toList();
  }

  // ---- the service, from outside the browser

  /** A resident's message on the JSON channel; the assistant's first reply text. */
  public String residentAsks(String user, String text) throws Exception {
    JsonObject answer = residentSays(user, text);
    assertThat(answer.getJsonArray("replies")).as(answer.encode()).isNotEmpty();
    return answer.getJsonArray("replies").getJsonObject(0).getString("text");
  }

  /** A resident's message on the JSON channel; the whole answer ({conversationId, replies: [...], ...}). */
  public JsonObject residentSays(String user, String text) throws Exception {
    return ConsoleClient.residentSays(app, user, text);
  }

  /** What the JSON channel holds for a resident: [{id, from, text, at}], oldest first. */
  public List<JsonObject> outbox(String user) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(app.url() + "api/chat/outbox?user=" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8)))
        .header("X-Outbox-Token", app.outboxToken(user)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("messages").stream().map(m -> (JsonObject) m).toList();
  }

  /**
   * Files a caller's claim through the console API as the administrator ({@link ClaimsDeskTest#form}: 王五,
   * 水果湖街 东亭社区 3栋101, a house damaged by a natural disaster yesterday, 8000 yuan); its claim number.
   */
  public String fileClaim(String first17, String phone, String description) throws Exception {
    return adminApi().json("POST", "/console/api/claims", ClaimsDeskTest.form(ClaimsDeskTest.id(first17), phone, "水果湖街",
        java.time.LocalDate.now().minusDays(1).toString(), description).encode()).getString("claimNo");
  }

  /** Creates an operator account (role "operator") with {@link #ADMIN_PASSWORD}, through the admin API. */
  public void createOperator(String user) throws Exception {
    adminApi().createOperator(user, ADMIN_PASSWORD, "operator");
  }

  /** An API client signed in as the administrator, for setting up data around a browser test. */
  public ConsoleClient adminApi() throws Exception {
    return ConsoleClient.signIn(app, ADMIN, ADMIN_PASSWORD);
  }
}
