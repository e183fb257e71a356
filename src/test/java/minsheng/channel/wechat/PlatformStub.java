package minsheng.channel.wechat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The official-account platform's HTTP API as a scriptable stub: {@code GET /cgi-bin/token} hands out T1, T2, …
 * and counts the calls; {@code POST /cgi-bin/message/custom/send} records each body with the access_token it
 * carried and answers what the script says for that recipient (errcode 0 unless told otherwise, possibly slowly).
 * It can be stopped and started again on the same port, to play a platform that is down.
 */
final class PlatformStub implements AutoCloseable {
  /** What one send to a recipient gets: an errcode after a delay. */
  record Action(int errcode, long delayMs) {
    static Action errcode(int errcode) {
      return new Action(errcode, 0);
    }

    static Action slow(long delayMs) {
      return new Action(0, delayMs);
    }
  }

  /** A customer-service message the stub received, with the token it carried and what the stub answered. */
  record Sent(JsonObject body, String accessToken, int errcode) {
    String touser() {
      return body.getString("touser");
    }

    String content() {
      JsonObject text = body.getJsonObject("text");
      return text == null ? null : text.getString("content");
    }
  }

  final Vertx vertx = Vertx.vertx();
  final int port;
  final AtomicInteger tokenCalls = new AtomicInteger();
  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final List<Map<String, String>> tokenQueries = new CopyOnWriteArrayList<>();
  final Map<String, Deque<Action>> script = new ConcurrentHashMap<>();
  volatile long tokenDelayMs;
  /** When set, the token endpoint refuses with this errcode (and no token). */
  volatile int tokenErrcode;
  volatile long expiresIn = 7200;
  private HttpServer server;

  PlatformStub() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** A service answering WeChat pushes signed with {@code token} and sending through this stub, plus {@code more}. */
  minsheng.config.Config service(java.nio.file.Path dataDir, String token, Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("MINSHENG_WECHAT_TOKEN", token);
    env.put("MINSHENG_WECHAT_APP_ID", WechatPeer.APP_ID);
    env.put("MINSHENG_WECHAT_APP_SECRET", "app-secret");
    env.put("MINSHENG_WECHAT_API_BASE", base());
    return minsheng.TestConfigs.service(dataDir, env);
  }

  /** Starts listening (again). */
  PlatformStub start() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(port, "127.0.0.1").await(5, TimeUnit.SECONDS);
    return this;
  }

  /** Stops listening: connections are refused, as when the platform is down. */
  void stop() throws Exception {
    if (server != null) {
      server.close().await(5, TimeUnit.SECONDS);
      server = null;
    }
  }

  void script(String touser, Action... actions) {
    script.computeIfAbsent(touser, u -> new ArrayDeque<>()).addAll(List.of(actions));
  }

  List<Sent> sentTo(String touser) {
    return sent.stream().filter(s -> touser.equals(s.touser())).toList();
  }

  private void handle(HttpServerRequest req) {
    if (req.path().equals("/cgi-bin/token") && req.method().name().equals("GET")) {
      int n = tokenCalls.incrementAndGet();
      Map<String, String> q = new java.util.HashMap<>();
      req.params().forEach(e -> q.put(e.getKey(), e.getValue()));
      tokenQueries.add(q);
      JsonObject body = tokenErrcode != 0
          ? new JsonObject().put("errcode", tokenErrcode).put("errmsg", "refused by the stub")
          : new JsonObject().put("access_token", "T" + n).put("expires_in", expiresIn);
      later(tokenDelayMs, () -> req.response().putHeader("Content-Type", "application/json").end(body.encode()));
    } else if (req.path().equals("/cgi-bin/message/custom/send") && req.method().name().equals("POST")) {
      req.body().onSuccess(buf -> {
        JsonObject body = buf.toJsonObject();
        Deque<Action> actions = script.get(body.getString("touser"));
        Action action = actions == null ? null : actions.pollFirst();
        int errcode = action == null ? 0 : action.errcode();
        sent.add(new Sent(body, req.getParam("access_token"), errcode));
        later(action == null ? 0 : action.delayMs(), () -> req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("errcode", errcode).put("errmsg", errcode == 0 ? "ok" : "stub " + errcode)
                .encode()));
      });
    } else {
      req.response().setStatusCode(404).end();
    }
  }

  private void later(long ms, Runnable r) {
    if (ms <= 0) {
      r.run();
    } else {
      vertx.setTimer(ms, t -> r.run());
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** Polls until the condition holds; fails with {@code what} after {@code within}. */
  static void eventually(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      Thread.sleep(50);
    }
  }
}
