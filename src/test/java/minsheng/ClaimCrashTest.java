package minsheng;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.insurer.StubInsurer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim a resident was told is filed survives {@code kill -9}: the service runs as a child JVM, several residents
 * file claims at once over the JSON channel, the process is killed right after the first "已提交" reply, and is
 * started again on the same data, ten times. Every number ever shown must exist with its own resident's data, be
 * listed by the insurers' polling API at once after the restart, never go to two residents, and reach the
 * insurer with one body only.
 */
class ClaimCrashTest {
  private static final int ROUNDS = 10;
  private static final int RESIDENTS_PER_ROUND = 6;
  private static final String SECRET = "crash-secret";
  private static final String API_KEY = "crash-key";
  private static final Pattern CLAIM_NO = Pattern.compile("WC-\\d{4}-\\d{6}");
  private static final Pattern READY = Pattern.compile("Minsheng ready at (http://\\S+) in (\\d+) ms");

  @TempDir
  Path data;
  @TempDir
  Path logs;

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(RESIDENTS_PER_ROUND);
  private Process process;

  /** One resident with what they sent, and the numbers they were shown. */
  record Resident(String user, String name, String idNumber, String phone, Set<String> shown) {
  }

  @AfterEach
  void tearDown() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyNumberShownSurvivesKillNineAndIsNeverReused() throws Exception {
    try (StubInsurer insurer = new StubInsurer(vertx, SECRET)) {
      List<Resident> everyone = new ArrayList<>();
      List<Resident> previousRound = List.of();
      String url = start(insurer, 0);
      for (int round = 0; round < ROUNDS; round++) {
        List<Resident> residents = new ArrayList<>();
        for (int i = 0; i < RESIDENTS_PER_ROUND; i++) {
          residents.add(resident(round * RESIDENTS_PER_ROUND + i));
        }
        everyone.addAll(residents);
        long t0 = System.nanoTime();
        fileTogetherAndKill(url, residents, round % 3 * 15L);
        System.out.printf("round %d: conversations %d ms, numbers shown %s%n", round,
            (System.nanoTime() - t0) / 1_000_000,
            residents.stream().flatMap(r -> r.shown().stream()).sorted().toList());
        url = start(insurer, round + 1);
        // At once after the restart: every number shown so far is listed, with its own resident's data.
        assertEveryShownNumberListed(url, everyone, "after restart " + (round + 1));
        // A resident who says 确认 again (their answer was lost, or they are unsure) gets no second claim.
        confirmAgain(url, previousRound);
        confirmAgain(url, residents);
        previousRound = residents;
      }
      Map<String, JsonObject> listed = assertEveryShownNumberListed(url, everyone, "at the end");
      // No holes: the year's numbers run from 1 to the number of claims.
      List<Integer> numbers = listed.keySet().stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1)))
          .sorted().toList();
      assertThat(numbers).isEqualTo(java.util.stream.IntStream.rangeClosed(1, numbers.size()).boxed().toList());
      Map<String, Resident> byNumber = numbersOf(everyone);
      assertThat(byNumber).as("numbers shown").hasSizeGreaterThanOrEqualTo(ROUNDS);
      for (Resident r : everyone) {
        assertThat(r.shown()).as("numbers shown to %s", r.user()).hasSizeLessThanOrEqualTo(1);
      }
      // The insurer ends with one body per number, and it is that number's resident's claim.
      long deadline = System.currentTimeMillis() + 30_000;
      while (!insurer.bodies.keySet().containsAll(byNumber.keySet()) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(insurer.bodies.keySet()).containsAll(byNumber.keySet());
      insurer.bodies.forEach((number, bodies) -> {
        assertThat(bodies).as("bodies the insurer got under %s", number).hasSize(1);
        Resident owner = byNumber.get(number);
        if (owner != null) {
          assertBelongsTo(new JsonObject(bodies.iterator().next()), owner, number);
        }
      });
      assertThat(insurer.badSignatures).isEmpty();
    }
  }

  private static Map<String, Resident> numbersOf(List<Resident> everyone) {
    Map<String, Resident> byNumber = new HashMap<>();
    for (Resident r : everyone) {
      for (String number : r.shown()) {
        Resident before = byNumber.put(number, r);
        assertThat(before == null || before == r).as("%s shown to %s and to %s", number,
            before == null ? null : before.user(), r.user()).isTrue();
      }
    }
    return byNumber;
  }

  /** The claims the polling API lists, by number, after checking them against what residents were shown. */
  private Map<String, JsonObject> assertEveryShownNumberListed(String url, List<Resident> everyone, String when)
      throws Exception {
    Map<String, Resident> byNumber = numbersOf(everyone);
    Map<String, JsonObject> listed = new HashMap<>();
    String since = "0";
    while (true) {
      URI next = URI.create(url + "api/insurer/v1/claims?limit=500&since=" + since);
      JsonObject page = new JsonObject(send(HttpRequest.newBuilder(next).header("Authorization", "Bearer " + API_KEY)
          .GET()).orElseThrow());
      JsonArray claims = page.getJsonArray("claims");
      claims.forEach(c -> listed.put(((JsonObject) c).getString("claimNo"), (JsonObject) c));
      if (claims.isEmpty()) {
        break;
      }
      since = page.getString("next");
    }
    assertThat(listed.keySet()).as("claims the polling API lists " + when).containsAll(byNumber.keySet());
    byNumber.forEach((number, r) -> assertBelongsTo(listed.get(number), r, number));
    // One claim per resident: a repeated 确认 never files the same draft twice.
    Map<String, Long> perId = new HashMap<>();
    listed.values().forEach(c -> perId.merge(c.getJsonObject("claimant").getString("idNumber"), 1L, Long::sum));
    assertThat(perId.values()).as("claims per resident " + when).allMatch(n -> n == 1);
    return listed;
  }

  private static void assertBelongsTo(JsonObject claim, Resident r, String number) {
    JsonObject claimant = claim.getJsonObject("claimant");
    assertThat(List.of(claimant.getString("name"), claimant.getString("idNumber"), claimant.getString("phone")))
        .as("claimant of %s (shown to %s)", number, r.user()).containsExactly(r.name(), r.idNumber(), r.phone());
  }

  /** Everyone answers up to the summary, all confirm at once, and the process dies at the first "已提交". */
  private void fileTogetherAndKill(String url, List<Resident> residents, long killDelayMs) throws Exception {
    CyclicBarrier atSummary = new CyclicBarrier(residents.size());
    CountDownLatch firstConfirmed = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(residents.size());
    for (Resident r : residents) {
      pool.submit(() -> {
        try {
          for (String text : script(r)) {
            say(url, r, text).orElseThrow(() -> new AssertionError("no answer before the kill"));
          }
          atSummary.await(30, TimeUnit.SECONDS);
          if (say(url, r, "确认").isPresent() && !r.shown().isEmpty()) {
            firstConfirmed.countDown();
          }
        } catch (Exception | AssertionError e) {
          // the kill cuts a conversation short: what counts is what the resident was shown
        } finally {
          finished.countDown();
        }
        return null;
      });
    }
    assertThat(firstConfirmed.await(60, TimeUnit.SECONDS)).as("a confirmation arrived").isTrue();
    Thread.sleep(killDelayMs); // 0: at the first reply; later rounds let a few more replies out first
    process.destroyForcibly(); // SIGKILL
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    process = null;
    assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
  }

  private void confirmAgain(String url, List<Resident> residents) throws Exception {
    for (Resident r : residents) {
      Set<String> before = Set.copyOf(r.shown());
      say(url, r, "确认");
      if (!before.isEmpty()) {
        assertThat(r.shown()).as("numbers shown to %s after a second 确认", r.user()).isEqualTo(before);
      }
    }
  }

  private static List<String> script(Resident r) {
    return List.of("我家房子被淹了想报案", "前天晚上暴雨 水果湖街东亭社区3栋2单元101",
        "我叫" + r.name() + " 电话" + r.phone(), r.idNumber(), "大概八千块", "暴雨时一楼进水 家具泡坏了", "没有", "是");
  }

  /** Sends one message; the replies' text, empty when the connection died. Numbers in it count as shown. */
  private Optional<String> say(String url, Resident r, String text) throws InterruptedException {
    String body = new JsonObject().put("user", r.user()).put("text", text).encode();
    Optional<String> answer = send(HttpRequest.newBuilder(URI.create(url + "api/chat"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    answer.ifPresent(a -> {
      StringBuilder all = new StringBuilder();
      new JsonObject(a).getJsonArray("replies").forEach(x -> all.append(((JsonObject) x).getString("text")));
      if (all.indexOf("已提交") >= 0) {
        Matcher m = CLAIM_NO.matcher(all);
        while (m.find()) {
          r.shown().add(m.group());
        }
      }
    });
    return answer;
  }

  private Optional<String> send(HttpRequest.Builder request) throws InterruptedException {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return Optional.of(response.body());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Starts the service on the test's data directory and waits for its "ready" line; its base URL. */
  private String start(StubInsurer insurer, int run) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "minsheng.Main");
    Path log = logs.resolve("run-" + run + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MINSHENG_DATA_DIR", data.toString());
    pb.environment().put("MINSHENG_HTTP_PORT", "0");
    pb.environment().put("MINSHENG_INSURER_URL", insurer.url().toString());
    pb.environment().put("MINSHENG_INSURER_SECRET", SECRET);
    pb.environment().put("MINSHENG_INSURER_API_KEYS", API_KEY);
    // A tenth of the training iterations: the claim script's words are understood all the same, and each of the
    // eleven starts is a second or two shorter.
    pb.environment().put("MINSHENG_NLU_ITERATIONS", "30");
    process = pb.start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        System.out.printf("run %d ready in %s ms%n", run, m.group(2));
        return m.group(1);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the service never said it was ready:\n" + Files.readString(log));
  }

  private static final String SURNAMES = "王李张刘陈杨黄赵吴周";
  private static final String GIVEN = "明华强伟芳娜静丽军勇";

  /** Resident {@code i}: a distinct name, a valid (GB 11643) ID number and a mobile number. */
  static Resident resident(int i) {
    String name = "" + SURNAMES.charAt(i % 10) + GIVEN.charAt(i / 10 % 10) + GIVEN.charAt(i / 100 % 10 + 0);
    String base = "420106" + String.format("1970%02d%02d", 1 + i % 12, 1 + i % 28) + String.format("%03d", i % 1000);
    return new Resident("crash-" + i, name, base + checkDigit(base), String.format("139%08d", 10_000_000 + i),
        ConcurrentHashMap.newKeySet());
  }

  static char checkDigit(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int k = 0; k < 17; k++) {
      sum += (first17.charAt(k) - '0') * weights[k];
    }
    return "10X98765432".charAt(sum % 11);
  }
}
