package minsheng.insurer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An insurer for tests: a Vert.x HTTP server whose answer to each request is scripted, which checks every
 * signature and body digest and records, per {@code Idempotency-Key}, the bodies it was sent, how many requests
 * for that key were in flight at once, and which keys it accepted. Like a real insurer it holds one body per key
 * (the first it got, or one given with {@link #hold}), and a scripted 409 echoes that body's digest.
 */
public final class StubInsurer implements AutoCloseable {
  /** What the stub does with one request. */
  public sealed interface Answer permits Status, Conflict, Hang, Drop {
  }

  /** Answers 409 echoing {@code digest} in the {@code bodyDigest} JSON field (null: no digest at all). */
  public record Conflict(String digest) implements Answer {
  }

  /** Answers {@code status} with {@code body}, after {@code delayMs}. */
  public record Status(int status, String body, long delayMs) implements Answer {
  }

  /** Never answers (the client's request timeout ends it). */
  record Hang() implements Answer {
  }

  /** Closes the connection without an answer. */
  record Drop() implements Answer {
  }

  public static Answer ok(String insurerRef) {
    return new Status(200, new JsonObject().put("insurerRef", insurerRef).encode(), 0);
  }

  public static Answer status(int status) {
    return new Status(status, "{\"error\":\"stub " + status + "\"}", 0);
  }

  private final String secret;
  private final HttpServer server;
  /** Chooses the answer from the key and the number of requests seen for it so far (0 for the first). */
  public volatile BiFunction<String, Integer, Answer> script = (key, n) -> n == 0 ? ok("INS-" + key) : status(409);

  public final Map<String, String> held = new ConcurrentHashMap<>();
  public final List<String> badDigests = new CopyOnWriteArrayList<>();

  public final Map<String, Set<String>> bodies = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> requestsPerKey = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> acceptedPerKey = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  final AtomicInteger maxInFlightPerKey = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  public final List<String> badSignatures = new CopyOnWriteArrayList<>();
  final List<String> badHeaders = new CopyOnWriteArrayList<>();

  public StubInsurer(Vertx vertx, String secret) throws Exception {
    this.secret = secret;
    this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/claims");
  }

  int accepted() {
    return acceptedPerKey.size();
  }

  private void handle(HttpServerRequest req) {
    String key = req.getHeader("Idempotency-Key");
    if (key == null) {
      badHeaders.add("no Idempotency-Key");
      req.response().setStatusCode(422).end();
      return;
    }
    AtomicInteger flying = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
    maxInFlightPerKey.accumulateAndGet(flying.incrementAndGet(), Math::max);
    int n = requestsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
    requests.incrementAndGet();
    boolean[] finished = {false};
    Runnable done = () -> {
      if (!finished[0]) {
        finished[0] = true;
        flying.decrementAndGet();
      }
    };
    req.connection().closeHandler(v -> done.run());
    req.body().onSuccess(body -> {
      check(req, key, body);
      Answer answer = script.apply(key, n);
      if (answer instanceof Conflict c) {
        acceptedPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        done.run();
        req.response().setStatusCode(409).putHeader("Content-Type", "application/json")
            .end(c.digest() == null ? "{}" : new JsonObject().put("bodyDigest", c.digest()).encode());
      } else if (answer instanceof Drop) {
        done.run();
        req.connection().close();
      } else if (answer instanceof Status s) {
        Runnable respond = () -> {
          if (s.status() >= 200 && s.status() < 300 || s.status() == 409) {
            acceptedPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          }
          done.run();
          if (s.status() == 409) {
            req.response().putHeader("X-Minsheng-Body-Digest", digest(held.get(key)));
          }
          req.response().setStatusCode(s.status()).putHeader("Content-Type", "application/json").end(s.body());
        };
        if (s.delayMs() > 0) {
          req.response().closeHandler(v -> done.run());
          Vertx.currentContext().owner().setTimer(s.delayMs(), t -> respond.run());
        } else {
          respond.run();
        }
      }
      // Hang: nothing; the client gives up and closes the connection
    });
  }

  private void check(HttpServerRequest req, String key, Buffer body) {
    String text = body.toString(StandardCharsets.UTF_8);
    bodies.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(text);
    held.putIfAbsent(key, text);
    if (!digest(text).equals(req.getHeader("X-Minsheng-Body-Digest"))) {
      badDigests.add(key + " " + req.getHeader("X-Minsheng-Body-Digest"));
    }
    if (!"application/json".equals(req.getHeader("Content-Type"))) {
      badHeaders.add(key + " content type " + req.getHeader("Content-Type"));
    }
    String timestamp = req.getHeader("X-Minsheng-Timestamp");
    String signature = req.getHeader("X-Minsheng-Signature");
    if (timestamp == null || Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000) > 300) {
      badHeaders.add(key + " timestamp " + timestamp);
      return;
    }
    String expected = "sha256=" + hmacHex(secret, timestamp + "." + text);
    if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      badSignatures.add(key + " " + signature);
    }
  }

  /** As if the insurer already held {@code body} under {@code key} (another claim with the same number). */
  public void hold(String key, String body) {
    held.put(key, body);
  }

  /** The body digest of the contract's extension, computed here independently of the forwarder. */
  public static String digest(String body) {
    try {
      return "sha256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The contract's signature, computed here independently of the forwarder. */
  static String hmacHex(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }
}
