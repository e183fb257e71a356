package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resident files a claim in conversation, over the JSON channel, against the running service and store. */
class ClaimDialogueTest {
  @TempDir
  static Path data;
  static Minsheng app;
  static final HttpClient http = HttpClient.newHttpClient();
  static final String ID = "420106199001011231";

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(TestConfigs.service(data, Map.of()));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static JsonObject say(String user, String text) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("text", text).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static String text(JsonObject reply) {
    return reply.getJsonArray("replies").getJsonObject(0).getString("text");
  }

  static List<Document> claimsOf(String user) throws Exception {
    return Reactive.all(app.store().collection("claims").find(new Document("resident", "api:" + user)))
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void aFloodedFamilyFilesACompleteClaim() throws Exception {
    String u = "family-1";
    assertThat(text(say(u, "我家房子被淹了想报案"))).contains("登记").contains("哪天");
    assertThat(text(say(u, "前天晚上暴雨 水果湖街的"))).contains("社区");
    assertThat(text(say(u, "东亭社区3栋2单元101"))).contains("姓名");
    assertThat(text(say(u, "我叫张三 电话13812345678"))).contains("身份证");
    assertThat(text(say(u, ID))).contains("多少钱");
    assertThat(text(say(u, "大概八千块"))).contains("经过");
    assertThat(text(say(u, "暴雨时一楼进水 家具泡坏了"))).contains("照片");
    assertThat(text(say(u, "https://example.org/photo-1.jpg"))).contains("照片");
    assertThat(text(say(u, "没有了"))).contains("户籍");
    String summary = text(say(u, "是"));
    assertThat(summary).contains("请核对").contains("水果湖街").contains("138****5678")
        .contains("420106********1231").doesNotContain(ID).contains("8,000").contains("1份");
    JsonObject done = say(u, "确认");
    assertThat(text(done)).contains("WC-" + LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + "-");

    List<Document> claims = claimsOf(u);
    assertThat(claims).hasSize(1);
    Document c = claims.get(0);
    assertThat(c.getString("status")).isEqualTo("SUBMITTED");
    assertThat(c.getString("peril")).isEqualTo("NATURAL_DISASTER");
    assertThat(c.getString("incidentDate")).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).toString());
    assertThat(c.toJson()).doesNotContain(ID).doesNotContain("13812345678");
    assertThat(c.getList("attachments", Document.class)).hasSize(1);
    assertThat(c.getList("flags", String.class, List.of())).isEmpty();
    Document address = c.get("claimant", Document.class).get("address", Document.class);
    assertThat(address.getString("community")).isEqualTo("东亭社区");
    assertThat(address.getString("detail")).isEqualTo("3栋2单元101");

