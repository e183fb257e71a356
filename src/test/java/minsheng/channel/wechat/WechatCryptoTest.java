package minsheng.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.junit.jupiter.api.Test;

/** Safe mode both ways against WxJava, and the malformed envelopes it must refuse. */
class WechatCryptoTest {
  static final String TOKEN = "pamtest";
  // Tencent's sample key. Its last character carries non-zero spare bits, as the platform's randomly generated
  // keys often do, so it also checks that the key is decoded as leniently as the platform does.
  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String APP_ID = "wxb11529c136998cb6";
  static final String TIMESTAMP = "1409304348";
  static final String NONCE = "xxxxxx";

  final WechatCrypto ours = new WechatCrypto(TOKEN, AES_KEY, APP_ID);
  final WxMpDefaultConfigImpl config = config(APP_ID);
  final WxMpCryptUtil wx = new WxMpCryptUtil(config);

  static WxMpDefaultConfigImpl config(String appId) {
    WxMpDefaultConfigImpl c = new WxMpDefaultConfigImpl();
    c.setToken(TOKEN);
    c.setAesKey(AES_KEY);
    c.setAppId(appId);
    return c;
  }

  static String message(String content) {
    return "<xml><ToUserName><![CDATA[gh_minsheng]]></ToUserName><FromUserName><![CDATA[oResident1]]></FromUserName>"
        + "<CreateTime>1751790000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[" + content + "]]></Content><MsgId>24000000000000001</MsgId></xml>";
  }

  @Test
  void whatWxJavaEncryptsWeVerifyAndDecrypt() {
    String xml = message("房子被水淹了，民生保险能赔吗？");
    WxCryptUtil.EncryptContext ctx = wx.encryptContext(xml);
    assertThat(ours.verifyMsgSignature(ctx.getTimeStamp(), ctx.getNonce(), ctx.getEncrypt(), ctx.getSignature()))
        .isTrue();
    assertThat(ours.decrypt(ctx.getEncrypt())).isEqualTo(xml);
  }

  @Test
  void aWholeSafeModeEnvelopeFromWxJavaIsParsedVerifiedAndDecrypted() {
    String xml = message("我要报案");
    WxCryptUtil.EncryptContext ctx = wx.encryptContext(xml);
    String body = "<xml><ToUserName><![CDATA[gh_minsheng]]></ToUserName><Encrypt><![CDATA["
        + ctx.getEncrypt() + "]]></Encrypt></xml>";
    InboundMessage envelope = WechatXml.parse(body);
    assertThat(envelope.toUserName()).isEqualTo("gh_minsheng");
    assertThat(ours.verifyMsgSignature(ctx.getTimeStamp(), ctx.getNonce(), envelope.encrypt(), ctx.getSignature()))
        .isTrue();
    InboundMessage message = WechatXml.parse(ours.decrypt(envelope.encrypt()));
    assertThat(message.content()).isEqualTo("我要报案");
    assertThat(message.fromUserName()).isEqualTo("oResident1");
  }

  @Test
  void everyPaddingLengthRoundTripsBothWays() {
    // Lengths over two 32-byte blocks cover every pad from 1 to 32, including a whole block of padding.
    for (int n = 0; n < 70; n++) {
      String xml = message("x".repeat(n));
      assertThat(ours.decrypt(wx.encrypt(WechatCrypto.nonce(), xml))).isEqualTo(xml);
      EncryptedReply reply = ours.encrypt(xml, TIMESTAMP, NONCE);
      assertThat(wx.decryptContent(reply.msgSignature(), TIMESTAMP, NONCE, reply.encrypt())).isEqualTo(xml);
      assertThat(ours.decrypt(reply.encrypt())).isEqualTo(xml);
    }
  }

  @Test
  void whatWeEncryptWxJavaVerifiesAndDecrypts() {
    String reply = ReplyXml.text("oResident1", "gh_minsheng", 1751790001L, "您好，房屋倒塌可以理赔。详情请回复“报案”。");
    String nonce = WechatCrypto.nonce();
    EncryptedReply encrypted = ours.encrypt(reply, TIMESTAMP, nonce);
    assertThat(encrypted.timestamp()).isEqualTo(TIMESTAMP);
    assertThat(encrypted.nonce()).isEqualTo(nonce);

    assertThat(wx.decryptXml(encrypted.msgSignature(), TIMESTAMP, nonce, encrypted.toXml())).isEqualTo(reply);

    WxMpXmlMessage parsed = WxMpXmlMessage.fromEncryptedXml(encrypted.toXml(), config, TIMESTAMP, nonce,
        encrypted.msgSignature());
    assertThat(parsed.getToUser()).isEqualTo("oResident1");
    assertThat(parsed.getFromUser()).isEqualTo("gh_minsheng");
    assertThat(parsed.getMsgType()).isEqualTo("text");
    assertThat(parsed.getContent()).isEqualTo("您好，房屋倒塌可以理赔。详情请回复“报案”。");
  }

