package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console sign-in over HTTP: a real Vert.x server with the console routes, over the embedded store. */
class ConsoleAuthTest {
  @TempDir
  static Path data;
  static Store store;
  static Vertx vertx;
  static HttpServer server;
  static String base;
  static Accounts accounts;
  static String adminPassword;
  static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  static final Duration LOCKOUT = Duration.ofMinutes(15);
  static final HttpClient http = HttpClient.newHttpClient();

  /** A clock the test moves forward by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    store = Store.open(Optional.empty(), data, "test");
    vertx = Vertx.vertx();
    accounts = new Accounts(vertx, store, 1_000, LOCKOUT, clock);
    Sessions sessions = new Sessions(store, clock, Sessions.DEFAULT_IDLE, Sessions.DEFAULT_ABSOLUTE);
    ConsoleAuth auth = new ConsoleAuth(accounts, sessions, new SignInThrottle(clock));
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    // The sign-in and account routes as the service's route table declares them.
    router.route("/console/api/*").handler(ConsoleAuth::noStore).failureHandler(ConsoleAuth::failure);
    router.post("/console/api/login").handler(body).handler(auth::throttleAddress).handler(auth::validateLogin)
        .handler(auth::login);
    router.post("/console/api/logout").handler(body).handler(auth::logout);
    router.get("/console/api/me").handler(auth::requireOperator).handler(auth::me);
    router.get("/console/api/operators").handler(auth::requireAdmin).handler(auth::listOperators);
    router.post("/console/api/operators").handler(body).handler(auth::requireAdmin)
        .handler(auth::validateNewOperator).handler(auth::createOperator);
    router.get("/console/api/test/op").handler(auth::requireOperator)
        .handler(ctx -> ctx.json(new JsonObject().put("seen", ConsoleAuth.account(ctx).orElseThrow().user())));
    router.post("/console/api/test/op").handler(body).handler(auth::requireOperator)
        .handler(ctx -> ctx.json(new JsonObject().put("done", true)));
    router.get("/console/api/test/admin").handler(auth::requireAdmin)
        .handler(ctx -> ctx.json(new JsonObject().put("admin", true)));
    server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    base = "http://localhost:" + server.actualPort();
    adminPassword = accounts.ensureAdmin("admin", Optional.empty()).await(10, TimeUnit.SECONDS).orElseThrow();
    accounts.create("li.operator", "operator-pass-1", Accounts.ROLE_OPERATOR).await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    store.close();
  }

  // ---- HTTP helpers

  record Signed(String cookie, String csrf, String role) {
  }

  static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> login(String user, String password, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("POST", "/console/api/login", new JsonObject().put("user", user).put("password", password).encode(),
        all);
  }

  static Signed signIn(String user, String password) throws Exception {
    HttpResponse<String> r = login(user, password);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    JsonObject body = new JsonObject(r.body());
    return new Signed(cookie, body.getString("csrfToken"), body.getString("role"));
  }

  static Signed admin() throws Exception {
    return signIn("admin", adminPassword);
  }

  static Signed operator() throws Exception {
    return signIn("li.operator", "operator-pass-1");
  }

  static HttpResponse<String> get(String path, Signed s) throws Exception {
    return s == null ? send("GET", path, null) : send("GET", path, null, "Cookie", s.cookie());
  }

  static HttpResponse<String> post(String path, Signed s, String csrf, JsonObject body) throws Exception {
    List<String> h = new java.util.ArrayList<>(List.of("Content-Type", "application/json"));
    if (s != null) {
      h.addAll(List.of("Cookie", s.cookie()));
    }
    if (csrf != null) {
      h.addAll(List.of("X-CSRF-Token", csrf));
    }
    return send("POST", path, body.encode(), h.toArray(String[]::new));
  }

  static String error(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("error");
  }

  static Document operatorDoc(String user) throws Exception {
    return Reactive.one(store.collection(Accounts.COLLECTION).find(new Document("_id", user)))
        .await(10, TimeUnit.SECONDS);
  }

  // ---- tests

  @Test
  void theAdminIsCreatedOnceWithAGeneratedPasswordAndNoClearText() throws Exception {
    assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(20);
    assertThat(accounts.ensureAdmin("admin", Optional.empty()).await(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(accounts.ensureAdmin("other-admin", Optional.of("another-strong-one")).await(10, TimeUnit.SECONDS))
        .isEmpty();
    long admins = Reactive.one(store.collection(Accounts.COLLECTION).countDocuments(new Document("role", "admin")))
        .await(10, TimeUnit.SECONDS);
    assertThat(admins).isEqualTo(1);
    Document doc = operatorDoc("admin");
    assertThat(doc.toJson()).doesNotContain(adminPassword);
    assertThat(doc.getString("hash")).isNotEqualTo(adminPassword);
    assertThat(java.util.Base64.getDecoder().decode(doc.getString("salt"))).hasSize(16);
    assertThat(doc.getInteger("iterations")).isEqualTo(1_000);
    assertThat(admin().role()).isEqualTo("admin");
  }

  @Test
  void productionDefaultsAreAtLeast210000Iterations() {
    assertThat(Accounts.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
    assertThat(Accounts.DEFAULT_LOCKOUT).isEqualTo(Duration.ofMinutes(15));
    assertThat(Sessions.DEFAULT_IDLE).isEqualTo(Duration.ofMinutes(30));
    assertThat(Sessions.DEFAULT_ABSOLUTE).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void loginSetsAStrictHttpOnlyCookieAndMeAnswers() throws Exception {
    HttpResponse<String> r = login("li.operator", "operator-pass-1");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("user")).isEqualTo("li.operator");
    assertThat(body.getString("role")).isEqualTo("operator");
    assertThat(body.getString("csrfToken")).hasSizeGreaterThanOrEqualTo(40);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("minsheng_session=").contains("Path=/console").containsIgnoringCase("HttpOnly")
        .contains("SameSite=Strict").doesNotContain("Secure");
    String id = setCookie.substring("minsheng_session=".length(), setCookie.indexOf(';'));
    assertThat(id).hasSize(43);
    // Only a digest of the id is stored.
    assertThat(Reactive.first(store.collection(Sessions.COLLECTION).find(new Document("_id", id)))
        .await(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(Reactive.first(store.collection(Sessions.COLLECTION).find(new Document("_id", Sessions.digest(id))))
        .await(10, TimeUnit.SECONDS)).isPresent();

    HttpResponse<String> me = send("GET", "/console/api/me", null, "Cookie", "minsheng_session=" + id);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(me.body()).getString("csrfToken")).isEqualTo(body.getString("csrfToken"));
    assertThat(me.headers().firstValue("Cache-Control")).contains("no-store");

    HttpResponse<String> behindTls = login("li.operator", "operator-pass-1", "X-Forwarded-Proto", "https");
    assertThat(behindTls.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
    accounts.create("wang.op", "wang-pass-123", Accounts.ROLE_OPERATOR).await(10, TimeUnit.SECONDS);
    HttpResponse<String> wrong = login("wang.op", "not-the-password");
    HttpResponse<String> unknown = login("nobody-here", "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertThat(error(wrong)).isEqualTo("wrong_credentials");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void malformedLoginsAre400() throws Exception {
    assertThat(send("POST", "/console/api/login", "not json", "Content-Type", "application/json").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/console/api/login", "[1]", "Content-Type", "application/json").statusCode())
        .isEqualTo(400);
    HttpResponse<String> noPassword = send("POST", "/console/api/login", "{\"user\":\"admin\"}",
        "Content-Type", "application/json");
    assertThat(noPassword.statusCode()).isEqualTo(400);
    assertThat(error(noPassword)).isEqualTo("missing_password");
    assertThat(send("POST", "/console/api/login", "{\"user\":1,\"password\":\"x\"}",
        "Content-Type", "application/json").statusCode()).isEqualTo(400);
    // A cross-site form cannot post JSON: other content types are refused.
    assertThat(send("POST", "/console/api/login", "{\"user\":\"admin\",\"password\":\"x\"}",
        "Content-Type", "text/plain").statusCode()).isEqualTo(415);
  }

  /** A status line and headers of a sign-in sent from a chosen loopback address (127.0.0.0/8 all reach us). */
  record Raw(int status, String retryAfter) {
  }

