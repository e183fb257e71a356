package minsheng.insurer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStatus;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The insurer's pull API over HTTP against the running service: keys, paging, decisions, the resident told. */
class InsurerApiTest {
  @TempDir
  static Path data;
  static Minsheng app;
  static final HttpClient http = HttpClient.newHttpClient();
  static final String KEY = "insurer-key-1";
  static final String ID = "420106199001011231";

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_INSURER_API_KEYS", KEY + ",other-key")));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static Claim file(String user) throws Exception {
    return file("api", user);
  }

  static Claim file(String channel, String user) throws Exception {
    return app.claims().submit(new ClaimStore.NewClaim("api", "wuchang-minsheng",
            new Claim.Claimant("张三", IdNumber.of(ID), PhoneNumber.of("13812345678"),
                new Claim.Address("水果湖街", "东亭社区", "3栋")),
            Peril.NATURAL_DISASTER, List.of(new Claim.Loss(LossType.HOUSE_DAMAGE, Money.ofYuan(8000))),
            LocalDate.of(2026, 7, 6), "暴雨进水", List.of()), channel + ":" + user, channel + ":" + user)
        .await(10, TimeUnit.SECONDS);
  }

  /** A JSON-channel resident's outbox, read as their own front end does (with their outbox token). */
  static HttpResponse<String> outbox(String user) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat/outbox?user=" + user))
        .header("X-Outbox-Token", app.outboxToken(user)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
        .header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long audits() throws Exception {
    return Reactive.one(app.store().collection("audit").countDocuments()).await(5, TimeUnit.SECONDS);
  }

  @Test
  void withoutAValidKeyNothingIsRead() throws Exception {
    Claim c = file("k1");
    long before = audits();
    assertThat(get("/api/insurer/v1/claims", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/insurer/v1/claims", "wrong").statusCode()).isEqualTo(401);
    assertThat(get("/api/insurer/v1/claims/" + c.claimNo(), "wrong").statusCode()).isEqualTo(401);
    assertThat(get("/api/insurer/v1/claims/" + c.claimNo(), "wrong").body()).doesNotContain(c.claimNo());
    assertThat(audits()).isEqualTo(before);
  }

  @Test
  void oneClaimInFullIsAuditedAndAMissingOneIs404() throws Exception {
    Claim c = file("k2");
    long before = audits();
    HttpResponse<String> r = get("/api/insurer/v1/claims/" + c.claimNo(), KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject claim = new JsonObject(r.body());
    assertThat(claim.getJsonObject("claimant").getString("idNumber")).isEqualTo(ID);
    assertThat(claim.getString("status")).isEqualTo("SUBMITTED");
    assertThat(audits()).isEqualTo(before + 1);
    assertThat(get("/api/insurer/v1/claims/WC-1999-000001", KEY).statusCode()).isEqualTo(404);
    assertThat(get("/api/insurer/v1/claims?limit=0", KEY).statusCode()).isEqualTo(400);
    assertThat(get("/api/insurer/v1/claims?since=abc", KEY).statusCode()).isEqualTo(400);
  }

  @Test
  void decisionsFollowTheLifecycleAndTheResidentIsTold() throws Exception {
    Claim c = file("k3");
    String path = "/api/insurer/v1/claims/" + c.claimNo() + "/status";
    assertThat(post(path, "{\"status\":\"ACCEPTED\"}").statusCode()).isEqualTo(409);
    assertThat(post(path, "{\"status\":\"LOST\"}").statusCode()).isEqualTo(422);
    assertThat(post(path, "{\"status\":\"PAID\"}").statusCode()).isEqualTo(400);
    assertThat(post(path, "not json").statusCode()).isEqualTo(400);
    assertThat(post("/api/insurer/v1/claims/WC-1999-000001/status", "{\"status\":\"ACCEPTED\"}").statusCode())
        .isEqualTo(404);
    assertThat(app.claims().byNumber(c.claimNo()).await(5, TimeUnit.SECONDS).orElseThrow().status())
        .isEqualTo(ClaimStatus.SUBMITTED);

    app.claims().changeStatus(c.claimNo(), ClaimStatus.FORWARDED, null, null, "forwarder").await(5, TimeUnit.SECONDS);
    HttpResponse<String> accepted = post(path, "{\"status\":\"ACCEPTED\",\"note\":\"材料齐全\"}");
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(accepted.body()).getString("status")).isEqualTo("ACCEPTED");
    assertThat(post(path, "{\"status\":\"ACCEPTED\",\"note\":\"材料齐全\"}").statusCode()).as("repeat").isEqualTo(200);
    assertThat(post(path, "{\"status\":\"REJECTED\"}").statusCode()).isEqualTo(409);
    HttpResponse<String> paid = post(path, "{\"status\":\"PAID\",\"paidAmount\":7800.5}");
    assertThat(paid.statusCode()).isEqualTo(200);
    JsonArray history = new JsonObject(paid.body()).getJsonArray("history");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("status")).toList())
        .containsExactly("SUBMITTED", "FORWARDED", "ACCEPTED", "PAID");

    JsonArray told = new JsonObject(outbox("k3").body()).getJsonArray("messages");
    assertThat(told.stream().map(m -> ((JsonObject) m).getString("text")).toList())
        .anyMatch(t -> t.contains(c.claimNo()) && t.contains("受理"))
        .anyMatch(t -> t.contains(c.claimNo()) && t.contains("赔付"));
  }

  @Test
  void aWechatResidentIsToldThroughTheCustomerServiceQueue() throws Exception {
    Claim c = file("wechat", "oWechatResident1");
    app.claims().changeStatus(c.claimNo(), ClaimStatus.FORWARDED, null, null, "forwarder").await(5, TimeUnit.SECONDS);
    assertThat(post("/api/insurer/v1/claims/" + c.claimNo() + "/status", "{\"status\":\"REJECTED\"}").statusCode())
        .isEqualTo(200);
    List<Document> queued = Reactive.all(app.store().collection("wechat_outbound")
        .find(new Document("openId", "oWechatResident1"))).await(5, TimeUnit.SECONDS);
    assertThat(queued).hasSize(1);
    assertThat(queued.get(0).getString("text")).contains(c.claimNo()).contains("没有通过");
    assertThat(queued.get(0).getString("state")).isEqualTo("pending");
  }

  @Test
  void needsInfoReopensTheConversationForWhatTheInsurerAskedFor() throws Exception {
    Claim c = file("k4");
    app.claims().changeStatus(c.claimNo(), ClaimStatus.FORWARDED, null, null, "forwarder").await(5, TimeUnit.SECONDS);
    assertThat(post("/api/insurer/v1/claims/" + c.claimNo() + "/status",
        "{\"status\":\"NEEDS_INFO\",\"note\":\"请补充房屋受损照片\"}").statusCode()).isEqualTo(200);
    JsonArray told = new JsonObject(outbox("k4").body()).getJsonArray("messages");
    assertThat(told.getJsonObject(told.size() - 1).getString("text")).contains("请补充房屋受损照片").contains("好了");

    long seqBefore = ((Number) Reactive.one(app.store().collection("claims").find(new Document("_id", c.claimNo())).first())
        .await(5, TimeUnit.SECONDS).get("changeSeq")).longValue();
    assertThat(chat("k4", "https://example.org/damage-2.jpg")).contains("已补充");
    assertThat(chat("k4", "客厅墙面也泡坏了")).contains("已补充");
    assertThat(chat("k4", "好了")).contains(c.claimNo());
    JsonObject after = new JsonObject(get("/api/insurer/v1/claims/" + c.claimNo(), KEY).body());
    assertThat(after.getJsonArray("attachments").encode()).contains("damage-2.jpg");
    assertThat(after.getString("description")).contains("客厅墙面也泡坏了");
    JsonObject page = new JsonObject(get("/api/insurer/v1/claims?since=" + seqBefore, KEY).body());
    assertThat(page.getJsonArray("claims").encode()).contains(c.claimNo());
    assertThat(chat("k4", "民生保险最多赔多少")).contains("10万");
  }

  static String chat(String user, String text) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("text", text).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).getJsonArray("replies").getJsonObject(0).getString("text");
  }

  @Test
  void pagingWhileClaimsChangeNeverSkipsAChange() throws Exception {
    List<Claim> filed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      filed.add(file("p" + i));
    }
    Map<String, Long> seen = new HashMap<>();
    long cursor = 0;
    List<Future<?>> writers = new ArrayList<>();
    for (Claim c : filed) {
      writers.add(app.claims().changeStatus(c.claimNo(), ClaimStatus.FORWARDED, null, null, "forwarder"));
    }
    for (int round = 0; round < 50; round++) {
      JsonObject page = new JsonObject(get("/api/insurer/v1/claims?limit=5&since=" + cursor, KEY).body());
      for (Object o : page.getJsonArray("claims")) {
        JsonObject claim = (JsonObject) o;
        seen.merge(claim.getString("claimNo") + "/" + claim.getString("status"), 1L, Long::sum);
      }
      cursor = Long.parseLong(page.getString("next"));
      if (round > 5 && page.getJsonArray("claims").isEmpty() && writers.stream().allMatch(Future::isComplete)) {
        break;
      }
    }
    Future.all(writers).await(10, TimeUnit.SECONDS);
    JsonObject last = new JsonObject(get("/api/insurer/v1/claims?limit=500&since=" + cursor, KEY).body());
    last.getJsonArray("claims").forEach(o -> seen.merge(((JsonObject) o).getString("claimNo") + "/"
        + ((JsonObject) o).getString("status"), 1L, Long::sum));
    for (Claim c : filed) {
      assertThat(seen).as("latest change of " + c.claimNo()).containsKey(c.claimNo() + "/FORWARDED");
    }
  }

  @Test
  void theOpenApiDocumentAndSwaggerUiAreServed() throws Exception {
    HttpResponse<String> doc = get("/api/insurer/v1/openapi.yaml", null);
    assertThat(doc.statusCode()).isEqualTo(200);
    Map<String, Object> spec = new org.yaml.snakeyaml.Yaml().load(doc.body());
    assertThat(((Map<?, ?>) spec.get("paths")).keySet().stream().map(String::valueOf).toList())
        .containsExactlyInAnyOrder("/claims", "/claims/{claimNo}", "/claims/{claimNo}/status");
    HttpResponse<String> page = get("/api/insurer/docs", null);
    assertThat(page.body()).contains("SwaggerUIBundle").contains("/api/insurer/v1/openapi.yaml");
    Matcher script = Pattern.compile("src=\"([^\"]+swagger-ui-bundle.js)\"").matcher(page.body());
    assertThat(script.find()).isTrue();
    assertThat(get(script.group(1), null).statusCode()).isEqualTo(200);
  }
}
