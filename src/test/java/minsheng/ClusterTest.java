package minsheng;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.claims.IdNumber;
import minsheng.dialogue.Conversations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances, one service, as an operator runs them: the store as its own process ({@code store --port})
 * and three service processes on loopback that form one Vert.x cluster (MINSHENG_CLUSTER_MEMBERS). Everything is
 * driven through the HTTP surfaces (WeChat webhook, JSON channel, console API), the way integrators and
 * operators reach them; every process the test starts is killed at the end, also when a test fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  private static final String TOKEN = "cluster-token";
  private static final String ADMIN_PASSWORD = "correct-horse-battery";
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<Child> children = new CopyOnWriteArrayList<>();

  @TempDir
  static Path data;
  static int storePort;
  static Child store;
  static List<Child> instances = new ArrayList<>();

  /** A child JVM whose output is read all the time (so it never blocks) and kept for the assertions. */
  static final class Child {
    final String name;
    final Process process;
    final StringBuffer log = new StringBuffer();
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    volatile String url;

    Child(String name, Process process) {
      this.name = name;
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            log.append(line).append('\n');
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the process is gone
        }
      }, "child-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for a log line matching the pattern; its matcher. */
    Matcher await(Pattern pattern, Duration limit) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      for (String seen : log.toString().split("\n")) {
        Matcher m = pattern.matcher(seen);
        if (m.find()) {
          return m;
        }
      }
      while (System.nanoTime() < deadline) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null) {
          Matcher m = pattern.matcher(line);
          if (m.find()) {
            return m;
          }
        } else if (!process.isAlive()) {
          break;
        }
      }
      throw new AssertionError(name + " never logged " + pattern + ":\n" + log);
    }
  }

  private static String mainClass() {
    // Main moves to minsheng.app in the package refactor; the test runs before and after it.
    for (String name : List.of("minsheng.app.Main", "minsheng.Main")) {
      try {
        Class.forName(name, false, ClusterTest.class.getClassLoader());
        return name;
      } catch (ClassNotFoundException e) {
        // try the next
      }
    }
    throw new IllegalStateException("no Main class");
  }

  static Child java(String name, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), mainClass()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Child child = new Child(name, pb.start());
    children.add(child);
    return child;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static Child startStore() throws Exception {
    Child s = java("store", Map.of("MINSHENG_DATA_DIR", data.resolve("store").toString()),
        "store", "--port", String.valueOf(storePort));
    s.await(Pattern.compile("Minsheng store ready at mongodb://127\\.0\\.0\\.1:" + storePort), Duration.ofSeconds(60));
    return s;
  }

  /**
   * The insurer simulator as its own process, failing 30 % of attempts at random: {@code insurer-sim --fail-rate
   * 0.3}. Its output names every attempt (failed ones too) with its key and the start of its body's digest.
   */
  static Child startInsurer(int port) throws Exception {
    Child sim = java("insurer", Map.of("MINSHENG_INSURER_SECRET", INSURER_SECRET),
        "insurer-sim", "--port", String.valueOf(port), "--fail-rate", "0.3");
    sim.await(Pattern.compile("insurer simulator on http://127\\.0\\.0\\.1:" + port + "/claims"),
        Duration.ofSeconds(60));
    return sim;
  }

  /** The simulator's lines: what it did ({@code CLAIM}, {@code FAILED}, …), the key, and the body mark. */
  private static final Pattern ATTEMPT = Pattern.compile("^(\\w+)\\s+(\\S+?):? .*\\[body ([0-9a-f]{16})]$");

  record Attempt(String outcome, String key, String body) {
  }

  static List<Attempt> attempts() {
    List<Attempt> all = new ArrayList<>();
    for (String line : insurer.log.toString().split("\n")) {
      Matcher m = ATTEMPT.matcher(line);
      if (m.find()) {
        all.add(new Attempt(m.group(1), m.group(2), m.group(3)));
      }
    }
    return all;
  }

  static final String INSURER_SECRET = "cluster-secret";
  static Child insurer;

  @BeforeAll
  static void startStoreAndThreeInstances() throws Exception {
    int insurerPort = freePort();
    insurer = startInsurer(insurerPort);
    storePort = freePort();
    store = startStore();
    List<Integer> clusterPorts = List.of(freePort(), freePort(), freePort());
    String members = String.join(",", clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String fieldKey = Base64.getEncoder().encodeToString(key);
    for (int i = 0; i < 3; i++) {
      Map<String, String> env = new java.util.HashMap<>();
      env.put("MINSHENG_DATA_DIR", data.resolve("instance-" + i).toString());
      env.put("MINSHENG_HTTP_PORT", "0");
      // The options the README asks of a replica set; the single-node store must work under them too.
      env.put("MINSHENG_MONGO_URI", "mongodb://127.0.0.1:" + storePort
          + "/?w=majority&retryWrites=true&readPreference=primary");
      env.put("MINSHENG_CLUSTER_MEMBERS", members);
      env.put("MINSHENG_CLUSTER_PORT", String.valueOf(clusterPorts.get(i)));
      // What several instances must share besides the store: the field key and the first admin's password.
      env.put("MINSHENG_SECURITY_FIELD_KEY", fieldKey);
      env.put("MINSHENG_ADMIN_PASSWORD", ADMIN_PASSWORD);
      env.put("MINSHENG_WECHAT_TOKEN", TOKEN);
      // Three forwarders, one insurer.
      env.put("MINSHENG_INSURER_URL", "http://127.0.0.1:" + insurerPort + "/claims");
      env.put("MINSHENG_INSURER_SECRET", INSURER_SECRET);
      instances.add(java("instance-" + "ABC".charAt(i), env));
    }
    Pattern ready = Pattern.compile("Minsheng ready at (http://\\S+) in (\\d+) ms");
    for (Child c : instances) {
      c.url = c.await(ready, START_LIMIT).group(1);
    }
    // One cluster of three: each member has seen the three.
    for (Child c : instances) {
      c.await(Pattern.compile("3 member\\(s\\) now"), Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void killEverything() throws Exception {
    for (Child c : children) {
      c.process.destroyForcibly();
    }
    for (Child c : children) {
      c.process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  static Child a() {
    return instances.get(0);
  }

  static Child b() {
    return instances.get(1);
  }

  static Child c() {
    return instances.get(2);
  }

  // ---- the surfaces ------------------------------------------------------------------------------------------

  static HttpResponse<String> chat(Child at, String user, String text) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(at.url + "api/chat")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("text", text).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonArray says(Child at, String user, String text) throws Exception {
    HttpResponse<String> r = chat(at, user, text);
    assertThat(r.statusCode()).as(at.name + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("replies");
  }

  static String firstText(JsonArray replies) {
    return replies.isEmpty() ? "" : replies.getJsonObject(0).getString("text");
  }

  /** A signed-in console user: a cookie jar and the CSRF token, usable against any instance. */
  static final class Console {
    final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .connectTimeout(Duration.ofSeconds(5)).build();
    String csrf;

    static Console signIn(Child at, String user, String password) throws Exception {
      Console console = new Console();
      HttpResponse<String> r = console.client.send(HttpRequest.newBuilder(URI.create(at.url + "console/api/login"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              new JsonObject().put("user", user).put("password", password).encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      console.csrf = new JsonObject(r.body()).getString("csrfToken");
      return console;
    }

    HttpResponse<String> send(Child at, String method, String path, String body) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(at.url + path.substring(1))).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
          .build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject json(Child at, String method, String path, String body) throws Exception {
      HttpResponse<String> r = send(at, method, path, body);
      assertThat(r.statusCode()).as(at.name + " " + method + " " + path + ": " + r.body()).isBetween(200, 299);
      return new JsonObject(r.body());
    }

    /** The inbox's event stream on that instance: each data line, as it comes. */
    BlockingQueue<String> events(Child at) throws Exception {
      BlockingQueue<String> out = new LinkedBlockingQueue<>();
      HttpResponse<java.util.stream.Stream<String>> r = client.send(
          HttpRequest.newBuilder(URI.create(at.url + "console/api/events")).GET().build(),
          HttpResponse.BodyHandlers.ofLines());
      assertThat(r.statusCode()).isEqualTo(200);
      CountDownLatchHolder subscribed = new CountDownLatchHolder();
      Thread t = new Thread(() -> r.body().forEach(line -> {
        if (line.startsWith("retry:")) {
          subscribed.latch.countDown();
        }
        if (line.startsWith("data: ")) {
          out.add(line.substring(6));
        }
      }), "events-" + at.name);
      t.setDaemon(true);
      t.start();
      assertThat(subscribed.latch.await(20, TimeUnit.SECONDS)).as("event stream subscribed").isTrue();
      return out;
    }
  }

  static final class CountDownLatchHolder {
    final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
  }

  /** The transcript of a resident's conversation on a channel, as the console shows it. */
  static JsonArray transcript(Console console, Child at, String channel, String user) throws Exception {
    return console.json(at, "GET", "/console/api/conversations/" + Conversations.conversationId(channel, user), null)
        .getJsonArray("turns");
  }

  static List<String> residentTexts(JsonArray turns) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) {
      if ("resident".equals(turns.getJsonObject(i).getString("from"))) {
        out.add(turns.getJsonObject(i).getString("text"));
      }
    }
    return out;
  }

  // ---- WeChat, plain mode, signed as the platform signs ------------------------------------------------------

  static String signature(String timestamp, String nonce) throws Exception {
    TreeSet<String> parts = new TreeSet<>(List.of(TOKEN, timestamp, nonce));
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", parts)
        .getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse<String> wechat(Child at, String openid, String xml) throws Exception {
    String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
    String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String query = "signature=" + signature(timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce
        + "&openid=" + openid;
    return http.send(HttpRequest.newBuilder(URI.create(at.url + "wechat?" + query)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String wechatText(String openid, String msgId, String content) {
    return "<xml><ToUserName><![CDATA[gh_minsheng]]></ToUserName><FromUserName><![CDATA[" + openid
        + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
        + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content + "]]></Content><MsgId>"
        + msgId + "</MsgId></xml>";
  }

  static String replyContent(String body) {
    Matcher m = Pattern.compile("<Content><!\\[CDATA\\[(.*?)\\]\\]></Content>", Pattern.DOTALL).matcher(body);
    return m.find() ? m.group(1) : body;
  }

  // ---- the tests ---------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void theSameWechatMessageDeliveredToTwoInstancesIsAnsweredOnce() throws Exception {
    Console admin = Console.signIn(a(), "admin", ADMIN_PASSWORD);
    for (int round = 0; round < 3; round++) {
      String openid = "o-cluster-dup-" + round;
      String msgId = String.valueOf(26_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L);
      // The platform's retry: the same body (same MsgId and CreateTime), a new timestamp and nonce.
      String xml = wechatText(openid, msgId, "低保怎么申请");
      CompletableFuture<HttpResponse<String>> onA = CompletableFuture.supplyAsync(() -> call(() -> wechat(a(), openid, xml)));
      CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(() -> call(() -> wechat(b(), openid, xml)));
      HttpResponse<String> ra = onA.get(30, TimeUnit.SECONDS);
      HttpResponse<String> rb = onB.get(30, TimeUnit.SECONDS);
      assertThat(ra.statusCode()).as(ra.body()).isEqualTo(200);
      assertThat(rb.statusCode()).as(rb.body()).isEqualTo(200);
      assertThat(replyContent(ra.body())).as("both copies get the one answer").isEqualTo(replyContent(rb.body()))
          .contains("低保");
      assertThat(residentTexts(transcript(admin, c(), "wechat", openid))).as("one turn in the store")
          .containsExactly("低保怎么申请");
    }
  }

  @Test
  @Order(2)
  void aTakeoverOnOneInstanceSilencesTheAssistantOnTheOthersForTheVeryNextMessage() throws Exception {
    Console admin = Console.signIn(a(), "admin", ADMIN_PASSWORD);
    admin.json(a(), "POST", "/console/api/operators",
        new JsonObject().put("user", "li").put("password", ADMIN_PASSWORD).put("role", "operator").encode());
    Console li = Console.signIn(b(), "li", ADMIN_PASSWORD);
    for (int round = 0; round < 3; round++) {
      String user = "cluster-takeover-" + round;
      // B and C both answer this resident first, so both hold the conversation's state in memory.
      assertThat(firstText(says(b(), user, "低保怎么申请"))).isNotBlank();
      assertThat(firstText(says(c(), user, "医保怎么报销"))).isNotBlank();
      // An operator's inbox stream on B sees what happens on A and C.
      BlockingQueue<String> eventsOnB = li.events(b());
      String id = Conversations.conversationId("api", user);
      JsonObject taken = li.json(a(), "POST", "/console/api/conversations/" + id + "/takeover", null);
      assertThat(taken.getString("takenOverBy")).isEqualTo("li");
      assertThat(says(b(), user, "我还有个问题")).as("B, the very next message").isEmpty();
      assertThat(says(c(), user, "在吗")).as("C, the next one").isEmpty();
      assertThat(awaitEvent(eventsOnB, e -> e.contains(id) && e.contains("\"takenOverBy\":\"li\"")))
          .as("B's console saw the takeover made on A").isTrue();
      li.json(c(), "POST", "/console/api/conversations/" + id + "/handback", "{}");
      assertThat(firstText(says(b(), user, "低保怎么申请"))).as("after the hand-back on C, B answers again")
          .isNotBlank();
      assertThat(firstText(says(a(), user, "医保怎么报销"))).isNotBlank();
    }
  }

  static boolean awaitEvent(BlockingQueue<String> events, Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String e = events.poll(200, TimeUnit.MILLISECONDS);
      if (e != null && wanted.test(e)) {
        return true;
      }
    }
    return false;
  }

  static final Pattern CLAIM_NO = Pattern.compile("WC-(\\d{4})-(\\d{6})");
  static final AtomicInteger FLATS = new AtomicInteger(100);
  static final Set<String> filedClaims = ConcurrentHashMap.newKeySet();

  /** A valid ID number, different for each n. */
  static String idNumber(int n) {
    String first17 = "42010619800101" + String.format("%03d", n % 1000);
    return first17 + IdNumber.checkCharacter(first17);
  }

  /** Files a whole claim, each message through the next instance; the claim number the last reply gives. */
  static String fileClaim(String user, int n, List<Child> route) throws Exception {
    List<String> messages = List.of("我家房子被淹了想报案", "昨天暴雨 中南路街 梅苑社区" + FLATS.incrementAndGet() + "栋302",
        "我叫李四 电话13912345678", idNumber(n), "一万块", "暴雨时屋顶漏水 墙面泡坏了", "没有", "是", "确认");
    String last = "";
    for (int i = 0; i < messages.size(); i++) {
      last = firstText(says(route.get(i % route.size()), user, messages.get(i)));
    }
    Matcher m = CLAIM_NO.matcher(last);
    assertThat(m.find()).as(user + "'s last reply: " + last).isTrue();
    filedClaims.add(m.group());
    return m.group();
  }

  @Test
  @Order(3)
  void claimNumbersStayUniqueAndSequentialAcrossInstances() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> numbers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        int n = i;
        List<Child> route = new ArrayList<>(instances);
        java.util.Collections.rotate(route, i);
        numbers.add(pool.submit(() -> fileClaim("cluster-claim-" + n, 500 + n, route)));
      }
      List<String> got = new ArrayList<>();
      for (Future<String> f : numbers) {
        got.add(f.get(3, TimeUnit.MINUTES));
      }
      assertThat(got).doesNotHaveDuplicates();
      String year = String.valueOf(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
      List<Integer> seq = got.stream().map(CLAIM_NO::matcher).peek(Matcher::find)
          .peek(m -> assertThat(m.group(1)).isEqualTo(year)).map(m -> Integer.parseInt(m.group(2))).sorted().toList();
      assertThat(seq.get(seq.size() - 1) - seq.get(0)).as("consecutive: " + got).isEqualTo(seq.size() - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(4)
  void anArticleEditAndARetrainOnOneInstanceReachTheOthers() throws Exception {
    Console admin = Console.signIn(a(), "admin", ADMIN_PASSWORD);
    JsonObject article = admin.json(a(), "GET", "/console/api/articles/insurance-caps", null);
    String marker = "(已由热线核对" + System.nanoTime() % 10_000 + ")";
    article.put("body", "民生保险每次事故:每人死亡或伤残最高赔10万元;每户房屋损失最高赔5万元" + marker + "。\n\n"
        + article.getString("body"));
    admin.json(a(), "PUT", "/console/api/articles/insurance-caps", article.encode());
    for (Child other : List.of(b(), c())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String seen = "";
      while (!seen.contains(marker) && System.nanoTime() < deadline) {
        seen = admin.json(other, "GET", "/console/api/articles/insurance-caps", null).getString("body");
        Thread.sleep(100);
      }
      assertThat(seen).as(other.name + " put the edit made on A into its index").contains(marker);
      assertThat(firstText(says(other, "kb-edit-" + other.name, "民生保险最多赔多少钱"))).contains(marker);
    }
    admin.json(a(), "POST", "/console/api/intents/retrain", null);
    for (Child other : List.of(b(), c())) {
      other.await(Pattern.compile("intent model retrained after another instance's retrain"), Duration.ofSeconds(90));
    }
  }

  @Test
  @Order(5)
  void killNineOfOneInstanceInABurstLosesNoAcknowledgedMessageAndTheConsoleCarriesOn() throws Exception {
    // The operator signed in through C; C dies; the same session goes on through A (sessions live in the store).
    Console admin = Console.signIn(c(), "admin", ADMIN_PASSWORD);
    Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger sent = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> senders = new ArrayList<>();
    try {
      for (int t = 0; t < 6; t++) {
        int thread = t;
        senders.add(pool.submit(() -> {
          for (int i = 0; i < 12; i++) {
            String user = "burst-" + thread + "-" + i;
            Child at = instances.get((thread + i) % 3);
            String text = "低保怎么申请 " + i;
            if (sent.incrementAndGet() == 25 && killed.compareAndSet(false, true)) {
              c().process.destroyForcibly(); // kill -9 in the middle of the burst
            }
            try {
              if (chat(at, user, text).statusCode() == 200) {
                acknowledged.computeIfAbsent(user, k -> new CopyOnWriteArrayList<>()).add(text);
              }
            } catch (IOException e) {
              // refused or cut off by the dying instance: not acknowledged, so the resident sends it again
            }
          }
          return null;
        }));
      }
      for (Future<?> f : senders) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(killed).isTrue();
    assertThat(c().process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged.size()).as("most messages were answered by A and B").isGreaterThan(40);
    for (Map.Entry<String, List<String>> e : acknowledged.entrySet()) {
      Child via = e.getKey().hashCode() % 2 == 0 ? a() : b();
      assertThat(residentTexts(transcript(admin, via, "api", e.getKey()))).as(e.getKey())
          .containsAll(e.getValue());
    }
    // The others carry on: a whole claim through A and B after the kill, and every claim is there.
    fileClaim("cluster-after-kill", 600, List.of(a(), b()));
    for (String claimNo : filedClaims) {
      assertThat(admin.json(a(), "GET", "/console/api/claims/" + claimNo, null).encode()).contains(claimNo);
    }
    assertThat(admin.json(b(), "GET", "/console/api/conversations?limit=5", null).getJsonArray("conversations"))
        .isNotEmpty();
  }

  @Test
  @Order(6)
  void theStoreProcessStopsOnSigtermAndKeepsItsDataAcrossARestart() throws Exception {
    Console admin = Console.signIn(a(), "admin", ADMIN_PASSWORD);
    String user = "cluster-store-restart";
    says(a(), user, "低保怎么申请");
    store.process.toHandle().destroy(); // SIGTERM
    assertThat(store.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(store.process.exitValue()).isZero();
    assertThat(store.log.toString()).contains("stopped");
    store = startStore();
    // The instances' drivers reconnect to the restarted store on the same port.
    assertThat(residentTexts(transcript(admin, b(), "api", user))).containsExactly("低保怎么申请");
    for (String claimNo : filedClaims) {
      assertThat(admin.json(b(), "GET", "/console/api/claims/" + claimNo, null).encode()).contains(claimNo);
    }
  }

  @Test
  @Order(7)
  void threeForwardersAgainstAFaultyInsurerDeliverEveryClaimWithOneBodyPerClaim() throws Exception {
    assertThat(filedClaims).hasSizeGreaterThanOrEqualTo(7);
    // A claim leased by the instance killed above is sent again once its lease (60 s) expires.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (!accepted().containsAll(filedClaims) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    List<Attempt> attempts = attempts();
    long failed = attempts.stream().filter(a -> a.outcome().equals("FAILED")).count();
    assertThat(accepted()).as("every claim arrived (" + failed + " attempts failed on purpose)\n" + insurer.log)
        .containsAll(filedClaims);
    Map<String, Set<String>> bodiesByKey = new java.util.HashMap<>();
    attempts.forEach(a -> bodiesByKey.computeIfAbsent(a.key(), k -> new java.util.HashSet<>()).add(a.body()));
    bodiesByKey.forEach((key, bodies) -> assertThat(bodies).as("bodies sent for " + key + ", failed tries included")
        .hasSize(1));
    assertThat(attempts).as("no attempt refused for its signature, none collided")
        .noneMatch(a -> a.outcome().equals("REFUSED") || a.outcome().equals("COLLISION"));
    assertThat(bodiesByKey.keySet()).as("keys are claim numbers").allMatch(k -> CLAIM_NO.matcher(k).matches());
  }

  static Set<String> accepted() {
    Set<String> keys = new java.util.HashSet<>();
    attempts().stream().filter(a -> a.outcome().equals("CLAIM")).forEach(a -> keys.add(a.key()));
    return keys;
  }

  interface Call<T> {
    T call() throws Exception;
  }

  static <T> T call(Call<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
