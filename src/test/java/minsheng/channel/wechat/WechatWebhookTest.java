package minsheng.channel.wechat;

import static minsheng.channel.wechat.WechatPeer.ACCOUNT;
import static minsheng.channel.wechat.WechatPeer.count;
import static minsheng.channel.wechat.WechatPeer.conversation;
import static minsheng.channel.wechat.WechatPeer.event;
import static minsheng.channel.wechat.WechatPeer.msgId;
import static minsheng.channel.wechat.WechatPeer.nonce;
import static minsheng.channel.wechat.WechatPeer.now;
import static minsheng.channel.wechat.WechatPeer.text;
import static minsheng.channel.wechat.WechatPeer.turnsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.xml.parsers.DocumentBuilderFactory;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * {@code GET|POST /wechat} on the wire, against the running service, with WxJava as the platform: verification,
 * plaintext and safe mode both ways, every message type, retries, and requests that must be refused.
 */
class WechatWebhookTest {
  static final String TOKEN = "minsheng-wx-token";

  @TempDir
  static Path data;
  static Minsheng app;
  /** Senders whose answer is computed only after this many milliseconds (the late path of the 5-second rule). */
  static final Map<String, Long> SLOW = new java.util.concurrent.ConcurrentHashMap<>();
  static WechatPeer peer;

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(TestConfigs.service(data, Map.of(
        "MINSHENG_WECHAT_TOKEN", TOKEN,
        "MINSHENG_WECHAT_APP_ID", WechatPeer.APP_ID,
        "MINSHENG_WECHAT_AES_KEY", WechatPeer.AES_KEY)), new Minsheng.Tuning(user -> SLOW.getOrDefault(user, 0L)));
    peer = new WechatPeer(TOKEN, app::url);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  // ---- GET /wechat ------------------------------------------------------------------------------------------

  @Test
  void verificationEchoesEchostrVerbatimOnlyWithTheRightSignature() throws Exception {
    String ts = now();
    String n = nonce();
    String echo = "7346528193045512";
    HttpResponse<String> ok = peer.get("signature=" + SHA1.gen(TOKEN, ts, n) + "&timestamp=" + ts + "&nonce=" + n
        + "&echostr=" + echo);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(echo);

    for (String query : List.of(
        "signature=" + SHA1.gen("another-token", ts, n) + "&timestamp=" + ts + "&nonce=" + n + "&echostr=" + echo,
        "signature=" + SHA1.gen(TOKEN, ts, n) + "&timestamp=" + ts + "&nonce=" + n + "x&echostr=" + echo,
        "timestamp=" + ts + "&nonce=" + n + "&echostr=" + echo,
        "signature=" + SHA1.gen(TOKEN, ts, n) + "&nonce=" + n + "&echostr=" + echo,
        "signature=" + SHA1.gen(TOKEN, ts, n) + "&timestamp=" + ts + "&echostr=" + echo,
        "echostr=" + echo,
        "")) {
      HttpResponse<String> refused = peer.get(query);
      assertThat(refused.statusCode()).as(query).isEqualTo(403);
      assertThat(refused.body()).as(query).doesNotContain(echo);
    }
  }

  // ---- POST /wechat: plaintext and safe mode ---------------------------------------------------------------

