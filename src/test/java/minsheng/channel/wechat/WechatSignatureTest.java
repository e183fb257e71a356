package minsheng.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.Test;

/** The request signature, against WxJava's implementation of the same scheme. */
class WechatSignatureTest {
  static final String TOKEN = "minshengToken";
  static final String TIMESTAMP = "1751790000";
  static final String NONCE = "1320562132";

  @Test
  void aSignatureMadeByWxJavaVerifies() {
    String signature = SHA1.gen(TOKEN, TIMESTAMP, NONCE);
    assertThat(WechatSignature.verify(TOKEN, TIMESTAMP, NONCE, signature)).isTrue();
    assertThat(WechatSignature.verify(TOKEN, TIMESTAMP, NONCE, signature.toUpperCase(Locale.ROOT))).isTrue();
  }

  @Test
  void signMatchesWxJavaWhateverTheOrderOfParts() {
    assertThat(WechatSignature.sign(TOKEN, TIMESTAMP, NONCE)).isEqualTo(SHA1.gen(TOKEN, TIMESTAMP, NONCE));
    assertThat(WechatSignature.sign(NONCE, TOKEN, TIMESTAMP)).isEqualTo(SHA1.gen(TOKEN, TIMESTAMP, NONCE));
    String encrypt = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
    assertThat(WechatSignature.sign(TOKEN, TIMESTAMP, NONCE, encrypt))
        .isEqualTo(SHA1.gen(TOKEN, TIMESTAMP, NONCE, encrypt));
  }

  @Test
  void aWrongSignatureOrAnotherTokenIsRefused() {
    String signature = SHA1.gen(TOKEN, TIMESTAMP, NONCE);
    assertThat(WechatSignature.verify("otherToken", TIMESTAMP, NONCE, signature)).isFalse();
    assertThat(WechatSignature.verify(TOKEN, "1751790001", NONCE, signature)).isFalse();
    assertThat(WechatSignature.verify(TOKEN, TIMESTAMP, NONCE, signature.substring(1))).isFalse();
    assertThat(WechatSignature.verify(TOKEN, TIMESTAMP, NONCE, signature + "0")).isFalse();
    assertThat(WechatSignature.verify(TOKEN, TIMESTAMP, NONCE, "0".repeat(40))).isFalse();
  }

  @Test
  void missingPartsAreRefusedNotThrown() {
    String signature = SHA1.gen(TOKEN, TIMESTAMP, NONCE);
    for (String missing : new String[] {null, "", "  "}) {
      assertThat(WechatSignature.verify(missing, TIMESTAMP, NONCE, signature)).isFalse();
      assertThat(WechatSignature.verify(TOKEN, missing, NONCE, signature)).isFalse();
      assertThat(WechatSignature.verify(TOKEN, TIMESTAMP, missing, signature)).isFalse();
      assertThat(WechatSignature.verify(TOKEN, TIMESTAMP, NONCE, missing)).isFalse();
    }
    // An empty token must not make the signature of (timestamp, nonce) alone acceptable.
    assertThat(WechatSignature.verify("", TIMESTAMP, NONCE, WechatSignature.sign("", TIMESTAMP, NONCE))).isFalse();
  }

  @Test
  void signRefusesNullParts() {
    assertThatThrownBy(() -> WechatSignature.sign(TOKEN, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WechatSignature.sign()).isInstanceOf(IllegalArgumentException.class);
  }
}
