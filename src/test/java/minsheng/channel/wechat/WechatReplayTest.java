package minsheng.channel.wechat;

import static minsheng.channel.wechat.WechatPeer.count;
import static minsheng.channel.wechat.WechatPeer.msgId;
import static minsheng.channel.wechat.WechatPeer.nonce;
import static minsheng.channel.wechat.WechatPeer.now;
import static minsheng.channel.wechat.WechatPeer.text;
import static minsheng.channel.wechat.WechatPeer.turnsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.common.util.crypto.SHA1;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who saw one signed {@code /wechat} URL cannot reuse it: a (timestamp, nonce) pair carries one body, in
 * the store, so across a restart too; the platform's own retry of the same body still gets the same answer. And a
 * photo whose PicUrl is not on the platform's image hosts is refused, not forwarded.
 */
class WechatReplayTest {
  static final String TOKEN = "minsheng-replay-token";

  @TempDir
  static Path data;
  static Minsheng app;
  static WechatPeer peer;

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(config());
    peer = new WechatPeer(TOKEN, () -> app.url());
  }

  static minsheng.config.Config config() {
    return TestConfigs.service(data, Map.of("MINSHENG_WECHAT_TOKEN", TOKEN));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aCapturedSignedQueryCannotCarryAnotherBodyEvenAfterARestart() throws Exception {
    String query = peer.signedQuery(now(), nonce(), "oReplayA");
    String first = text("oReplayA", msgId(), "民生保险最多赔多少");
    HttpResponse<String> ok = peer.post(query, first);
    assertThat(WechatPeer.textReplyTo("oReplayA", ok.body())).contains("10万");

    long[] before = counts();
    List<String> forged = List.of(
        text("oReplayB", msgId(), "我家房子被淹了想报案"),    // another resident
        text("oReplayA", msgId(), "我家房子被淹了想报案"),    // the same resident, another message
        first.replace("民生保险最多赔多少", "低保怎么申请"));   // the same MsgId, other words
    for (String body : forged) {
      HttpResponse<String> r = peer.post(query, body);
      assertThat(r.statusCode()).as(body).isEqualTo(403);
      assertThat(r.body()).doesNotContain("10万").doesNotContain("登记");
    }
    assertThat(counts()).containsExactly(before);
    assertThat(turnsOf(app, "oReplayB")).isZero();

    app.close();
    app = Minsheng.start(config());
    HttpResponse<String> afterRestart = peer.post(query, forged.get(0));
    assertThat(afterRestart.statusCode()).isEqualTo(403);
    assertThat(turnsOf(app, "oReplayB")).isZero();
    assertThat(turnsOf(app, "oReplayA")).isEqualTo(1);
  }

  @Test
  void thePlatformsRetryWithTheSameQueryAndBodyIsAnsweredTheSameAndProcessedOnce() throws Exception {
    String query = peer.signedQuery(now(), nonce(), "oReplayC");
    String xml = text("oReplayC", msgId(), "低保怎么申请");
    String a = WechatPeer.textReplyTo("oReplayC", peer.post(query, xml).body());
    String b = WechatPeer.textReplyTo("oReplayC", peer.post(query, xml).body());
    assertThat(b).isEqualTo(a);
    assertThat(turnsOf(app, "oReplayC")).isEqualTo(1);
  }

  @Test
  void aRetryUnderAFreshPairIsAnsweredTheSameAndThatPairCannotCarryAnotherBodyEither() throws Exception {
    String xml = text("oReplayD", msgId(), "低保怎么申请");
    String a = WechatPeer.textReplyTo("oReplayD", peer.post(peer.signedQuery(now(), nonce(), "oReplayD"), xml).body());
    String retryQuery = peer.signedQuery(now(), nonce(), "oReplayD");
    String b = WechatPeer.textReplyTo("oReplayD", peer.post(retryQuery, xml).body());
    assertThat(b).isEqualTo(a);
    assertThat(turnsOf(app, "oReplayD")).isEqualTo(1);

    long[] before = counts();
    HttpResponse<String> forged = peer.post(retryQuery, text("oReplayE", msgId(), "我家房子被淹了想报案"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(counts()).containsExactly(before);
    assertThat(turnsOf(app, "oReplayE")).isZero();
  }

  @Test
  void verificationRefusesATimestampOutsideTheWindow() throws Exception {
    String n = nonce();
    for (String ts : List.of("0", "1", String.valueOf(System.currentTimeMillis() / 1000 - 3600),
        String.valueOf(System.currentTimeMillis() / 1000 + 3600))) {
      HttpResponse<String> r = peer.get("signature=" + SHA1.gen(TOKEN, ts, n) + "&timestamp=" + ts + "&nonce=" + n
          + "&echostr=4711");
      assertThat(r.statusCode()).as(ts).isEqualTo(403);
      assertThat(r.body()).doesNotContain("4711");
    }
    String ts = now();
    HttpResponse<String> ok = peer.get("signature=" + SHA1.gen(TOKEN, ts, n) + "&timestamp=" + ts + "&nonce=" + n
        + "&echostr=4711");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("4711");
  }

  @Test
  void aPhotoWhosePicUrlIsNotOnThePlatformsHostsIsRefusedAndNotAttached() throws Exception {
    String user = "oPhoto1";
    assertThat(peer.ask(text(user, "我家房子被淹了想报案"))).contains("登记");
    for (String picUrl : List.of("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/iam/",
        "http://127.0.0.1:8080/console/", "https://evil.example/flood.jpg", "javascript:alert(1)")) {
      String reply = peer.ask(image(user, picUrl));
      assertThat(reply).as(picUrl).contains("没能收下").doesNotContain("已放进");
    }
    assertThat(photosInDraft(user)).isEmpty();
    assertThat(peer.ask(image(user, "http://mmbiz.qpic.cn/mmbiz_jpg/abc/0"))).contains("已放进");
    assertThat(photosInDraft(user)).containsExactly("http://mmbiz.qpic.cn/mmbiz_jpg/abc/0");
  }

  static String image(String openid, String picUrl) {
    return "<xml><ToUserName><![CDATA[" + WechatPeer.ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openid
        + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[image]]></MsgType>"
        + "<PicUrl><![CDATA[" + picUrl + "]]></PicUrl><MediaId><![CDATA[media_" + msgId() + "]]></MediaId><MsgId>"
        + msgId() + "</MsgId></xml>";
  }

  static List<String> photosInDraft(String openid) throws Exception {
    Document draft = Reactive.first(app.store().collection("claim_drafts")
        .find(new Document("_id", WechatPeer.conversationId(openid)))).await(5, TimeUnit.SECONDS).orElseThrow();
    return draft.getList("attachments", Document.class, List.of()).stream().map(a -> a.getString("url")).toList();
  }

  private static long[] counts() throws Exception {
    return new long[] {count(app, "wechat_seen"), count(app, "turns"), count(app, "conversations"),
        count(app, "claim_drafts")};
  }
}
