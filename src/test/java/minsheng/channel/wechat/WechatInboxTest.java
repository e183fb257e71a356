package minsheng.channel.wechat;

import static minsheng.channel.wechat.PlatformStub.eventually;
import static minsheng.channel.wechat.WechatPeer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.console.ConsoleClient;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator answers a WeChat resident from the console inbox: while the conversation is taken over the
 * webhook says "success" (no passive reply), and what the operator writes reaches the resident as a
 * customer-service message through the platform stub.
 */
class WechatInboxTest {
  static final String TOKEN = "minsheng-inbox-token";
  static final Duration DELIVERY = Duration.ofSeconds(10);

  @TempDir
  static Path data;
  static PlatformStub stub;
  static Minsheng app;
  static WechatPeer peer;
  static ConsoleClient operator;

  @BeforeAll
  static void start() throws Exception {
    stub = new PlatformStub().start();
    app = Minsheng.start(stub.service(data, TOKEN, Map.of("MINSHENG_ADMIN_PASSWORD", ConsoleClient.PASSWORD)));
    peer = new WechatPeer(TOKEN, app::url);
    operator = ConsoleClient.admin(app).newOperator("zhao");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  static boolean received(String openid, String content) {
    return stub.sentTo(openid).stream().anyMatch(s -> content.equals(s.content()));
  }

  @Test
  void anOperatorAnswersAWechatResidentThroughTheOutboundQueue() throws Exception {
    String openid = "oInboxResident01";
    String id = WechatPeer.conversationId(openid);
    assertThat(peer.ask(text(openid, "转人工"))).isEqualTo(app.core().replies().line("humanRequested"));

    JsonObject waiting = operator.json("GET", "/console/api/conversations/" + id, null);
    assertThat(waiting.getJsonObject("conversation").getString("state")).isEqualTo("waiting");
    assertThat(waiting.getJsonObject("conversation").getString("user")).startsWith("wechat-");
    assertThat(waiting.encode()).doesNotContain(openid);

    operator.json("POST", "/console/api/conversations/" + id + "/takeover", null);
    String joined = app.core().replies().line("operatorJoined");
    eventually("the resident is told a person is here", DELIVERY, () -> received(openid, joined));

    // Taken over: no passive reply, the platform gets "success", and the message is still recorded.
    peer.expectSuccess(text(openid, "我家一楼被水淹了"));
    assertThat(operator.json("GET", "/console/api/conversations/" + id, null).getJsonObject("conversation")
        .getString("lastText")).isEqualTo("我家一楼被水淹了");

    String answer = "您好,我是街道热线的工作人员,马上帮您登记。";
    operator.json("POST", "/console/api/conversations/" + id + "/reply", new JsonObject().put("text", answer).encode());
    Document queued = Reactive.first(app.store().collection("wechat_outbound")
        .find(Filters.and(Filters.eq("openId", openid), Filters.eq("origin", "operator"))))
        .await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(queued.getString("text")).isEqualTo(answer);
    eventually("the operator's reply reaches the resident", DELIVERY, () -> received(openid, answer));

    operator.json("POST", "/console/api/conversations/" + id + "/handback", null);
    String back = app.core().replies().line("assistantBack");
    eventually("the resident is told the assistant is back", DELIVERY, () -> received(openid, back));
    assertThat(peer.ask(text(openid, "低保怎么申请"))).isNotBlank();
  }
}
