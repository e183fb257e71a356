package minsheng.channel.wechat;

import static minsheng.channel.wechat.PlatformStub.eventually;
import static minsheng.channel.wechat.WechatPeer.msgId;
import static minsheng.channel.wechat.WechatPeer.text;
import static minsheng.channel.wechat.WechatPeer.turnsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.channel.wechat.PlatformStub.Action;
import minsheng.channel.wechat.PlatformStub.Sent;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 5-second rule and the outbound path, end to end: a reply that misses the deadline (set to its minimum,
 * 100 ms, with an artificial delay for chosen senders) is answered "success" at once and goes out later as a
 * customer-service message through a stub of the platform API, queued in MongoDB and retried until delivered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WechatOutboundTest {
  static final String TOKEN = "minsheng-outbound-token";
  static final Duration DELIVERY = Duration.ofSeconds(10);

  @TempDir
  static Path data;
  static PlatformStub stub;
  static Minsheng app;
  /** Senders whose answer is computed only after this many milliseconds (the late path of the 5-second rule). */
  static final Map<String, Long> SLOW = new java.util.concurrent.ConcurrentHashMap<>();
  static WechatPeer peer;

  @BeforeAll
  static void start() throws Exception {
    stub = new PlatformStub().start();
    app = Minsheng.start(stub.service(data, TOKEN, Map.of("MINSHENG_WECHAT_REPLY_DEADLINE_MS", "100")),
        new Minsheng.Tuning(user -> SLOW.getOrDefault(user, 0L)));
    peer = new WechatPeer(TOKEN, app::url);
  }

  @AfterAll
  static void stop() throws Exception {
    SLOW.keySet().removeIf(u -> u.startsWith("oLate"));
    if (app != null) {
      app.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  /** A message from a sender whose answer is slowed by {@code delayMs}: the webhook must say "success" at once. */
  static long sendLate(String user, String xml, long delayMs) throws Exception {
    SLOW.put(user, delayMs);
    long start = System.nanoTime();
    HttpResponse<String> r = peer.postPlain(xml);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("success");
    return elapsedMs;
  }

  static Optional<Document> outbound(String user) throws Exception {
    return Reactive.first(app.store().collection("wechat_outbound").find(Filters.eq("openId", user)))
        .await(5, TimeUnit.SECONDS);
  }

  static String state(String user) throws Exception {
    return outbound(user).map(d -> d.getString("state")).orElse(null);
  }

  static boolean stateIs(String user, String state) {
    try {
      return state.equals(state(user));
    } catch (Exception e) {
      return false;
    }
  }

  static void assertCustomText(Sent s, String user) {
    assertThat(s.body().getString("touser")).isEqualTo(user);
    assertThat(s.body().getString("msgtype")).isEqualTo("text");
    assertThat(s.content()).contains("10万");
    assertThat(s.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
  }

  @Test
  @Order(1)
  void aLateReplyIsSuccessNowAndACustomerServiceMessageLaterWithOneCachedToken() throws Exception {
    List<String> users = List.of("oLate1", "oLate2", "oLate3");
    String firstXml = null;
    for (String user : users) {
      String xml = text(user, msgId(), "民生保险最多赔多少");
      firstXml = firstXml == null ? xml : firstXml;
      // The answer takes 1.5 s here; the webhook must not wait for it.
      assertThat(sendLate(user, xml, 1500)).isLessThan(1200);
    }
    assertThat(stub.sent).isEmpty();
    eventually("three customer-service messages", DELIVERY, () -> stub.sent.size() >= 3);
    for (String user : users) {
      List<Sent> to = stub.sentTo(user);
      assertThat(to).hasSize(1);
      assertCustomText(to.get(0), user);
      assertThat(to.get(0).accessToken()).isEqualTo("T1");
      eventually("marked sent", DELIVERY, () -> stateIs(user, OutboundQueue.SENT));
      assertThat(outbound(user).orElseThrow().getString("origin")).isEqualTo("late-reply");
      assertThat(turnsOf(app, user)).isEqualTo(1);
    }
    assertThat(stub.tokenCalls).hasValue(1);
    assertThat(stub.tokenQueries.get(0)).containsEntry("appid", WechatPeer.APP_ID).containsEntry("secret", "app-secret");

    // The platform's retry of a message answered late: "success" again, no second message, no second turn.
    Document seen = Reactive.first(app.store().collection("wechat_seen")
        .find(Filters.eq("_id", msgIdOf(firstXml))))
        .await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(seen.getString("state")).isEqualTo("done");
    assertThat(seen.getString("reply")).isEqualTo("success");
    SLOW.remove("oLate1");
    peer.expectSuccess(firstXml);
    Thread.sleep(300);
    assertThat(stub.sentTo("oLate1")).hasSize(1);
    assertThat(turnsOf(app, "oLate1")).isEqualTo(1);
  }

  @Test
  @Order(2)
  void aRetryDuringTheLateAnswerIsAlsoSuccessAndOnlyOneMessageGoesOut() throws Exception {
    String user = "oLate10";
    String xml = text(user, msgId(), "民生保险最多赔多少");
    sendLate(user, xml, 1000);
    peer.expectSuccess(xml); // arrives while the answer is still being computed
    eventually("delivered", DELIVERY, () -> stateIs(user, OutboundQueue.SENT));
    Thread.sleep(300);
    assertThat(stub.sentTo(user)).hasSize(1);
    assertThat(turnsOf(app, user)).isEqualTo(1);
  }

  @Test
  @Order(3)
  void errcode40001RefreshesTheTokenOnceAndTheResendSucceeds() throws Exception {
    String user = "oLate4";
    int tokensBefore = stub.tokenCalls.get();
    stub.script(user, Action.errcode(40001));
    sendLate(user, text(user, "民生保险最多赔多少"), 200);
    eventually("delivered", DELIVERY, () -> stateIs(user, OutboundQueue.SENT));
    List<Sent> to = stub.sentTo(user);
    assertThat(to).hasSize(2);
    assertThat(to.get(0).errcode()).isEqualTo(40001);
    assertThat(to.get(1).errcode()).isZero();
    assertThat(to.get(1).accessToken()).isNotEqualTo(to.get(0).accessToken()).isEqualTo("T" + (tokensBefore + 1));
    assertCustomText(to.get(1), user);
    assertThat(stub.tokenCalls).hasValue(tokensBefore + 1);
  }

  @Test
  @Order(4)
  void outsideThe48HourWindowTheMessageIsKeptAsACallBackTask() throws Exception {
    String user = "oLate5";
    stub.script(user, Action.errcode(PlatformApi.OUT_OF_WINDOW));
    sendLate(user, text(user, "民生保险最多赔多少"), 200);
    eventually("call_back", DELIVERY, () -> stateIs(user, OutboundQueue.CALL_BACK));
    Document doc = outbound(user).orElseThrow();
    assertThat(doc.getString("text")).contains("10万");
    assertThat(doc.getString("lastError")).contains("45015");
    assertThat(doc.getInteger("attempts")).isEqualTo(1);
    Thread.sleep(1500); // longer than the first backoff: it is not retried
    assertThat(stub.sentTo(user)).hasSize(1);
    assertThat(state(user)).isEqualTo(OutboundQueue.CALL_BACK);
  }

  @Test
  @Order(5)
  void aSlowPlatformDelaysDeliveryButNotTheWebhook() throws Exception {
    stub.script("oLate6", Action.slow(2000));
    sendLate("oLate6", text("oLate6", "民生保险最多赔多少"), 100);
    eventually("the slow send started", DELIVERY, () -> !stub.sentTo("oLate6").isEmpty());
    // While the platform sits on the first send, residents are still answered at once.
    assertThat(sendLate("oLate7", text("oLate7", "民生保险最多赔多少"), 100)).isLessThan(1000);
    eventually("both delivered", DELIVERY,
        () -> stateIs("oLate6", OutboundQueue.SENT) && stateIs("oLate7", OutboundQueue.SENT));
    assertThat(stub.sentTo("oLate6")).hasSize(1);
    assertThat(stub.sentTo("oLate7")).hasSize(1);
    assertCustomText(stub.sentTo("oLate7").get(0), "oLate7");
  }

  @Test
  @Order(6)
  void whileThePlatformIsDownMessagesWaitAndTheQueueDrainsWhenItIsBack() throws Exception {
    stub.stop();
    try {
      sendLate("oLate8", text("oLate8", "民生保险最多赔多少"), 100);
      sendLate("oLate9", text("oLate9", "民生保险最多赔多少"), 100);
      eventually("retried with backoff", DELIVERY, () -> {
        try {
          Document d = outbound("oLate8").orElse(null);
          return d != null && d.getInteger("attempts", 0) >= 2;
        } catch (Exception e) {
          return false;
        }
      });
      for (String user : List.of("oLate8", "oLate9")) {
        Document d = outbound(user).orElseThrow();
        assertThat(d.getString("state")).isEqualTo(OutboundQueue.PENDING);
        assertThat(d.getString("text")).contains("10万");
      }
      assertThat(outbound("oLate8").orElseThrow().getString("lastError")).isNotBlank();
      assertThat(stub.sentTo("oLate8")).isEmpty();
    } finally {
      stub.start();
    }
    eventually("the queue drained", DELIVERY,
        () -> stateIs("oLate8", OutboundQueue.SENT) && stateIs("oLate9", OutboundQueue.SENT));
    for (String user : List.of("oLate8", "oLate9")) {
      assertThat(stub.sentTo(user)).hasSize(1);
      assertCustomText(stub.sentTo(user).get(0), user);
    }
  }

  private static String msgIdOf(String xml) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<MsgId>(\\d+)</MsgId>").matcher(xml);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