  @Test
  void aPlaintextTextMessageGetsAPassiveReplyFromTheKnowledgeBase() throws Exception {
    String content = peer.ask(text("oText1", "民生保险最多赔多少"));
    assertThat(content).contains("10万");
    assertThat(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
    assertThat(turnsOf(app, "oText1")).isEqualTo(1);
    assertThat(conversation(app, "oText1").getString("channel")).isEqualTo("wechat");
  }

  @Test
  void safeModeRepliesAreEncryptedSignedAndFreshEachTime() throws Exception {
    Map<String, String> first = envelope(peer.postSafe(text("oSafe1", "民生保险最多赔多少")));
    Map<String, String> second = envelope(peer.postSafe(text("oSafe1", "你好")));

    for (Map<String, String> e : List.of(first, second)) {
      assertThat(SHA1.gen(TOKEN, e.get("TimeStamp"), e.get("Nonce"), e.get("Encrypt"))).isEqualTo(e.get("MsgSignature"));
      assertThat(Long.parseLong(e.get("TimeStamp"))).isCloseTo(System.currentTimeMillis() / 1000,
          org.assertj.core.data.Offset.offset(60L));
    }
    WxMpXmlMessage a = decrypt(first);
    assertThat(a.getMsgType()).isEqualTo("text");
    assertThat(a.getToUser()).isEqualTo("oSafe1");
    assertThat(a.getFromUser()).isEqualTo(ACCOUNT);
    assertThat(a.getContent()).contains("10万");
    assertThat(decrypt(second).getContent()).isNotBlank().isNotEqualTo(a.getContent());
    assertThat(second.get("Nonce")).isNotEqualTo(first.get("Nonce"));
    assertThat(second.get("Encrypt")).isNotEqualTo(first.get("Encrypt"));
    // WxJava's own check of the whole envelope (it verifies MsgSignature before decrypting).
    String plain = new WxMpCryptUtil(peer.config).decryptXml(first.get("MsgSignature"), first.get("TimeStamp"),
        first.get("Nonce"), first.get("xml"));
    assertThat(WxMpXmlMessage.fromXml(plain).getContent()).isEqualTo(a.getContent());
    assertThat(turnsOf(app, "oSafe1")).isEqualTo(2);
  }

  @Test
  void aSafeModeRetryGetsTheSameAnswerInAFreshEnvelope() throws Exception {
    String xml = text("oSafe2", msgId(), "低保怎么申请");
    Map<String, String> first = envelope(peer.postSafe(xml));
    Map<String, String> retry = envelope(peer.postSafe(xml));
    assertThat(decrypt(retry).getContent()).isEqualTo(decrypt(first).getContent());
    assertThat(retry.get("Encrypt")).isNotEqualTo(first.get("Encrypt"));
    assertThat(turnsOf(app, "oSafe2")).isEqualTo(1);
  }

  // ---- every message type ----------------------------------------------------------------------------------

  @Test
  void voiceWithRecognitionIsAnsweredLikeTextAndWithoutItTheResidentIsAskedToType() throws Exception {
    assertThat(peer.ask(WechatPeer.voice("oVoice1", "民生保险最多赔多少"))).contains("10万");
    assertThat(turnsOf(app, "oVoice1")).isEqualTo(1);
    assertThat(peer.ask(WechatPeer.voice("oVoice2", null))).contains("打字");
    assertThat(peer.ask(WechatPeer.voice("oVoice3", "  "))).contains("打字");
  }

  @Test
  void anImageIsKeptWithTheConversationAndAcknowledged() throws Exception {
    assertThat(peer.ask(WechatPeer.image("oImage1"))).contains("图片");
    List<Document> kept = conversation(app, "oImage1").getList("kept", Document.class);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).getString("type")).isEqualTo("image");
    assertThat(kept.get(0).getString("mediaId")).isEqualTo("media_img_1");
    assertThat(kept.get(0).getString("url")).isEqualTo("http://mmbiz.qpic.cn/flood.jpg");
  }

  @Test
  void aLocationIsKeptAsAPossibleIncidentLocationAndAcknowledged() throws Exception {
    assertThat(peer.ask(WechatPeer.location("oLoc1"))).contains("位置");
    List<Document> kept = conversation(app, "oLoc1").getList("kept", Document.class);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).getString("type")).isEqualTo("location");
    assertThat(kept.get(0).getString("latitude")).isEqualTo("30.5539");
    assertThat(kept.get(0).getString("longitude")).isEqualTo("114.3162");
    assertThat(kept.get(0).getString("label")).contains("水果湖街");
  }

  @Test
  void videoShortVideoAndLinkAreAcknowledgedPolitely() throws Exception {
    for (String xml : List.of(WechatPeer.video("oMedia1"), WechatPeer.ofType("oMedia1", "shortvideo"),
        WechatPeer.link("oMedia1"))) {
      assertThat(peer.ask(xml)).as(xml).contains("收到").contains("文字和语音");
    }
    assertThat(turnsOf(app, "oMedia1")).isZero();
  }

  @Test
  void subscribeIsWelcomedUnsubscribeAndViewGetSuccess() throws Exception {
    String welcome = peer.ask(event("oEvent1", "subscribe", null));
    assertThat(welcome).contains("欢迎").contains("民生保险").contains("理赔");
    peer.expectSuccess(event("oEvent2", "unsubscribe", null));
    peer.expectSuccess(event("oEvent3", "VIEW", "https://example.org/menu"));
  }

  @Test
  void menuClicksAreMappedToTopicsAndAnUnknownKeyGetsTheCapabilities() throws Exception {
    String insurance = peer.ask(event("oClick1", "CLICK", "MS_INSURANCE"));
    assertThat(insurance).contains("民生保险").contains("10万");
    assertThat(turnsOf(app, "oClick1")).isEqualTo(1);
    String unknown = peer.ask(event("oClick2", "CLICK", "NO_SUCH_KEY"));
    assertThat(unknown).isEqualTo(app.assistant().line("capabilities")).contains("我可以回答");
  }

  @Test
  void aLocationEventIsKeptAndAnsweredWithSuccess() throws Exception {
    peer.expectSuccess(WechatPeer.locationEvent("oLocEv1"));
    List<Document> kept = conversation(app, "oLocEv1").getList("kept", Document.class);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).getString("type")).isEqualTo("location");
    assertThat(kept.get(0).getString("latitude")).isEqualTo("30.5539");
    assertThat(kept.get(0).getString("longitude")).isEqualTo("114.3162");
  }

  @Test
  void anUnknownMessageTypeGetsAFriendlyLineNeverAnError() throws Exception {
    for (String type : List.of("miniprogrampage", "MUSIC", "x")) {
      assertThat(peer.ask(WechatPeer.ofType("oUnknown1", type))).as(type).contains("文字和语音");
    }
    // An event the platform may add one day: nothing to say, but not an error either.
    peer.expectSuccess(event("oUnknown1", "some_new_event", null));
  }

  // ---- retries ---------------------------------------------------------------------------------------------

  @Test
  void aRetriedMsgIdWithANewTimestampAndNonceIsAnsweredTheSameAndProcessedOnce() throws Exception {
    String xml = text("oRetry1", msgId(), "民生保险最多赔多少");
    HttpResponse<String> first = peer.postPlain(xml);
    Thread.sleep(1100); // a new timestamp, as the platform's retry 5 s later would carry
    HttpResponse<String> retry = peer.postPlain(xml);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(WechatPeer.textReplyTo("oRetry1", retry.body()))
        .isEqualTo(WechatPeer.textReplyTo("oRetry1", first.body())).contains("10万");
    peer.postPlain(xml);
    assertThat(turnsOf(app, "oRetry1")).isEqualTo(1);
    // The same words under another MsgId are a new message.
    peer.ask(text("oRetry1", msgId(), "民生保险最多赔多少"));
    assertThat(turnsOf(app, "oRetry1")).isEqualTo(2);
  }

  @Test
  void aRetriedEventIsRecognisedBySenderAndCreateTime() throws Exception {
    long created = System.currentTimeMillis() / 1000 - 5;
    String click = event("oRetry2", created, "CLICK", "MS_INSURANCE");
    String first = peer.ask(click);
    String retry = peer.ask(click);
    assertThat(retry).isEqualTo(first);
    assertThat(turnsOf(app, "oRetry2")).isEqualTo(1);
    // Another click by the same resident a second later is not a retry.
    peer.ask(event("oRetry2", created + 1, "CLICK", "MS_INSURANCE"));
    assertThat(turnsOf(app, "oRetry2")).isEqualTo(2);
  }

  @Test
  void aRetryArrivingWhileTheFirstCopyIsStillBeingProcessedGetsTheSameReply() throws Exception {
    String user = "oRetry3";
    SLOW.put(user, 800L);
    try {
      String xml = text(user, msgId(), "民生保险最多赔多少");
      CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> send(xml));
      Thread.sleep(200);
      CompletableFuture<HttpResponse<String>> retry = CompletableFuture.supplyAsync(() -> send(xml));
      CompletableFuture<HttpResponse<String>> again = CompletableFuture.supplyAsync(() -> send(xml));
      String a = WechatPeer.textReplyTo(user, first.get().body());
      assertThat(a).contains("10万");
      assertThat(WechatPeer.textReplyTo(user, retry.get().body())).isEqualTo(a);
      assertThat(WechatPeer.textReplyTo(user, again.get().body())).isEqualTo(a);
      assertThat(turnsOf(app, user)).isEqualTo(1);
    } finally {
      SLOW.remove(user);
    }
  }

  @Test
  void copiesSentAtTheSameInstantAreProcessedOnce() throws Exception {
    String user = "oRetry4";
    String xml = text(user, msgId(), "网格员是做什么的");
    List<CompletableFuture<HttpResponse<String>>> copies = List.of(
        CompletableFuture.supplyAsync(() -> send(xml)), CompletableFuture.supplyAsync(() -> send(xml)),
        CompletableFuture.supplyAsync(() -> send(xml)), CompletableFuture.supplyAsync(() -> send(xml)));
    String first = WechatPeer.textReplyTo(user, copies.get(0).get().body());
    for (CompletableFuture<HttpResponse<String>> c : copies) {
      assertThat(WechatPeer.textReplyTo(user, c.get().body())).isEqualTo(first);
    }
    assertThat(turnsOf(app, user)).isEqualTo(1);
  }

  private static HttpResponse<String> send(String xml) {
    try {
      return peer.postPlain(xml);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- hardening -------------------------------------------------------------------------------------------

  @Test
  void hostileOrMalformedXmlIsRefusedWithoutA500AndStoresNothing() throws Exception {
    long[] before = storeCounts();
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<xml><ToUserName>" + ACCOUNT + "</ToUserName><FromUserName>oHostile1</FromUserName>"
        + "<CreateTime>1751790000</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
        + "<xml><FromUserName>oHostile1</FromUserName><MsgType>text</MsgType><Content>&lol3;</Content><MsgId>2</MsgId></xml>";
    String doctype = "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\"><xml><FromUserName>oHostile1</FromUserName>"
        + "<MsgType>text</MsgType><Content>hi</Content><MsgId>3</MsgId></xml>";
    List<String> bodies = List.of(xxe, laughs, doctype,
        "<xml><ToUserName>gh</ToUserName><FromUserName>oHostile1</FromUserName>",
        "not xml at all",
        "<xml><FromUserName>oHostile1</FromUserName><MsgType>text</MsgType><Content>a</Content></xml><xml/>",
        "<other><FromUserName>oHostile1</FromUserName><MsgType>text</MsgType></other>",
        "<xml><MsgType>text</MsgType><Content>no sender</Content><MsgId>4</MsgId></xml>",
        "<xml><FromUserName>oHostile1</FromUserName><Content>no type</Content><MsgId>5</MsgId></xml>",
        "<xml><FromUserName>oHostile1</FromUserName><CreateTime>yesterday</CreateTime><MsgType>event</MsgType>"
            + "<Event>subscribe</Event></xml>",
        " ");
    for (String body : bodies) {
      HttpResponse<String> r = peer.post(peer.signedQuery(now(), nonce(), "oHostile1"), body);
      assertThat(r.statusCode()).as(body).isIn(200, 400);
      if (r.statusCode() == 200) {
        assertThat(r.body()).as(body).isEqualTo("success");
      }
      assertThat(r.body()).as(body).doesNotContain("root:").doesNotContain("lol");
    }
    // The same attack inside a correctly signed safe-mode envelope: the decrypted XML is parsed just as strictly.
    HttpResponse<String> inner = peer.postSafe(xxe.replace("<MsgId>1</MsgId>", "<MsgId>6</MsgId>"));
    assertThat(inner.statusCode()).isIn(200, 400);
    assertThat(inner.body()).doesNotContain("root:");
    assertThat(storeCounts()).containsExactly(before);
  }

  @Test
  void aBodyOver64KiBIs413AndStoresNothing() throws Exception {
    long[] before = storeCounts();
    String big = text("oBig1", "民生保险".repeat(6000)); // ~72 KB of UTF-8
    assertThat(big.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(65536);
    HttpResponse<String> r = peer.postPlain(big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(storeCounts()).containsExactly(before);
    // A message just under the limit is still a message (the limit is the body, not something smaller).
    String fits = text("oBig1", "x".repeat(60_000));
    assertThat(peer.postPlain(fits).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongSignaturesAndStaleTimestampsAre403AndChangeNothing() throws Exception {
    long[] before = storeCounts();
    String id = msgId();
    String xml = text("oSig1", id, "民生保险最多赔多少");
    String ts = now();
    String n = nonce();
    // A minute past the 300 s window each way: one second over flaked when the loop below took a second to reach
    // the future timestamp, which by then was inside the window.
    String stale = String.valueOf(System.currentTimeMillis() / 1000 - 360);
    String future = String.valueOf(System.currentTimeMillis() / 1000 + 360);
    for (String query : List.of(
        "signature=" + SHA1.gen("not-the-token", ts, n) + "&timestamp=" + ts + "&nonce=" + n + "&openid=oSig1",
        "signature=" + SHA1.gen(TOKEN, ts, n) + "&timestamp=" + ts + "&nonce=" + n + "0&openid=oSig1",
        "signature=" + SHA1.gen(TOKEN, ts, n).substring(1) + "0&timestamp=" + ts + "&nonce=" + n,
        "timestamp=" + ts + "&nonce=" + n + "&openid=oSig1",
        "signature=" + SHA1.gen(TOKEN, ts, n) + "&nonce=" + n + "&openid=oSig1",
        "signature=&timestamp=" + ts + "&nonce=" + n,
        peer.signedQuery(stale, n, "oSig1"),
        peer.signedQuery(future, n, "oSig1"),
        peer.signedQuery("abc", n, "oSig1"))) {
      HttpResponse<String> r = peer.post(query, xml);
      assertThat(r.statusCode()).as(query).isEqualTo(403);
      assertThat(r.body()).doesNotContain("10万");
    }
    assertThat(storeCounts()).containsExactly(before);
    // Within the tolerance the same message is accepted, and as a new message: the refusals claimed nothing.
    String recent = String.valueOf(System.currentTimeMillis() / 1000 - 280);
    HttpResponse<String> ok = peer.post(peer.signedQuery(recent, nonce(), "oSig1"), xml);
    assertThat(WechatPeer.textReplyTo("oSig1", ok.body())).contains("10万");
    assertThat(turnsOf(app, "oSig1")).isEqualTo(1);
  }

  @Test
  void aWrongMsgSignatureInSafeModeIs403AndChangesNothing() throws Exception {
    long[] before = storeCounts();
    String xml = text("oSafeSig1", msgId(), "民生保险最多赔多少");
    WxCryptUtil.EncryptContext ctx = new WxMpCryptUtil(peer.config).encryptContext(xml);
    String body = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + ctx.getEncrypt()
        + "]]></Encrypt></xml>";
    String signed = peer.signedQuery(ctx.getTimeStamp(), ctx.getNonce(), "oSafeSig1") + "&encrypt_type=aes";
    // The envelope's ciphertext changed after signing (one block flipped) and signatures over other parts.
    String tampered = body.replace(ctx.getEncrypt(), flipFirstBlock(ctx.getEncrypt()));
    for (Map.Entry<String, String> c : List.of(
        Map.entry(signed + "&msg_signature=" + SHA1.gen("not-the-token", ctx.getTimeStamp(), ctx.getNonce(),
            ctx.getEncrypt()), body),
        Map.entry(signed + "&msg_signature=" + SHA1.gen(TOKEN, ctx.getTimeStamp(), ctx.getNonce()), body),
        Map.entry(signed, body),
        Map.entry(signed + "&msg_signature=" + ctx.getSignature(), tampered))) {
      HttpResponse<String> r = peer.post(c.getKey(), c.getValue());
      assertThat(r.statusCode()).as(c.getKey()).isEqualTo(403);
    }
    // A message sealed for another AppID, correctly signed: not for us.
    WxMpDefaultConfigImpl other = new WxMpDefaultConfigImpl();
    other.setToken(TOKEN);
    other.setAesKey(WechatPeer.AES_KEY);
    other.setAppId("wx0000000000000000");
    WxCryptUtil.EncryptContext foreign = new WxMpCryptUtil(other).encryptContext(xml);
    HttpResponse<String> r = peer.post(peer.signedQuery(foreign.getTimeStamp(), foreign.getNonce(), "oSafeSig1")
            + "&encrypt_type=aes&msg_signature=" + foreign.getSignature(),
        "<xml><ToUserName>" + ACCOUNT + "</ToUserName><Encrypt>" + foreign.getEncrypt() + "</Encrypt></xml>");
    assertThat(r.statusCode()).isIn(400, 403);
    assertThat(storeCounts()).containsExactly(before);
    // The genuine envelope still goes through afterwards.
    assertThat(decrypt(envelope(peer.post(signed + "&msg_signature=" + ctx.getSignature(), body))).getContent())
        .contains("10万");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private static String flipFirstBlock(String base64) {
    byte[] raw = java.util.Base64.getDecoder().decode(base64);
    raw[0] ^= 0x01;
    return java.util.Base64.getEncoder().encodeToString(raw);
  }

  private static long[] storeCounts() throws Exception {
    return new long[] {count(app, "wechat_seen"), count(app, "turns"), count(app, "conversations")};
  }

  /** The four fields of a safe-mode reply envelope, plus the whole body under "xml". */
  static Map<String, String> envelope(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    org.w3c.dom.Element root = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(r.body()))).getDocumentElement();
    Map<String, String> fields = new HashMap<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        fields.put(n.getNodeName(), n.getTextContent());
      }
    }
    assertThat(fields).containsOnlyKeys("Encrypt", "MsgSignature", "TimeStamp", "Nonce");
    fields.put("xml", r.body());
    return fields;
  }

  /** WxJava verifies the envelope's MsgSignature and decrypts it. */
  static WxMpXmlMessage decrypt(Map<String, String> e) {
    return WxMpXmlMessage.fromEncryptedXml(e.get("xml"), peer.config, e.get("TimeStamp"), e.get("Nonce"),
        e.get("MsgSignature"));
  }
}
