package minsheng.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.TestConfigs;
import minsheng.config.Config;
import minsheng.console.Accounts;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin reset-password} through its entry point, on a data directory of its own. */
class AdminCommandTest {
  @TempDir
  static Path data;
  static Config config;
  static Vertx vertx;
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeAll
  static void createAdmin() throws Exception {
    config = TestConfigs.service(data, Map.of());
    vertx = Vertx.vertx();
    try (Store store = Store.open(config.mongoUri, config.dataDir, config.mongoDatabase)) {
      new Accounts(vertx, store).ensureAdmin("admin", Optional.of("first-pass-123")).await(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void clear() {
    printed.reset();
  }

  private int run(String stdin, String... args) {
    return AdminCommand.run(config, args, new StringReader(stdin), new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static Accounts.Outcome signIn(String password) throws Exception {
    try (Store store = Store.open(config.mongoUri, config.dataDir, config.mongoDatabase)) {
      return new Accounts(vertx, store).authenticate("admin", password, "test").await(10, TimeUnit.SECONDS).outcome();
    }
  }

  @Test
  void aPasswordFromStandardInputReplacesTheOldOneAndIsAudited() throws Exception {
    assertThat(run("second-pass-456\n", "reset-password", "admin")).as(output()).isZero();
    assertThat(output()).contains("changed").doesNotContain("second-pass-456");
    assertThat(signIn("first-pass-123")).isEqualTo(Accounts.Outcome.WRONG);
    assertThat(signIn("second-pass-456")).isEqualTo(Accounts.Outcome.OK);
    try (Store store = Store.open(config.mongoUri, config.dataDir, config.mongoDatabase)) {
      Document entry = Reactive.first(store.collection("audit").find(new Document("what", "operator.password.reset")))
          .await(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(entry.getString("user")).isEqualTo("admin");
      assertThat(entry.getString("who")).startsWith("cli:");
      assertThat(entry.toJson()).doesNotContain("second-pass-456");
    }
  }

  @Test
  void withoutInputAPasswordIsGeneratedAndPrintedOnce() throws Exception {
    assertThat(run("", "reset-password", "admin")).as(output()).isZero();
    Matcher m = Pattern.compile("New password for 'admin': (\\S+)").matcher(output());
    assertThat(m.find()).as(output()).isTrue();
    assertThat(signIn(m.group(1))).isEqualTo(Accounts.Outcome.OK);
  }

  @Test
  void anUnknownUserAWeakPasswordAndBadArgumentsChangeNothing() throws Exception {
    assertThat(run("third-pass-789\n", "reset-password", "nobody")).isEqualTo(1);
    assertThat(output()).contains("no account named 'nobody'");
    assertThat(run("short\n", "reset-password", "admin")).isEqualTo(1);
    assertThat(output()).contains("at least 10 characters");
    assertThat(run("", "reset-password")).isEqualTo(2);
    assertThat(output()).contains("usage:");
  }

  @Test
  void theStartUpLogSaysWhenTheAdminPasswordVariableIsIgnored() throws Exception {
    PrintStream original = System.err; // slf4j-simple writes to whatever System.err is at the time
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (Minsheng app = Minsheng.assemble(TestConfigs.service(data, Map.of("MINSHENG_ADMIN_PASSWORD",
        "a-new-pass-345")))) {
      assertThat(app.store()).isNotNull();
    } finally {
      System.setErr(original);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("MINSHENG_ADMIN_PASSWORD is ignored")
        .contains("admin reset-password admin");
    assertThat(signIn("a-new-pass-345")).isEqualTo(Accounts.Outcome.WRONG);
  }

  @Test
  void aStoreInUseIsNamedAsSuch() throws Exception {
    try (Store running = Store.open(config.mongoUri, config.dataDir, config.mongoDatabase)) {
      assertThat(run("fourth-pass-012\n", "reset-password", "admin")).isEqualTo(1);
    }
    assertThat(output()).contains("in use by another process").contains("Stop the service");
    assertThat(signIn("fourth-pass-012")).isEqualTo(Accounts.Outcome.WRONG);
  }
}
