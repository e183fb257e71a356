package minsheng.channel.wechat;

import static minsheng.channel.wechat.WechatPeer.count;
import static minsheng.channel.wechat.WechatPeer.msgId;
import static minsheng.channel.wechat.WechatPeer.text;
import static minsheng.channel.wechat.WechatPeer.turnsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service without an EncodingAESKey and with a per-resident limit of 3 messages a minute: safe mode refused,
 * the polite rate-limit line, and a restart between a message and the platform's retry of it.
 */
class WechatLimitsAndRestartTest {
  static final String TOKEN = "minsheng-limits-token";

  @TempDir
  static Path data;
  static Minsheng app;
  static WechatPeer peer;

  static Minsheng startService() throws Exception {
    return Minsheng.start(TestConfigs.service(data, Map.of(
        "MINSHENG_WECHAT_TOKEN", TOKEN,
        "MINSHENG_WECHAT_APP_ID", WechatPeer.APP_ID,
        "MINSHENG_WECHAT_RATE_LIMIT_PER_MINUTE", "3")));
  }

  @BeforeAll
  static void start() throws Exception {
    app = startService();
    peer = new WechatPeer(TOKEN, () -> app.url());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void safeModeIsRefusedWhenNoAesKeyIsConfigured() throws Exception {
    long seen = count(app, "wechat_seen");
    HttpResponse<String> r = peer.postSafe(text("oNoAes1", "民生保险最多赔多少"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(count(app, "wechat_seen")).isEqualTo(seen);
    assertThat(turnsOf(app, "oNoAes1")).isZero();
    // Plaintext still works on this service.
    assertThat(peer.ask(text("oNoAes1", "民生保险最多赔多少"))).contains("10万");
  }

  @Test
  void theFourthMessageInAMinuteGetsThePoliteLineAndOtherResidentsAreUnaffected() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(peer.ask(text("oRate1", "民生保险最多赔多少"))).as("message " + (i + 1)).contains("10万");
    }
    String fourth = peer.ask(text("oRate1", "民生保险最多赔多少"));
    assertThat(fourth).contains("稍等").doesNotContain("10万");
    assertThat(turnsOf(app, "oRate1")).isEqualTo(3);
    assertThat(peer.ask(text("oRate2", "民生保险最多赔多少"))).contains("10万").doesNotContain("稍等");
    // Events count too: a flood of clicks is a flood.
    assertThat(peer.ask(WechatPeer.event("oRate1", "CLICK", "MS_INSURANCE"))).contains("稍等");
  }

  @Test
  void retriesOfOneMessageAreNotCountedAsMoreMessages() throws Exception {
    // The platform retries a message it got no timely answer to; a retry is the same message, answered the
    // same way, and must not use up the resident's allowance (nor be answered with the rate-limit line).
    String first = text("oRate3", msgId(), "民生保险最多赔多少");
    String reply = peer.ask(first);
    assertThat(peer.ask(first)).isEqualTo(reply);
    assertThat(peer.ask(first)).isEqualTo(reply);
    assertThat(peer.ask(first)).isEqualTo(reply);
    assertThat(peer.ask(text("oRate3", "低保怎么申请"))).doesNotContain("稍等");
    assertThat(peer.ask(text("oRate3", "网格员是做什么的"))).doesNotContain("稍等");
    assertThat(peer.ask(text("oRate3", "你好"))).contains("稍等");
    // Even over the limit, a retry of an answered message is still answered the way it was the first time.
    assertThat(peer.ask(first)).isEqualTo(reply);
    assertThat(turnsOf(app, "oRate3")).isEqualTo(3);
  }

  @Test
  void aRetryAfterARestartIsAnsweredTheSameAndNotProcessedAgain() throws Exception {
    String xml = text("oRestart1", msgId(), "民生保险最多赔多少");
    String before = peer.ask(xml);
    assertThat(before).contains("10万");
    assertThat(turnsOf(app, "oRestart1")).isEqualTo(1);

    app.close();
    app = startService();

    assertThat(peer.ask(xml)).isEqualTo(before);
    assertThat(turnsOf(app, "oRestart1")).isEqualTo(1);
    assertThat(peer.ask(text("oRestart1", "民生保险最多赔多少"))).contains("10万");
    assertThat(turnsOf(app, "oRestart1")).isEqualTo(2);
  }
}
