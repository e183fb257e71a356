package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.dialogue.Conversations;
import minsheng.store.Reactive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's figures match the residents' traffic, the hand-overs and the claims behind them. */
class StatisticsTest {
  static final String WEATHER = "明天武汉天气怎么样";

  @TempDir
  static Path data;
  static Minsheng app;
  static ConsoleClient admin;
  static ConsoleClient operator;

  @BeforeAll
  static void start() throws Exception {
    app = ConsoleClient.startService(data);
    admin = ConsoleClient.admin(app);
    operator = admin.newOperator("li");

    // Seven messages today (the seventh below): three about 低保, a greeting, a question nobody here can answer, a request for a person.
    assertThat(chat("s1", "低保是什么").getBoolean("handoff")).isFalse();
    chat("s2", "低保是什么");
    chat("s3", "低保是什么");
    chat("s4", "你好");
    assertThat(chat("s5", WEATHER).getBoolean("handoff")).isTrue();
    assertThat(chat("s6", "转人工").getBoolean("handoff")).isTrue();

    // A person takes s6 over and replies, and s6 answers them: the resident's words count as a message, the
    // operator's reply and the system's notice do not.
    String s6 = Conversations.conversationId("api", "s6");
    operator.json("POST", "/console/api/conversations/" + s6 + "/takeover", "{}");
    operator.json("POST", "/console/api/conversations/" + s6 + "/reply", "{\"text\":\"您好,我是热线的小李\"}");
    assertThat(chat("s6", "好的谢谢").getJsonArray("replies")).isEmpty();

    // Operators answered the two hand-overs after 30 s (a reply before the takeover) and 120 s.
    Instant now = Instant.now();
    respond(Conversations.conversationId("api", "s5"), now.minusSeconds(100), now.minusSeconds(40), now.minusSeconds(70));
    respond(Conversations.conversationId("api", "s6"), now.minusSeconds(300), null, now.minusSeconds(180));

    ClaimStore claims = app.claims();
    String paid = claims.submit(claim("水果湖街", "13812345678"), "api:c1", "api:c1").await(10, TimeUnit.SECONDS).claimNo();
    claims.submit(claim("水果湖街", "13812345679"), "api:c2", "api:c2").await(10, TimeUnit.SECONDS);
    claims.submit(claim("中南路街", "13812345670"), "api:c3", "api:c3").await(10, TimeUnit.SECONDS);
    Reactive.first(app.store().collection("claims").updateOne(Filters.eq("_id", paid), Updates.set("status", "PAID")))
        .await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject chat(String user, String text) throws Exception {
    return ConsoleClient.residentSays(app, user, text);
  }

  /** What the inbox writes when an operator takes over or replies, set directly here. */
  static void respond(String conversationId, Instant handoffAt, Instant takenOverAt, Instant firstReplyAt)
      throws Exception {
    var update = Updates.combine(Updates.set("handoffAt", Date.from(handoffAt)),
        takenOverAt == null ? Updates.unset("takenOverAt") : Updates.set("takenOverAt", Date.from(takenOverAt)),
        Updates.set("firstOperatorReplyAt", Date.from(firstReplyAt)));
    assertThat(Reactive.one(app.store().collection("conversations")
        .updateOne(Filters.eq("_id", conversationId), update)).await(10, TimeUnit.SECONDS).getMatchedCount())
        .isEqualTo(1);
  }

  static ClaimStore.NewClaim claim(String street, String phone) {
    String first17 = "42010619900101123";
    return new ClaimStore.NewClaim("api", "wuchang-minsheng",
        new Claim.Claimant("张三", IdNumber.of(first17 + IdNumber.checkCharacter(first17)), PhoneNumber.of(phone),
            new Claim.Address(street, "东亭社区", "3栋2单元101")),
        Peril.NATURAL_DISASTER, List.of(new Claim.Loss(LossType.HOUSE_DAMAGE, Money.ofYuan(8000))),
        LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1), "暴雨一楼进水", List.of());
  }