    assertThat(text(say(u, "我的理赔怎么样了"))).contains(c.getString("_id")).contains("已提交");
    String transcript = Reactive.all(app.store().collection("turns").find(new Document("user", u)))
        .await(10, TimeUnit.SECONDS).toString()
        + Reactive.all(app.store().collection("conversations").find(new Document("user", u)))
        .await(10, TimeUnit.SECONDS).toString();
    assertThat(transcript).contains("138****5678").doesNotContain("13812345678").doesNotContain(ID);
    assertThat(text(say(u, c.getString("_id") + " 到哪一步了"))).contains("已提交");
    assertThat(text(say("someone-else", c.getString("_id") + " 到哪一步了"))).doesNotContain("已提交");
  }

  /** Files the same incident (ID, address, date) as {@code user} up to the summary; the summary's reply. */
  static String sameIncidentUpToTheSummary(String user, String id) throws Exception {
    say(user, "我家房子被淹了想报案");
    say(user, "昨天暴雨 中南路街 梅苑社区5栋302");
    say(user, "我叫李四 电话13912345678");
    say(user, id);
    say(user, "一万块");
    say(user, "暴雨时屋顶漏水 墙面泡坏了");
    say(user, "没有");
    return text(say(user, "是"));
  }

  @Test
  void theSameIncidentFiledAgainIsAskedAboutThenFlaggedNeverDropped() throws Exception {
    String id = "420106198502020019";
    assertThat(sameIncidentUpToTheSummary("dup-1", id)).contains("请核对");
    String first = text(say("dup-1", "确认"));
    Matcher number = Pattern.compile("WC-\\d{4}-\\d{6}").matcher(first);
    assertThat(number.find()).as(first).isTrue();
    String firstNo = number.group();

    // The same person, address and date again (from another account, as a relative's phone would be).
    assertThat(sameIncidentUpToTheSummary("dup-2", id)).contains("请核对");
    String asked = text(say("dup-2", "确认"));
    assertThat(asked).contains("您在").contains("已经报过案").contains(firstNo).contains("还要再报吗");
    assertThat(claimsOf("dup-2")).as("nothing filed before the resident answers").isEmpty();
    String filed = text(say("dup-2", "确认"));
    assertThat(filed).contains("已提交");
    List<Document> second = claimsOf("dup-2");
    assertThat(second).hasSize(1);
    assertThat(second.get(0).getList("flags", String.class)).contains("POSSIBLE_DUPLICATE:" + firstNo);

    // Asked, the resident may also decline: nothing is filed and they are told so.
    sameIncidentUpToTheSummary("dup-3", id);
    assertThat(text(say("dup-3", "确认"))).contains("已经报过案");
    say("dup-3", "算了");
    assertThat(claimsOf("dup-3")).isEmpty();

    // Another date is another incident: filed without a question.
    say("dup-4", "我家房子被淹了想报案");
    say("dup-4", "前天暴雨 中南路街 梅苑社区5栋302");
    say("dup-4", "我叫李四 电话13912345678");
    say("dup-4", id);
    say("dup-4", "一万块");
    say("dup-4", "暴雨时屋顶漏水 墙面泡坏了");
    say("dup-4", "没有");
    say("dup-4", "是");
    assertThat(text(say("dup-4", "确认"))).contains("已提交");
  }

  @Test
  void aLinkBecomesAPhotoOnlyWhenSentAsOneAndUnsafeLinksAreRefused() throws Exception {
    String u = "family-links";
    say(u, "我家房子被淹了想报案");
    say(u, "前天晚上暴雨 水果湖街的");
    // Another flat than the other tests' claims, so the duplicate-incident question does not come first.
    say(u, "东亭社区5栋1单元202");
    say(u, "我叫张三 电话13812345678");
    say(u, ID);
    say(u, "大概八千块");
    // A link inside the description is part of the description, never a photo.
    assertThat(text(say(u, "暴雨时一楼进水 家具泡坏了 视频见 https://example.org/flood.jpg"))).contains("照片");
    for (String bad : List.of("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
        "https://10.1.2.3/a.jpg", "https://[::1]/a.jpg", "http://example.org/a.jpg", "https://localhost/a.jpg",
        "javascript:alert(1)", "data:image/png;base64,AAAA", "照片 https://printer.internal/scan.jpg")) {
      String reply = text(say(u, bad));
      // Each one refused with its reason; the third in a row also offers a call back (the repair ladder).
      assertThat(reply).as(bad).contains("不能当作现场照片");
      assertThat(draftOf(u).getList("attachments", Document.class, List.of())).as(bad).isEmpty();
    }
    assertThat(text(say(u, "照片在这 https://img.example.org/1.jpg"))).contains("照片");
    assertThat(text(say(u, "没有了"))).contains("户籍");
    assertThat(text(say(u, "是"))).contains("1份");
    say(u, "确认");
    Document c = claimsOf(u).get(0);
    assertThat(c.getList("attachments", Document.class)).extracting(a -> a.getString("url"))
        .containsExactly("https://img.example.org/1.jpg");
    assertThat(c.getString("description")).contains("https://example.org/flood.jpg");
  }

  static Document draftOf(String user) throws Exception {
    return Reactive.first(app.store().collection("claim_drafts").find(new Document("user", user)))
        .await(10, TimeUnit.SECONDS).orElseThrow();
  }

  @Test
  void goingBackAsksThePreviousQuestionAgain() throws Exception {
    String u = "family-8";
    say(u, "我家房子被淹了想报案");
    say(u, "昨天");
    assertThat(text(say(u, "上一步"))).contains("哪天");
    assertThat(text(say(u, "前天"))).contains("街道");
  }

  @Test
  void severalAnswersAtOnceCorrectionsAndOverCapEstimates() throws Exception {
    String u = "family-2";
    say(u, "着火了 房子烧了 要理赔");
    say(u, "昨天 中南路街 梅苑小区5栋");
    String afterIdentity = text(say(u, "我叫李四 13812345678 " + ID));
    assertThat(afterIdentity).contains("多少钱");
    String overCap = text(say(u, "六万"));
    assertThat(overCap).contains("5万");
    say(u, "厨房起火烧了半间屋");
    say(u, "没有");
    say(u, "是");
    String corrected = text(say(u, "电话写错了 改成13987654321"));
    assertThat(corrected).contains("139****4321").doesNotContain("138****5678");
    assertThat(text(say(u, "确认"))).contains("WC-");
    Document c = claimsOf(u).get(0);
    assertThat(c.getString("peril")).isEqualTo("FIRE_EXPLOSION");
    assertThat(c.get("claimant", Document.class).getString("phoneMasked")).isEqualTo("139****4321");
    assertThat(c.getList("losses", Document.class).get(0).getString("estimatedAmount")).startsWith("60000");
    assertThat(c.getList("flags", String.class)).containsExactly("OVER_CAP:HOUSE_DAMAGE");
  }

  @Test
  void invalidIdAndPhoneAreAskedAgainKindly() throws Exception {
    String u = "family-3";
    say(u, "见义勇为救人受伤致残了 我要申请理赔");
    say(u, "上周六 粮道街 粮道街社区");
    say(u, "王五");
    assertThat(text(say(u, "420106199001011234"))).contains("校验码");
    assertThat(text(say(u, "420106209901011231"))).contains("身份证");
    assertThat(text(say(u, ID))).contains("手机");
    assertThat(text(say(u, "1234567"))).contains("手机");
    assertThat(text(say(u, "138-1234-5678"))).doesNotContain("手机号码");
  }

  @Test
  void aQuestionInTheMiddleIsAnsweredAndTheFormResumes() throws Exception {
    String u = "family-4";
    say(u, "要理赔 家里被淹了");
    JsonObject digression = say(u, "网格员是干什么的");
    assertThat(text(digression)).contains("网格员").contains("我们接着填").contains("哪天");
    assertThat(digression.getJsonArray("sources")).isNotEmpty();
    assertThat(text(say(u, "昨天"))).contains("街道");
  }

  @Test
  void aPhotoSentDuringAClaimIsAttachedToIt() throws Exception {
    String u = "family-9";
    say(u, "我家房子被淹了想报案");
    String reply = app.assistant().receivedPhoto("api", u, "media-1", "http://mmbiz.qpic.cn/mmbiz_jpg/flood/0")
        .await(5, TimeUnit.SECONDS);
    assertThat(reply).contains("照片收到了");
    Document draft = Reactive.one(app.store().collection("claim_drafts").find(new Document("user", u)).first())
        .await(5, TimeUnit.SECONDS);
    assertThat(draft.getList("attachments", Document.class)).extracting(a -> a.getString("url"))
        .containsExactly("http://mmbiz.qpic.cn/mmbiz_jpg/flood/0");
    assertThat(draft.getList("attachments", Document.class).get(0).getString("source")).isEqualTo("wechat");
    assertThat(app.assistant().receivedPhoto("api", "no-claim-open", "media-2", "http://mmbiz.qpic.cn/mmbiz_jpg/x/0")
        .await(5, TimeUnit.SECONDS)).doesNotContain("理赔");
  }

  @Test
  void cancellingDropsTheDraft() throws Exception {
    String u = "family-5";
    say(u, "我要报案 房子被淹了");
    assertThat(text(say(u, "算了不报了"))).contains("取消");
    long drafts = Reactive.one(app.store().collection("claim_drafts").countDocuments(
        new Document("user", u))).await(5, TimeUnit.SECONDS);
    assertThat(drafts).isZero();
    assertThat(claimsOf(u)).isEmpty();
  }

  @Test
  void anUncoveredPerilIsExplainedAndAPersonOffered() throws Exception {
    String u = "family-6";
    String reply = text(say(u, "我要理赔 家里被偷了"));
    assertThat(reply).contains("自然灾害").contains("见义勇为");
    assertThat(claimsOf(u)).isEmpty();
  }

  @Test
  void aDraftSurvivesARestart() throws Exception {
    String u = "family-7";
    say(u, "我家房子被淹了想报案");
    say(u, "昨天 水果湖街");
    app.close();
    app = Minsheng.start(TestConfigs.service(data, Map.of()));
    assertThat(text(say(u, "东亭社区1栋"))).contains("姓名");
  }
}