  static Raw loginFrom(String address, String user, String password) throws Exception {
    String body = new JsonObject().put("user", user).put("password", password).encode();
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(address, 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.actualPort()), 5_000);
      socket.setSoTimeout(10_000);
      String head = "POST /console/api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.split(" ", 3)[1]);
      String retryAfter = response.lines().filter(l -> l.toLowerCase().startsWith("retry-after:"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
      return new Raw(status, retryAfter);
    }
  }

  @Test
  void oneAddressFailingIsSlowedDownExponentiallyAndCannotLockTheAdminOut() throws Exception {
    String attacker = "127.0.0.2";
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertThat(loginFrom(attacker, "admin", "guess-" + i).status()).isEqualTo(401);
    }
    Raw throttled = loginFrom(attacker, "admin", "guess-x");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.retryAfter()).isEqualTo("1");
    // Even the right password waits: the address is slowed, not judged.
    assertThat(loginFrom(attacker, "admin", adminPassword).status()).isEqualTo(429);
    // The administrator, from another address, signs in at once, and the account is not locked.
    assertThat(loginFrom("127.0.0.3", "admin", adminPassword).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(loginFrom(attacker, "admin", "guess-6").status()).isEqualTo(401);
    assertThat(loginFrom(attacker, "admin", "guess-7").retryAfter()).isEqualTo("2");
    clock.advance(Duration.ofSeconds(2));
    assertThat(loginFrom(attacker, "admin", "guess-8").status()).isEqualTo(401);
    assertThat(loginFrom(attacker, "admin", "guess-9").retryAfter()).isEqualTo("4");
    assertThat(loginFrom("127.0.0.3", "admin", adminPassword).status()).isEqualTo(200);
    assertThat(operatorDoc("admin").get("lockedUntil")).isNull();
    clock.advance(Duration.ofSeconds(4));
  }

  @Test
  void failuresFromFiveAddressesLockTheAccountUntilTheLockoutEnds() throws Exception {
    accounts.create("zhao.op", "zhao-pass-123", Accounts.ROLE_OPERATOR).await(10, TimeUnit.SECONDS);
    // A success in between resets the count.
    for (int i = 0; i < 4; i++) {
      assertThat(loginFrom("127.0.1." + i, "zhao.op", "wrong-" + i).status()).isEqualTo(401);
    }
    assertThat(loginFrom("127.0.1.9", "zhao.op", "zhao-pass-123").status()).isEqualTo(200);
    assertThat(operatorDoc("zhao.op").getInteger("failedAttempts")).isZero();
    assertThat(operatorDoc("zhao.op").getList("failedFrom", String.class)).isEmpty();
    // Distributed guessing: one failure each from five addresses.
    for (int i = 0; i < 5; i++) {
      assertThat(loginFrom("127.0.2." + i, "zhao.op", "wrong-" + i).status()).isEqualTo(401);
    }
    HttpResponse<String> locked = login("zhao.op", "zhao-pass-123");
    assertThat(locked.statusCode()).isEqualTo(423);
    assertThat(error(locked)).isEqualTo("locked");
    assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
    clock.advance(LOCKOUT.minusMinutes(1));
    assertThat(login("zhao.op", "zhao-pass-123").statusCode()).isEqualTo(423);
    clock.advance(Duration.ofMinutes(2));
    assertThat(login("zhao.op", "zhao-pass-123").statusCode()).isEqualTo(200);
  }

  @Test
  void failuresAreCountedAtomicallyUnderConcurrency() throws Exception {
    accounts.create("sun.op", "sun-pass-1234", Accounts.ROLE_OPERATOR).await(10, TimeUnit.SECONDS);
    List<io.vertx.core.Future<Accounts.AuthResult>> attempts = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      attempts.add(accounts.authenticate("sun.op", "bad-password", "10.0.0." + i));
    }
    io.vertx.core.Future.all(attempts).await(10, TimeUnit.SECONDS);
    assertThat(operatorDoc("sun.op").getInteger("failedAttempts")).isEqualTo(4);
    assertThat(operatorDoc("sun.op").getList("failedFrom", String.class)).hasSize(4);
    // The same address again adds a failure but no address: not locked.
    assertThat(accounts.authenticate("sun.op", "bad-password", "10.0.0.0").await(10, TimeUnit.SECONDS).outcome())
        .isEqualTo(Accounts.Outcome.WRONG);
    assertThat(accounts.authenticate("sun.op", "sun-pass-1234", "10.0.0.0").await(10, TimeUnit.SECONDS).outcome())
        .isEqualTo(Accounts.Outcome.OK);
    for (int i = 0; i < 5; i++) {
      accounts.authenticate("sun.op", "bad-password", "10.0.1." + i).await(10, TimeUnit.SECONDS);
    }
    assertThat(accounts.authenticate("sun.op", "sun-pass-1234", "10.0.0.0").await(10, TimeUnit.SECONDS).outcome())
        .isEqualTo(Accounts.Outcome.LOCKED);
  }

  @Test
  void writesNeedTheCsrfTokenAndChangeNothingWithoutIt() throws Exception {
    Signed admin = admin();
    JsonObject newOp = new JsonObject().put("user", "csrf.victim").put("password", "victim-pass-1").put("role", "admin");
    HttpResponse<String> missing = post("/console/api/operators", admin, null, newOp);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(error(missing)).isEqualTo("csrf");
    HttpResponse<String> wrong = post("/console/api/operators", admin, admin.csrf() + "x", newOp);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(error(wrong)).isEqualTo("csrf");
    Signed other = operator();
    assertThat(post("/console/api/test/op", admin, other.csrf(), new JsonObject()).statusCode()).isEqualTo(403);
    assertThat(Reactive.first(store.collection(Accounts.COLLECTION).find(new Document("_id", "csrf.victim")))
        .await(10, TimeUnit.SECONDS)).isEmpty();
    // GET needs no token; a POST with the right one goes through.
    assertThat(get("/console/api/test/op", admin).statusCode()).isEqualTo(200);
    assertThat(post("/console/api/test/op", admin, admin.csrf(), new JsonObject()).statusCode()).isEqualTo(200);
  }

  @Test
  void permissionsForAnonymousOperatorAndAdmin() throws Exception {
    for (String path : List.of("/console/api/test/op", "/console/api/test/admin", "/console/api/me",
        "/console/api/operators")) {
      HttpResponse<String> r = get(path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(error(r)).isEqualTo("unauthenticated");
    }
    assertThat(send("GET", "/console/api/test/op", null, "Cookie", "minsheng_session=forged").statusCode())
        .isEqualTo(401);
    assertThat(post("/console/api/test/op", null, null, new JsonObject()).statusCode()).isEqualTo(401);

    Signed op = operator();
    HttpResponse<String> seen = get("/console/api/test/op", op);
    assertThat(seen.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(seen.body()).getString("seen")).isEqualTo("li.operator");
    assertThat(get("/console/api/test/admin", op).statusCode()).isEqualTo(403);
    assertThat(error(get("/console/api/operators", op))).isEqualTo("forbidden");
    assertThat(post("/console/api/operators", op, op.csrf(),
        new JsonObject().put("user", "sneaky").put("password", "sneaky-pass-1").put("role", "admin")).statusCode())
        .isEqualTo(403);
    assertThat(Reactive.first(store.collection(Accounts.COLLECTION).find(new Document("_id", "sneaky")))
        .await(10, TimeUnit.SECONDS)).isEmpty();

    Signed admin = admin();
    assertThat(get("/console/api/test/op", admin).statusCode()).isEqualTo(200);
    assertThat(get("/console/api/test/admin", admin).statusCode()).isEqualTo(200);
  }

  @Test
  void adminsManageAccountsAndListsHoldNoSecrets() throws Exception {
    Signed admin = admin();
    HttpResponse<String> created = post("/console/api/operators", admin, admin.csrf(),
        new JsonObject().put("user", "zhou.op").put("password", "zhou-pass-123").put("role", "operator"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(post("/console/api/operators", admin, admin.csrf(),
        new JsonObject().put("user", "zhou.op").put("password", "zhou-pass-123").put("role", "operator"))
        .statusCode()).isEqualTo(409);
    assertThat(error(post("/console/api/operators", admin, admin.csrf(),
        new JsonObject().put("user", "x").put("password", "zhou-pass-123").put("role", "boss"))))
        .isEqualTo("invalid_role");
    assertThat(signIn("zhou.op", "zhou-pass-123").role()).isEqualTo("operator");

    HttpResponse<String> list = get("/console/api/operators", admin);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonArray operators = new JsonObject(list.body()).getJsonArray("operators");
    assertThat(operators.stream().map(o -> ((JsonObject) o).getString("user"))).contains("admin", "zhou.op");
    assertThat(list.body()).doesNotContain("hash").doesNotContain("salt").doesNotContain("zhou-pass-123");
  }

  @Test
  void weakPasswordsAreRefused() throws Exception {
    Signed admin = admin();
    HttpResponse<String> r = post("/console/api/operators", admin, admin.csrf(),
        new JsonObject().put("user", "weak.op").put("password", "short1").put("role", "operator"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).isEqualTo("weak_password");
    assertThat(new JsonObject(r.body()).getString("message")).contains("10");
    assertThat(Reactive.first(store.collection(Accounts.COLLECTION).find(new Document("_id", "weak.op")))
        .await(10, TimeUnit.SECONDS)).isEmpty();
    Throwable failure = accounts.create("weak2", "123456789", "operator").andThen(ar -> { })
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(Accounts.AccountException.class).hasMessageContaining("at least 10");
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    Signed op = operator();
    assertThat(send("POST", "/console/api/logout", null, "Cookie", op.cookie()).statusCode()).isEqualTo(403);
    assertThat(get("/console/api/me", op).statusCode()).isEqualTo(200);
    HttpResponse<String> out = send("POST", "/console/api/logout", null, "Cookie", op.cookie(),
        "X-CSRF-Token", op.csrf());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("minsheng_session=;")
        .containsIgnoringCase("Max-Age=0").contains("Path=/console");
    assertThat(get("/console/api/me", op).statusCode()).isEqualTo(401);
  }

  @Test
  void sessionsExpireWhenIdleAndAfterTheAbsoluteLifetime() throws Exception {
    Signed idle = operator();
    clock.advance(Duration.ofMinutes(29));
    assertThat(get("/console/api/me", idle).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(29));
    assertThat(get("/console/api/me", idle).statusCode()).as("activity refreshes the idle timer").isEqualTo(200);
    clock.advance(Duration.ofMinutes(31));
    assertThat(get("/console/api/me", idle).statusCode()).isEqualTo(401);

    Signed busy = operator();
    for (int i = 0; i < 35; i++) { // 11 h 40 min of activity
      clock.advance(Duration.ofMinutes(20));
      assertThat(get("/console/api/me", busy).statusCode()).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(20));
    assertThat(get("/console/api/me", busy).statusCode()).isEqualTo(401);
  }
}
