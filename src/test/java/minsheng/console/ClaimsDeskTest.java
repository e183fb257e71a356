package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import minsheng.Minsheng;
import minsheng.TestConfigs;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.insurer.StubInsurer;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims desk over HTTP against the running service, with a stub insurer behind the forwarder: finding
 * claims, reading one masked, revealing (audited), filing for a caller with the dialogue's checks, and releasing
 * or correcting a claim the insurer refused.
 */
public class ClaimsDeskTest {
  static final String SECRET = "desk-hmac-secret";
  static final String PASSWORD = "correct-horse-battery";
  /** A description carrying this makes the stub insurer refuse the claim's first delivery with a 400. */
  static final String REFUSE = "[stub:refuse-first]";
  static final Duration PATIENCE = Duration.ofSeconds(20);
  static final String COLLIDE = "撞号";

  @TempDir
  static Path data;
  static Vertx vertx;
  static StubInsurer insurer;
  static Minsheng app;
  static ConsoleClient operator;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    insurer = new StubInsurer(vertx, SECRET);
    insurer.script = (key, n) -> {
      java.util.Set<String> seen = insurer.bodies.getOrDefault(key, java.util.Set.of());
      if (seen.stream().anyMatch(b -> b.contains(COLLIDE))) {
        // The insurer already holds another claim under this number.
        insurer.hold(key, "{\"claimNo\":\"" + key + "\",\"claimant\":{\"name\":\"另一位居民\"}}");
        return StubInsurer.status(409);
      }
      return n == 0 && seen.stream().anyMatch(b -> b.contains(REFUSE))
          ? new StubInsurer.Status(400, "{\"error\":\"unknown community\"}", 0) : StubInsurer.ok("INS-" + key);
    };
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_ADMIN_PASSWORD", PASSWORD,
        "MINSHENG_INSURER_URL", insurer.url().toString(), "MINSHENG_INSURER_SECRET", SECRET)));
    ConsoleClient.signIn(app, "admin", PASSWORD).createOperator("li", PASSWORD, "operator");
    operator = ConsoleClient.signIn(app, "li", PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    insurer.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  public static String id(String first17) {
    return first17 + IdNumber.checkCharacter(first17);
  }

  /** A caller's claim as the console's form sends it (the browser tests file theirs with it too). */
  public static JsonObject form(String idNumber, String phone, String street, String date, String description) {
    return new JsonObject()
        .put("claimant", new JsonObject().put("name", "王五").put("idNumber", idNumber).put("phone", phone)
            .put("address", new JsonObject().put("street", street).put("community", "东亭社区").put("detail", "3栋101")))
        .put("peril", "NATURAL_DISASTER").put("incidentDate", date)
        .put("losses", new JsonArray().add(new JsonObject().put("type", "HOUSE_DAMAGE").put("estimate", 8000)))
        .put("description", description).put("hukouConfirmed", true).put("callerNote", "热线来电");
  }

  static String wrongCheckCharacter(String first17) {
    return first17 + (IdNumber.checkCharacter(first17) == '0' ? '1' : '0');
  }

  static JsonObject validForm(String description) {
    return form(id("42010619800202123"), "13900001111", "水果湖街", "2026-07-06", description);
  }

  static JsonObject file(JsonObject form) throws Exception {
    HttpResponse<String> r = operator.send("POST", "/console/api/claims", form.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body());
  }

  /** A resident's claim straight into the store, for the list's filters. */
  static Claim submitted(String street, Peril peril, LocalDate date, String phone) throws Exception {
    return app.claims().submit(new ClaimStore.NewClaim("api", "wuchang-minsheng",
            new Claim.Claimant("赵六", IdNumber.of(id("42010619900101123")), PhoneNumber.of(phone),
                new Claim.Address(street, "社区", "1栋")),
            peril, List.of(new Claim.Loss(LossType.HOUSE_DAMAGE, Money.ofYuan(1000))), date, "描述", List.of()),
        "api:f", "api:f").await(10, TimeUnit.SECONDS);
  }

  static JsonObject detail(String claimNo) throws Exception {
    return operator.json("GET", "/console/api/claims/" + claimNo, null);
  }

  static String status(String claimNo) {
    try {
      return detail(claimNo).getJsonObject("claim").getString("status");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long claimCount() throws Exception {
    return Reactive.one(app.claims().collection().countDocuments()).await(10, TimeUnit.SECONDS);
  }

  static void eventually(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  static List<String> claimNos(JsonObject page) {
    return page.getJsonArray("claims").stream().map(o -> ((JsonObject) o).getString("claimNo")).toList();
  }

  @Test
  void findsClaimsByNumberPhoneStatusStreetPerilAndDate() throws Exception {
    Claim a = submitted("积玉桥街", Peril.NATURAL_DISASTER, LocalDate.of(2016, 3, 5), "13700000001");
    Claim b = submitted("积玉桥街", Peril.FIRE_EXPLOSION, LocalDate.of(2016, 3, 20), "13700000002");
    Claim c = submitted("积玉桥街", Peril.NATURAL_DISASTER, LocalDate.of(2016, 4, 2), "13700000002");
    Claim d = submitted("杨园街", Peril.NATURAL_DISASTER, LocalDate.of(2016, 3, 10), "13700000003");

    JsonObject byNumber = operator.json("GET", "/console/api/claims?q=" + b.claimNo().toLowerCase(), null);
    assertThat(claimNos(byNumber)).containsExactly(b.claimNo());
    assertThat(byNumber.getLong("total")).isEqualTo(1);
    JsonObject row = byNumber.getJsonArray("claims").getJsonObject(0);
    assertThat(row.getString("phone")).isEqualTo("137****0002");
    assertThat(row.getString("idNumber")).isEqualTo(b.claimant().idNumber().masked()).doesNotContain("19900101");
    assertThat(row.getString("street")).isEqualTo("积玉桥街");
    assertThat(row.getString("total")).isEqualTo("1000.00");
    assertThat(row.getString("submittedAt")).isEqualTo(b.createdAt().toString());
    assertThat(row.getJsonObject("delivery").containsKey("state")).isTrue();

    JsonObject byPhone = operator.json("GET", "/console/api/claims?q=137-0000-0002", null);
    assertThat(claimNos(byPhone)).as("newest first").containsExactly(c.claimNo(), b.claimNo());

    JsonObject filtered = operator.json("GET",
        "/console/api/claims?street=积玉桥街&peril=NATURAL_DISASTER&from=2016-03-01&to=2016-03-31", null);
    assertThat(claimNos(filtered)).containsExactly(a.claimNo());
    JsonObject march = operator.json("GET", "/console/api/claims?from=2016-03-01&to=2016-03-31", null);
    assertThat(claimNos(march)).containsExactlyInAnyOrder(a.claimNo(), b.claimNo(), d.claimNo());

    JsonObject paged = operator.json("GET", "/console/api/claims?from=2016-03-01&to=2016-04-30&limit=2&offset=2", null);
    assertThat(paged.getLong("total")).isEqualTo(4);
    assertThat(claimNos(paged)).containsExactly(b.claimNo(), a.claimNo());

    eventually("delivered", () -> "FORWARDED".equals(status(d.claimNo())));
    JsonObject forwarded = operator.json("GET", "/console/api/claims?status=FORWARDED&street=杨园街", null);
    assertThat(claimNos(forwarded)).contains(d.claimNo());
    assertThat(claimNos(operator.json("GET", "/console/api/claims?status=HELD&street=杨园街", null))).isEmpty();

    assertThat(operator.send("GET", "/console/api/claims?status=LOST", null).statusCode()).isEqualTo(400);
    assertThat(operator.send("GET", "/console/api/claims?street=" + "某某街", null).statusCode()).isEqualTo(400);
    assertThat(operator.send("GET", "/console/api/claims?from=2016-13-01", null).statusCode()).isEqualTo(400);
    assertThat(operator.send("GET", "/console/api/claims?q=hello", null).statusCode()).isEqualTo(400);
    assertThat(operator.send("GET", "/console/api/claims?limit=0", null).statusCode()).isEqualTo(400);
  }

  @Test
  void theDetailIsMaskedWithItsHistoryAndDeliveryTries() throws Exception {
    String claimNo = file(validForm("暴雨进水,地板泡坏")).getString("claimNo");
    eventually("delivered", () -> "FORWARDED".equals(status(claimNo)));
    HttpResponse<String> raw = operator.send("GET", "/console/api/claims/" + claimNo, null);
    assertThat(raw.body()).doesNotContain(id("42010619800202123")).doesNotContain("13900001111");
    JsonObject d = new JsonObject(raw.body());
    JsonObject claimant = d.getJsonObject("claim").getJsonObject("claimant");
    assertThat(claimant.getString("idNumber")).isEqualTo(IdNumber.of(id("42010619800202123")).masked())
        .startsWith("420106********");
    assertThat(claimant.getString("phone")).isEqualTo("139****1111");
    JsonArray history = d.getJsonArray("history");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("status")).toList())
        .containsExactly("SUBMITTED", "FORWARDED");
    assertThat(history.getJsonObject(0).getString("by")).isEqualTo("operator:li");
    assertThat(history.getJsonObject(0).getString("note")).isEqualTo("热线来电");
    JsonObject delivery = d.getJsonObject("delivery");
    assertThat(delivery.getString("state")).isEqualTo("delivered");
    JsonArray tries = delivery.getJsonArray("attempts");
    assertThat(tries).hasSize(1);
    assertThat(tries.getJsonObject(0).getString("outcome")).isEqualTo("delivered");
    assertThat(tries.getJsonObject(0).getInteger("status")).isEqualTo(200);
    assertThat(tries.getJsonObject(0).getString("at")).isNotBlank();
    assertThat(operator.send("GET", "/console/api/claims/WC-1999-000001", null).statusCode()).isEqualTo(404);
  }

  @Test
  void revealAnswersTheFullNumbersAndWritesOneAuditEntry() throws Exception {
    String claimNo = file(validForm("雷击起火")).getString("claimNo");
    var audit = app.store().collection("audit");
    var mine = Filters.and(Filters.eq("claimNo", claimNo), Filters.eq("what", "claim.reveal"));
    JsonObject revealed = operator.json("POST", "/console/api/claims/" + claimNo + "/reveal", null);
    assertThat(revealed.getString("idNumber")).isEqualTo(id("42010619800202123"));
    assertThat(revealed.getString("phone")).isEqualTo("13900001111");
    List<Document> entries = Reactive.all(audit.find(mine)).await(10, TimeUnit.SECONDS);
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getString("who")).isEqualTo("operator:li");
    assertThat(entries.get(0).getList("fields", String.class)).containsExactly("idNumber", "phone");
    assertThat(entries.get(0).getString("from")).isEqualTo("127.0.0.1");
    assertThat(entries.get(0).getDate("at")).isNotNull();
    assertThat(operator.send("POST", "/console/api/claims/WC-1999-000001/reveal", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aCallersClaimPassesTheDialoguesChecksAndReachesTheInsurer() throws Exception {
    long before = claimCount();
    String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
    Map<String, JsonObject> wrong = Map.of(
        "invalid_idNumber", form(wrongCheckCharacter("42010619800202123"), "13900001111", "水果湖街", "2026-07-06", "x"),
        "invalid_phone", form(id("42010619800202123"), "12900001111", "水果湖街", "2026-07-06", "x"),
        "invalid_street", form(id("42010619800202123"), "13900001111", "汉正街", "2026-07-06", "x"),
        "invalid_incidentDate", form(id("42010619800202123"), "13900001111", "水果湖街", tomorrow, "x"));
    for (Map.Entry<String, JsonObject> e : wrong.entrySet()) {
      HttpResponse<String> r = operator.send("POST", "/console/api/claims", e.getValue().encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("error")).isEqualTo(e.getKey());
      assertThat(new JsonObject(r.body()).getString("message")).isNotBlank();
    }
    JsonObject beforeCover = validForm("x").put("incidentDate", "2014-12-31");
    assertThat(operator.send("POST", "/console/api/claims", beforeCover.encode()).statusCode()).isEqualTo(400);
    JsonObject noHukou = validForm("x").put("hukouConfirmed", false);
    assertThat(operator.send("POST", "/console/api/claims", noHukou.encode()).statusCode()).isEqualTo(400);
    JsonObject badAmount = validForm("x");
    badAmount.getJsonArray("losses").getJsonObject(0).put("estimate", -5);
    assertThat(new JsonObject(operator.send("POST", "/console/api/claims", badAmount.encode()).body())
        .getString("error")).isEqualTo("invalid_losses");
    assertThat(claimCount()).as("nothing stored on error").isEqualTo(before);

    JsonObject overCap = validForm("房子被大水冲坏");
    overCap.getJsonArray("losses").getJsonObject(0).put("estimate", "6万");
    JsonObject row = file(overCap);
    String claimNo = row.getString("claimNo");
    assertThat(claimNo).matches("WC-\\d{4}-\\d{6}");
    assertThat(row.getString("channel")).isEqualTo("console");
    assertThat(row.getString("total")).isEqualTo("60000.00");
    assertThat(row.getJsonArray("flags").getList()).containsExactly("OVER_CAP:HOUSE_DAMAGE");
    assertThat(row.getString("phone")).isEqualTo("139****1111");
    assertThat(claimCount()).isEqualTo(before + 1);
    eventually("the stub insurer has it", () -> insurer.acceptedPerKey.containsKey(claimNo));
    JsonObject sent = new JsonObject(insurer.bodies.get(claimNo).iterator().next());
    assertThat(sent.getString("channel")).isEqualTo("console");
    assertThat(sent.getJsonObject("claimant").getString("idNumber")).isEqualTo(id("42010619800202123"));
    assertThat(app.claims().residentOf(claimNo).await(10, TimeUnit.SECONDS)).isNull();
    eventually("forwarded", () -> "FORWARDED".equals(status(claimNo)));
  }

  @Test
  void aClaimWhoseNumberTheInsurerHoldsWithAnotherBodyIsHeldWithTheReasonOnTheDesk() throws Exception {
    String claimNo = file(validForm("积水进屋 " + COLLIDE)).getString("claimNo");
    eventually("held", () -> "HELD".equals(status(claimNo)));
    JsonObject held = detail(claimNo);
    assertThat(held.getJsonObject("delivery").getString("heldReason")).isEqualTo("DUPLICATE_NUMBER_DIFFERENT_BODY");
    JsonArray history = held.getJsonArray("history");
    assertThat(history.getJsonObject(history.size() - 1).getString("note"))
        .startsWith("DUPLICATE_NUMBER_DIFFERENT_BODY").contains("409");
    JsonObject row = operator.json("GET", "/console/api/claims?status=HELD", null).getJsonArray("claims").stream()
        .map(o -> (JsonObject) o).filter(o -> claimNo.equals(o.getString("claimNo"))).findFirst().orElseThrow();
    assertThat(row.getJsonObject("delivery").getString("heldReason")).isEqualTo("DUPLICATE_NUMBER_DIFFERENT_BODY");
  }

  @Test
  void aHeldClaimIsCorrectedRetriedAndDeliveredWithTheCorrectedContent() throws Exception {
    String claimNo = file(validForm("积水进屋 " + REFUSE)).getString("claimNo");
    eventually("held", () -> "HELD".equals(status(claimNo)));
    JsonObject held = detail(claimNo);
    JsonObject tried = held.getJsonObject("delivery").getJsonArray("attempts").getJsonObject(0);
    assertThat(tried.getString("outcome")).isEqualTo("held");
    assertThat(tried.getInteger("status")).isEqualTo(400);
    assertThat(tried.getString("error")).contains("unknown community");
    long seqAtHold = changeSeq(claimNo);

    JsonObject bad = new JsonObject().put("phone", "1390000").put("note", "来电更正");
    HttpResponse<String> refused = operator.send("POST", "/console/api/claims/" + claimNo + "/correct", bad.encode());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("invalid_phone");
    assertThat(operator.send("POST", "/console/api/claims/" + claimNo + "/correct",
        new JsonObject().put("phone", "13900002222").encode()).statusCode()).as("a note is required").isEqualTo(400);

    JsonObject fix = new JsonObject().put("phone", "13900002222").put("description", "积水进屋,家具泡坏")
        .put("address", new JsonObject().put("street", "南湖街").put("community", "松涛社区").put("detail", "8栋"))
        .put("losses", new JsonArray().add(new JsonObject().put("type", "HOUSE_DAMAGE").put("estimate", "9000元")))
        .put("note", "居民来电更正电话和地址");
    JsonObject row = operator.json("POST", "/console/api/claims/" + claimNo + "/correct", fix.encode());
    assertThat(row.getString("status")).isIn("SUBMITTED", "FORWARDED");
    assertThat(row.getString("phone")).isEqualTo("139****2222");
    eventually("delivered after the correction", () -> "FORWARDED".equals(status(claimNo)));

    JsonObject after = detail(claimNo);
    JsonObject claim = after.getJsonObject("claim");
    assertThat(claim.getString("description")).isEqualTo("积水进屋,家具泡坏");
    assertThat(claim.getJsonObject("claimant").getJsonObject("address").getString("street")).isEqualTo("南湖街");
    assertThat(claim.getJsonArray("losses").getJsonObject(0).getDouble("estimatedAmount")).isEqualTo(9000.0);
    List<String> statuses = after.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("status"))
        .toList();
    assertThat(statuses).containsExactly("SUBMITTED", "HELD", "HELD", "SUBMITTED", "FORWARDED");
    JsonObject correction = after.getJsonArray("history").getJsonObject(2);
    assertThat(correction.getString("by")).isEqualTo("operator:li");
    assertThat(correction.getString("note")).contains("phone").contains("居民来电更正电话和地址");
    assertThat(after.getJsonObject("delivery").getJsonArray("attempts").stream()
        .map(t -> ((JsonObject) t).getString("outcome")).toList()).containsExactly("held", "delivered");
    assertThat(changeSeq(claimNo)).as("polling insurers see the change").isGreaterThan(seqAtHold + 1);

    assertThat(insurer.bodies.get(claimNo)).as("the refused body, then the corrected one").hasSize(2);
    JsonObject delivered = insurer.bodies.get(claimNo).stream().map(JsonObject::new)
        .filter(b -> b.getJsonObject("claimant").getString("phone").equals("13900002222")).findFirst().orElseThrow();
    assertThat(delivered.getString("description")).isEqualTo("积水进屋,家具泡坏");
    assertThat(insurer.acceptedPerKey).containsKey(claimNo);
    assertThat(insurer.badSignatures).isEmpty();
    assertThat(app.claims().byPhone(PhoneNumber.of("13900002222")).await(10, TimeUnit.SECONDS))
        .extracting(Claim::claimNo).contains(claimNo);
  }

  @Test
  void aHeldClaimIsRetriedAsItWasAndReachesTheInsurer() throws Exception {
    String claimNo = file(validForm("大风吹坏屋顶 " + REFUSE)).getString("claimNo");
    eventually("held", () -> "HELD".equals(status(claimNo)));
    JsonObject row = operator.json("POST", "/console/api/claims/" + claimNo + "/retry", null);
    assertThat(row.getString("status")).isIn("SUBMITTED", "FORWARDED");
    eventually("delivered after the retry", () -> "FORWARDED".equals(status(claimNo)));
    assertThat(insurer.bodies.get(claimNo)).as("the same body again").hasSize(1);
    List<String> by = detail(claimNo).getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("by"))
        .toList();
    assertThat(by).containsExactly("operator:li", "forwarder", "operator:li", "forwarder");
  }

  @Test
  void onlyAHeldClaimCanBeRetriedOrCorrected() throws Exception {
    String claimNo = file(validForm("火灾")).getString("claimNo");
    eventually("delivered", () -> "FORWARDED".equals(status(claimNo)));
    HttpResponse<String> retry = operator.send("POST", "/console/api/claims/" + claimNo + "/retry", null);
    assertThat(retry.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(retry.body()).getString("error")).isEqualTo("not_held");
    String fix = new JsonObject().put("description", "改").put("note", "n").encode();
    assertThat(operator.send("POST", "/console/api/claims/" + claimNo + "/correct", fix).statusCode()).isEqualTo(409);
    assertThat(detail(claimNo).getJsonObject("claim").getString("description")).isEqualTo("火灾");
    assertThat(operator.send("POST", "/console/api/claims/WC-1999-000001/retry", null).statusCode()).isEqualTo(404);
    assertThat(operator.send("POST", "/console/api/claims/WC-1999-000001/correct", fix).statusCode()).isEqualTo(404);
  }

  @Test
  void everyEndpointNeedsASignedInOperatorAndWritesNeedTheCsrfToken() throws Exception {
    String claimNo = file(validForm("权限")).getString("claimNo");
    String body = validForm("权限").encode();
    String fix = new JsonObject().put("description", "改").put("note", "n").encode();
    List<String[]> reads = List.of(new String[] {"GET", "/console/api/claims", null},
        new String[] {"GET", "/console/api/claims/" + claimNo, null});
    List<String[]> writes = List.of(new String[] {"POST", "/console/api/claims", body},
        new String[] {"POST", "/console/api/claims/" + claimNo + "/reveal", null},
        new String[] {"POST", "/console/api/claims/" + claimNo + "/retry", null},
        new String[] {"POST", "/console/api/claims/" + claimNo + "/correct", fix});
    ConsoleClient anonymous = ConsoleClient.anonymous(app);
    long before = claimCount();
    long audits = Reactive.one(app.store().collection("audit").countDocuments()).await(10, TimeUnit.SECONDS);
    for (String[] r : reads) {
      assertThat(anonymous.send(r[0], r[1], r[2]).statusCode()).as(r[1]).isEqualTo(401);
      assertThat(operator.send(r[0], r[1], r[2]).statusCode()).as(r[1]).isEqualTo(200);
    }
    for (String[] w : writes) {
      assertThat(anonymous.send(w[0], w[1], w[2]).statusCode()).as(w[1]).isEqualTo(401);
      HttpResponse<String> noCsrf = operator.send(w[0], w[1], w[2], false);
      assertThat(noCsrf.statusCode()).as(w[1]).isEqualTo(403);
      assertThat(new JsonObject(noCsrf.body()).getString("error")).isEqualTo("csrf");
    }
    assertThat(claimCount()).isEqualTo(before);
    assertThat(Reactive.one(app.store().collection("audit").countDocuments()).await(10, TimeUnit.SECONDS))
        .isEqualTo(audits);
    assertThat(operator.send("POST", "/console/api/claims/" + claimNo + "/reveal", null).statusCode()).isEqualTo(200);
  }

  static long changeSeq(String claimNo) throws Exception {
    Document d = Reactive.one(app.claims().collection().find(Filters.eq("_id", claimNo)).first())
        .await(10, TimeUnit.SECONDS);
    return ((Number) d.get("changeSeq")).longValue();
  }
}
