package minsheng.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import minsheng.channel.wechat.PlatformStub.Action;
import minsheng.channel.wechat.PlatformStub.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Access tokens and customer-service messages against the platform stub: caching, no stampede, refresh on 40001. */
class PlatformApiTest {
  PlatformStub stub;
  WebClient client;
  PlatformApi api;

  @BeforeEach
  void start() throws Exception {
    stub = new PlatformStub().start();
    client = WebClient.create(stub.vertx);
    api = new PlatformApi(client, URI.create(stub.base()), "wxAPP", "s3cret");
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    stub.close();
  }

  static JsonObject text(String to, String content) {
    return new JsonObject().put("touser", to).put("msgtype", "text").put("text", new JsonObject().put("content", content));
  }

  PlatformApi.Result send(String to) throws Exception {
    return api.sendCustomMessage(text(to, "您好")).await(15, TimeUnit.SECONDS);
  }

  @Test
  void theTokenIsFetchedOnceWithTheAccountsCredentialsAndCached() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(send("o" + i).ok()).isTrue();
    }
    assertThat(stub.tokenCalls).hasValue(1);
    assertThat(stub.tokenQueries.get(0)).containsEntry("grant_type", "client_credential")
        .containsEntry("appid", "wxAPP").containsEntry("secret", "s3cret");
    assertThat(stub.sent).hasSize(5).allSatisfy(s -> assertThat(s.accessToken()).isEqualTo("T1"));
    assertThat(stub.sent.get(0).body()).isEqualTo(text("o0", "您好"));
  }

  @Test
  void concurrentSendsShareOneTokenRefresh() throws Exception {
    stub.tokenDelayMs = 300; // a slow token endpoint widens the window in which a stampede would happen
    int n = 24;
    List<Future<PlatformApi.Result>> results = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String to = "c" + i;
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        Future<PlatformApi.Result> f = api.sendCustomMessage(text(to, "x"));
        synchronized (results) {
          results.add(f);
        }
      });
      t.start();
      threads.add(t);
    }
    // Half of them from the event loop, as the outbound queue and the webhook call it.
    for (int i = 0; i < n; i++) {
      String to = "e" + i;
      stub.vertx.runOnContext(v -> {
        Future<PlatformApi.Result> f = api.sendCustomMessage(text(to, "x"));
        synchronized (results) {
          results.add(f);
        }
      });
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    PlatformStub.eventually("all sends issued", java.time.Duration.ofSeconds(5), () -> {
      synchronized (results) {
        return results.size() == 2 * n;
      }
    });
    for (Future<PlatformApi.Result> f : List.copyOf(results)) {
      assertThat(f.await(15, TimeUnit.SECONDS).ok()).isTrue();
    }
    assertThat(stub.tokenCalls).hasValue(1);
    assertThat(stub.sent).hasSize(2 * n).allSatisfy(s -> assertThat(s.accessToken()).isEqualTo("T1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {40001, 40014, 42001})
  void aRejectedTokenIsRefreshedOnceAndTheMessageResent(int errcode) throws Exception {
    assertThat(send("warm").ok()).isTrue();
    stub.script("o1", Action.errcode(errcode));
    assertThat(send("o1").ok()).isTrue();
    assertThat(stub.tokenCalls).hasValue(2);
    assertThat(stub.sentTo("o1")).extracting(Sent::accessToken, Sent::errcode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", errcode), org.assertj.core.groups.Tuple.tuple("T2", 0));
    // The new token is the cached one from now on.
    assertThat(send("o2").ok()).isTrue();
    assertThat(stub.sentTo("o2").get(0).accessToken()).isEqualTo("T2");
    assertThat(stub.tokenCalls).hasValue(2);
  }

  @Test
  void aTokenRejectedTwiceIsNotRefreshedInALoop() throws Exception {
    stub.script("o1", Action.errcode(40001), Action.errcode(40001));
    PlatformApi.Result r = send("o1");
    assertThat(r.ok()).isFalse();
    assertThat(r.errcode()).isEqualTo(40001);
    assertThat(stub.tokenCalls).hasValue(2);
    assertThat(stub.sentTo("o1")).hasSize(2);
  }

  @Test
  void otherErrorsAreReportedWithoutTouchingTheToken() throws Exception {
    stub.script("o1", Action.errcode(PlatformApi.OUT_OF_WINDOW));
    PlatformApi.Result r = send("o1");
    assertThat(r.errcode()).isEqualTo(45015);
    assertThat(stub.sentTo("o1")).hasSize(1);
    assertThat(send("o2").ok()).isTrue();
    assertThat(stub.tokenCalls).hasValue(1);
  }

  @Test
  void aRefusedTokenFailsTheSendAndIsNotCached() throws Exception {
    stub.tokenErrcode = 40013;
    assertThatThrownBy(() -> send("o1")).hasMessageContaining("token");
    assertThat(stub.sent).isEmpty();
    stub.tokenErrcode = 0;
    assertThat(send("o1").ok()).isTrue();
    assertThat(stub.tokenCalls).hasValue(2);
  }

  @Test
  void aTokenIsRefreshedBeforeItExpires() throws Exception {
    stub.expiresIn = 2; // cached for at most half its life here
    assertThat(send("o1").ok()).isTrue();
    assertThat(send("o2").ok()).isTrue();
    assertThat(stub.tokenCalls).hasValue(1);
    Thread.sleep(1100);
    assertThat(send("o3").ok()).isTrue();
    assertThat(stub.tokenCalls).hasValue(2);
    assertThat(stub.sentTo("o3").get(0).accessToken()).isEqualTo("T2");
  }

  @Test
  void aPlatformThatIsDownFailsTheSend() throws Exception {
    stub.stop();
    assertThatThrownBy(() -> send("o1")).isNotNull();
    stub.start();
    assertThat(send("o1").ok()).isTrue();
  }
}
