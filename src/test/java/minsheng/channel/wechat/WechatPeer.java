package minsheng.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import minsheng.app.Minsheng;
import minsheng.store.Reactive;
import org.bson.Document;

/**
 * The official-account platform as the tests play it: WxJava signs and encrypts the pushes and reads our replies,
 * so that our side is checked against an independent implementation of the protocol, not against itself.
 */
final class WechatPeer {
  static final String ACCOUNT = "gh_minsheng";
  // Tencent's sample EncodingAESKey and an AppID of the same shape.
  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String APP_ID = "wxb11529c136998cb6";
  private static final AtomicLong MSG_IDS = new AtomicLong(24_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String token;
  final Supplier<String> url;
  final WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();

  WechatPeer(String token, Supplier<String> url) {
    this.token = token;
    this.url = url;
    config.setToken(token);
    config.setAesKey(AES_KEY);
    config.setAppId(APP_ID);
  }

  // ---- requests ---------------------------------------------------------------------------------------------

  static String now() {
    return String.valueOf(System.currentTimeMillis() / 1000);
  }

  static String nonce() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The plain-mode query the platform signs: signature over (token, timestamp, nonce). */
  String signedQuery(String timestamp, String nonce, String openid) {
    return "signature=" + SHA1.gen(token, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce
        + "&openid=" + enc(openid);
  }

  HttpResponse<String> get(String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url.get() + "wechat?" + query))
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String query, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url.get() + "wechat?" + query))
            .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** A plaintext push, freshly signed (a new timestamp and nonce each call, as the platform's retries have). */
  HttpResponse<String> postPlain(String xml) throws Exception {
    return post(signedQuery(now(), nonce(), sender(xml)), xml);
  }

  /** The FromUserName of a push, read without an XML parser (some test bodies are hostile on purpose). */
  static String sender(String xml) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<FromUserName>(?:<!\\[CDATA\\[)?([^<\\]]*)").matcher(xml);
    return m.find() ? m.group(1) : "unknown";
  }

  /** A plaintext push whose reply must be a passive text reply to {@code openid}; its Content. */
  String ask(String xml) throws Exception {
    HttpResponse<String> r = postPlain(xml);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return textReplyTo(WxMpXmlMessage.fromXml(xml).getFromUser(), r.body());
  }

  /** A plaintext push that must be answered with the body "success". */
  void expectSuccess(String xml) throws Exception {
    HttpResponse<String> r = postPlain(xml);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("success");
  }

  /** A safe-mode push: WxJava encrypts and signs the message; the envelope carries only ToUserName and Encrypt. */
  HttpResponse<String> postSafe(String xml) throws Exception {
    WxCryptUtil.EncryptContext ctx = new WxMpCryptUtil(config).encryptContext(xml);
    String openid = sender(xml);
    String body = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA["
        + ctx.getEncrypt() + "]]></Encrypt></xml>";
    return post(signedQuery(ctx.getTimeStamp(), ctx.getNonce(), openid) + "&encrypt_type=aes&msg_signature="
        + ctx.getSignature(), body);
  }

  // ---- replies ----------------------------------------------------------------------------------------------

  /** Checks a plaintext passive reply with WxJava's parser; its Content. */
  static String textReplyTo(String openid, String body) {
    WxMpXmlMessage reply = WxMpXmlMessage.fromXml(body);
    assertThat(reply.getMsgType()).as(body).isEqualTo("text");
    assertThat(reply.getToUser()).isEqualTo(openid);
    assertThat(reply.getFromUser()).isEqualTo(ACCOUNT);
    assertThat(reply.getCreateTime()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    assertThat(reply.getContent()).isNotBlank();
    return reply.getContent();
  }

  // ---- messages as the platform pushes them --------------------------------------------------------------

  static String msgId() {
    return String.valueOf(MSG_IDS.incrementAndGet());
  }

  private static String head(String openid, long createTime, String type) {
    return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openid
        + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[" + type + "]]></MsgType>";
  }

  private static long created() {
    return System.currentTimeMillis() / 1000;
  }

  static String text(String openid, String msgId, String content) {
    return head(openid, created(), "text") + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId
        + "</MsgId></xml>";
  }

  static String text(String openid, String content) {
    return text(openid, msgId(), content);
  }

  static String voice(String openid, String recognition) {
    return head(openid, created(), "voice") + "<MediaId><![CDATA[media_v1]]></MediaId><Format><![CDATA[amr]]></Format>"
        + (recognition == null ? "" : "<Recognition><![CDATA[" + recognition + "]]></Recognition>")
        + "<MsgId>" + msgId() + "</MsgId></xml>";
  }

  static String image(String openid) {
    return head(openid, created(), "image") + "<PicUrl><![CDATA[http://mmbiz.qpic.cn/flood.jpg]]></PicUrl>"
        + "<MediaId><![CDATA[media_img_1]]></MediaId><MsgId>" + msgId() + "</MsgId></xml>";
  }

  static String location(String openid) {
    return head(openid, created(), "location") + "<Location_X>30.5539</Location_X><Location_Y>114.3162</Location_Y>"
        + "<Scale>15</Scale><Label><![CDATA[武汉市武昌区水果湖街]]></Label><MsgId>" + msgId() + "</MsgId></xml>";
  }

  static String video(String openid) {
    return head(openid, created(), "video") + "<MediaId><![CDATA[media_vid]]></MediaId>"
        + "<ThumbMediaId><![CDATA[thumb]]></ThumbMediaId><MsgId>" + msgId() + "</MsgId></xml>";
  }

  static String link(String openid) {
    return head(openid, created(), "link") + "<Title><![CDATA[暴雨预警]]></Title><Description><![CDATA[d]]></Description>"
        + "<Url><![CDATA[https://example.org/a]]></Url><MsgId>" + msgId() + "</MsgId></xml>";
  }

  static String ofType(String openid, String type) {
    return head(openid, created(), type) + "<MsgId>" + msgId() + "</MsgId></xml>";
  }

  static String event(String openid, long createTime, String event, String eventKey) {
    return head(openid, createTime, "event") + "<Event><![CDATA[" + event + "]]></Event>"
        + (eventKey == null ? "" : "<EventKey><![CDATA[" + eventKey + "]]></EventKey>") + "</xml>";
  }

  static String event(String openid, String event, String eventKey) {
    return event(openid, created(), event, eventKey);
  }

  static String locationEvent(String openid) {
    return head(openid, created(), "event") + "<Event><![CDATA[LOCATION]]></Event><Latitude>30.5539</Latitude>"
        + "<Longitude>114.3162</Longitude><Precision>65.0</Precision></xml>";
  }

  // ---- the store --------------------------------------------------------------------------------------------

  static long count(Minsheng app, String collection) throws Exception {
    return Reactive.one(app.store().collection(collection).countDocuments()).await(5, TimeUnit.SECONDS);
  }

  static long turnsOf(Minsheng app, String openid) throws Exception {
    return Reactive.one(app.store().collection("turns").countDocuments(Filters.eq("user", openid)))
        .await(5, TimeUnit.SECONDS);
  }

  /** "wechat-" + the first 12 bytes, in hex, of SHA-256("wechat\n" + openid): how the store names it. */
  static String conversationId(String openid) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(("wechat\n" + openid).getBytes(StandardCharsets.UTF_8));
      return "wechat-" + java.util.HexFormat.of().formatHex(d, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The resident's WeChat conversation, found by its derived id (and checked against the user field). */
  static Document conversation(Minsheng app, String openid) throws Exception {
    String id = conversationId(openid);
    Document d = Reactive.first(app.store().collection("conversations").find(Filters.eq("_id", id)))
        .await(5, TimeUnit.SECONDS).orElse(null);
    assertThat(d).as("conversation of " + openid).isNotNull();
    assertThat(d.getString("user")).isEqualTo(openid);
    return d;
  }
}