  static Map<String, Long> counts(JsonArray rows, String key) {
    return rows.stream().map(JsonObject.class::cast)
        .collect(java.util.stream.Collectors.toMap(o -> String.valueOf(o.getValue(key)), o -> o.getLong("count")));
  }

  @Test
  void messagesPerDayCountTodaysTrafficAndShowEveryDay() throws Exception {
    JsonObject stats = operator.json("GET", "/console/api/stats?days=7", null);
    JsonArray days = stats.getJsonArray("messagesPerDay");
    assertThat(days).hasSize(7);
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    assertThat(days.getJsonObject(6).getString("day")).isEqualTo(today);
    assertThat(days.getJsonObject(6).getLong("count")).isEqualTo(7);
    assertThat(days.stream().limit(6).map(d -> ((JsonObject) d).getLong("count"))).containsOnly(0L);
    assertThat(days.getJsonObject(0).getString("day")).isEqualTo(LocalDate.parse(today).minusDays(6).toString());
  }

  @Test
  void topIntentsAndTheHandoffRate() throws Exception {
    JsonObject stats = admin.json("GET", "/console/api/stats", null);
    assertThat(stats.getJsonArray("messagesPerDay")).hasSize(14);
    JsonObject top = stats.getJsonArray("topIntents").getJsonObject(0);
    assertThat(top.getString("intent")).isEqualTo("social_assistance");
    assertThat(top.getLong("count")).isEqualTo(3);
    assertThat(counts(stats.getJsonArray("topIntents"), "intent")).containsEntry("greeting", 1L)
        .doesNotContainKey("null");
    JsonObject handoff = stats.getJsonObject("handoff");
    assertThat(handoff.getLong("turns")).isEqualTo(7);
    assertThat(handoff.getLong("handoffs")).isEqualTo(2);
    assertThat(handoff.getDouble("rate")).isEqualTo(0.2857);
  }

  @Test
  void unansweredQuestionsAreTheKnowledgeBasesWorkList() throws Exception {
    JsonArray unanswered = operator.json("GET", "/console/api/stats?days=1", null).getJsonArray("unanswered");
    assertThat(unanswered).hasSize(1);
    assertThat(unanswered.getJsonObject(0).getString("text")).isEqualTo(WEATHER);
    assertThat(unanswered.getJsonObject(0).getLong("count")).isEqualTo(1);
    assertThat(Instant.parse(unanswered.getJsonObject(0).getString("lastAt"))).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void firstResponseIsTheEarlierOfReplyAndTakeoverAfterTheHandoff() throws Exception {
    JsonObject first = operator.json("GET", "/console/api/stats", null).getJsonObject("firstResponse");
    assertThat(first.getInteger("count")).isEqualTo(2);
    assertThat(first.getDouble("medianSeconds")).isEqualTo(30.0);
    assertThat(first.getDouble("p90Seconds")).isEqualTo(120.0);
  }

  @Test
  void claimsByStatusAndStreet() throws Exception {
    JsonObject stats = operator.json("GET", "/console/api/stats", null);
    assertThat(counts(stats.getJsonArray("claimsByStatus"), "status"))
        .isEqualTo(Map.of("SUBMITTED", 2L, "PAID", 1L));
    assertThat(counts(stats.getJsonArray("claimsByStreet"), "street"))
        .isEqualTo(Map.of("水果湖街", 2L, "中南路街", 1L));
    assertThat(stats.getJsonArray("claimsByStreet").getJsonObject(0).getString("street")).isEqualTo("水果湖街");
  }

  @Test
  void daysMustBeBetweenOneAndAYear() throws Exception {
    for (String bad : List.of("0", "367", "-3", "abc", "1.5", "")) {
      HttpResponse<String> r = operator.send("GET", "/console/api/stats?days=" + bad, null);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("invalid_days");
    }
    assertThat(operator.send("GET", "/console/api/stats?days=366", null).statusCode()).isEqualTo(200);
  }

  @Test
  void statisticsNeedASignedInOperator() throws Exception {
    HttpResponse<String> r = ConsoleClient.anonymous(app).send("GET", "/console/api/stats", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("unauthenticated");
  }
}