  @Test
  void theReplyEnvelopeHasThePlatformShape() {
    EncryptedReply r = ours.encrypt("<xml/>", TIMESTAMP, NONCE);
    assertThat(r.toXml()).isEqualTo("<xml><Encrypt><![CDATA[" + r.encrypt() + "]]></Encrypt>"
        + "<MsgSignature><![CDATA[" + r.msgSignature() + "]]></MsgSignature>"
        + "<TimeStamp>" + TIMESTAMP + "</TimeStamp><Nonce><![CDATA[" + NONCE + "]]></Nonce></xml>");
    assertThat(r.msgSignature()).isEqualTo(WechatSignature.sign(TOKEN, TIMESTAMP, NONCE, r.encrypt()));
    assertThat(WechatXml.parse(r.toXml()).encrypt()).isEqualTo(r.encrypt());
  }

  @Test
  void eachEncryptionUsesFreshRandomBytes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      seen.add(ours.encrypt("<xml/>", TIMESTAMP, NONCE).encrypt());
    }
    assertThat(seen).hasSize(20);
  }

  @Test
  void aMessageForAnotherAppIdIsRefused() {
    String forOther = new WxMpCryptUtil(config("wx0000000000000000")).encrypt("abcdefghijklmnop", message("hi"));
    assertThatThrownBy(() -> ours.decrypt(forOther)).isExactlyInstanceOf(WechatProtocolException.class);
    // A prefix of the right AppID is still the wrong one.
    String truncated = new WxMpCryptUtil(config(APP_ID.substring(0, 10))).encrypt("abcdefghijklmnop", message("hi"));
    assertThatThrownBy(() -> ours.decrypt(truncated)).isExactlyInstanceOf(WechatProtocolException.class);
    // Without a configured AppID there is nothing to compare against.
    assertThat(new WechatCrypto(TOKEN, AES_KEY, null).decrypt(forOther)).isEqualTo(message("hi"));
  }

  @Test
  void tamperedCiphertextIsRefused() {
    String encrypt = wx.encrypt("abcdefghijklmnop", message("hi"));
    byte[] raw = Base64.getDecoder().decode(encrypt);

    // In CBC a flip in block 0 flips the same bit of plaintext block 1: the top byte of the length.
    byte[] lengthFlipped = raw.clone();
    lengthFlipped[0] ^= 0x40;
    assertThatThrownBy(() -> ours.decrypt(Base64.getEncoder().encodeToString(lengthFlipped)))
        .isExactlyInstanceOf(WechatProtocolException.class);

    byte[] lastBlockGarbled = raw.clone();
    lastBlockGarbled[raw.length - 1] ^= 0x01;
    assertThatThrownBy(() -> ours.decrypt(Base64.getEncoder().encodeToString(lastBlockGarbled)))
        .isExactlyInstanceOf(WechatProtocolException.class);

    // And the signature, checked first, already gives the tampering away.
    WxCryptUtil.EncryptContext ctx = wx.encryptContext(message("hi"));
    byte[] flipped = Base64.getDecoder().decode(ctx.getEncrypt());
    flipped[5] ^= 1;
    assertThat(ours.verifyMsgSignature(ctx.getTimeStamp(), ctx.getNonce(),
        Base64.getEncoder().encodeToString(flipped), ctx.getSignature())).isFalse();
  }

  @Test
  void badPaddingIsRefused() {
    byte[] body = layout(message("hi").getBytes(StandardCharsets.UTF_8), APP_ID);
    assertThatThrownBy(() -> ours.decrypt(encryptRaw(pad(body, 0, 0)))).isExactlyInstanceOf(WechatProtocolException.class);
    assertThatThrownBy(() -> ours.decrypt(encryptRaw(pad(body, 33, 33))))
        .isExactlyInstanceOf(WechatProtocolException.class);
    // A pad byte that disagrees with the pad length.
    int needed = 32 - body.length % 32;
    byte[] inconsistent = pad(body, needed, needed);
    if (needed > 1) {
      inconsistent[inconsistent.length - 2] ^= 1;
      assertThatThrownBy(() -> ours.decrypt(encryptRaw(inconsistent)))
          .isExactlyInstanceOf(WechatProtocolException.class);
    }
    // The well-formed version of the same plaintext decrypts, so the failures above are the padding's.
    assertThat(ours.decrypt(encryptRaw(pad(body, needed, needed)))).isEqualTo(message("hi"));
  }

  @Test
  void aMalformedLayoutIsRefused() {
    byte[] xml = message("hi").getBytes(StandardCharsets.UTF_8);
    byte[] tooLong = layout(xml, APP_ID);
    ByteBuffer.wrap(tooLong).putInt(16, tooLong.length);
    assertThatThrownBy(() -> ours.decrypt(encryptRaw(padded(tooLong)))).isExactlyInstanceOf(WechatProtocolException.class);

    byte[] negative = layout(xml, APP_ID);
    ByteBuffer.wrap(negative).putInt(16, -1);
    assertThatThrownBy(() -> ours.decrypt(encryptRaw(padded(negative)))).isExactlyInstanceOf(WechatProtocolException.class);

    byte[] empty = layout(new byte[0], APP_ID);
    assertThatThrownBy(() -> ours.decrypt(encryptRaw(padded(empty)))).isExactlyInstanceOf(WechatProtocolException.class);

    byte[] notUtf8 = layout(new byte[] {'<', (byte) 0xC3, (byte) 0x28, '>'}, APP_ID);
    assertThatThrownBy(() -> ours.decrypt(encryptRaw(padded(notUtf8)))).isExactlyInstanceOf(WechatProtocolException.class);

    byte[] tooShort = new byte[10];
    assertThatThrownBy(() -> ours.decrypt(encryptRaw(padded(tooShort)))).isExactlyInstanceOf(WechatProtocolException.class);
  }

  @Test
  void ciphertextThatIsNotBase64OrNotWholeBlocksIsRefused() {
    for (String bad : new String[] {"", "not base64!", "AAAA", Base64.getEncoder().encodeToString(new byte[33])}) {
      assertThatThrownBy(() -> ours.decrypt(bad)).isExactlyInstanceOf(WechatProtocolException.class);
    }
    assertThatThrownBy(() -> ours.decrypt(null)).isExactlyInstanceOf(WechatProtocolException.class);
  }

  @Test
  void aWrongSignatureOrMissingPartIsRefused() {
    WxCryptUtil.EncryptContext ctx = wx.encryptContext(message("hi"));
    assertThat(ours.verifyMsgSignature(ctx.getTimeStamp(), ctx.getNonce(), ctx.getEncrypt(), "0".repeat(40))).isFalse();
    assertThat(ours.verifyMsgSignature(ctx.getTimeStamp(), "other", ctx.getEncrypt(), ctx.getSignature())).isFalse();
    assertThat(new WechatCrypto("otherToken", AES_KEY, APP_ID)
        .verifyMsgSignature(ctx.getTimeStamp(), ctx.getNonce(), ctx.getEncrypt(), ctx.getSignature())).isFalse();
    assertThat(ours.verifyMsgSignature(null, ctx.getNonce(), ctx.getEncrypt(), ctx.getSignature())).isFalse();
    assertThat(ours.verifyMsgSignature(ctx.getTimeStamp(), ctx.getNonce(), "", ctx.getSignature())).isFalse();
    assertThat(ours.verifyMsgSignature(ctx.getTimeStamp(), ctx.getNonce(), ctx.getEncrypt(), null)).isFalse();
  }

  @Test
  void anInvalidKeyOrTokenIsRefusedAtConstruction() {
    for (String key : new String[] {null, "", AES_KEY.substring(1), AES_KEY + "=", AES_KEY.substring(1) + "*"}) {
      assertThatThrownBy(() -> new WechatCrypto(TOKEN, key, APP_ID)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new WechatCrypto(" ", AES_KEY, APP_ID)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encryptingNeedsAnAppId() {
    assertThatThrownBy(() -> new WechatCrypto(TOKEN, AES_KEY, "").encrypt("<xml/>", TIMESTAMP, NONCE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ours.encrypt("<xml/>", null, NONCE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noncesAreAlphanumericAndFresh() {
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String nonce = WechatCrypto.nonce();
      assertThat(nonce).matches("[A-Za-z0-9]{16}");
      nonces.add(nonce);
    }
    assertThat(nonces).hasSize(100);
  }

  /** Random prefix, big-endian length, XML, AppID; unpadded. */
  static byte[] layout(byte[] xml, String appId) {
    byte[] app = appId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(20 + xml.length + app.length);
    b.put("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).putInt(xml.length).put(xml).put(app);
    return b.array();
  }

  static byte[] padded(byte[] body) {
    int needed = 32 - body.length % 32;
    return pad(body, needed, needed);
  }

  /** Appends {@code count} bytes of value {@code value}, then zero-fills to a whole AES block if needed. */
  static byte[] pad(byte[] body, int count, int value) {
    int total = body.length + count;
    byte[] out = Arrays.copyOf(body, total + (16 - total % 16) % 16);
    Arrays.fill(out, body.length, out.length, (byte) value);
    return out;
  }

  static String encryptRaw(byte[] plain) {
    try {
      byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plain));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
