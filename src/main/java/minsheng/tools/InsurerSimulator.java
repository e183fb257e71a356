package minsheng.tools;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import minsheng.insurer.InsurerClient;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code java -jar minsheng.jar insurer-sim --port 9090 [--fail-rate 0.3]}: an insurer for trying Minsheng out.
 * It accepts forwarded claims on {@code POST /claims}, checks the signature with MINSHENG_INSURER_SECRET (when
 * set), prints each claim it receives, and fails at random with 500 at the given rate so the retries can be
 * watched. It keeps one body per Idempotency-Key: a repeated key is answered 409 with the digest of the body it
 * holds ({@code X-Minsheng-Body-Digest} and {@code bodyDigest}), and a repeat with another body is printed as a
 * COLLISION. Every attempt's line ends with the start of its body's digest ({@code [body 3fa29c1b0e4d7a55]}), failed
 * ones included, so whoever reads the output can tell a retry with the same body from one with another.
 */
public final class InsurerSimulator {
  private InsurerSimulator() {
  }

  public static int run(String[] args, Optional<String> secret) throws InterruptedException {
    int port = 9090;
    double failRate = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--fail-rate" -> failRate = Double.parseDouble(args[i + 1]);
        default -> {
          System.err.println("usage: insurer-sim --port 9090 [--fail-rate 0.3]");
          return 2;
        }
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Vertx vertx = Vertx.vertx();
    Router router = router(vertx, secret, failRate, out);
    vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").await();
    out.printf("insurer simulator on http://127.0.0.1:%d/claims (fail rate %.2f, signatures %s)%n", port, failRate,
        secret.isPresent() ? "checked" : "not checked: MINSHENG_INSURER_SECRET unset");
    new CountDownLatch(1).await();
    return 0;
  }

  /** The simulator's {@code POST /claims}, printing to {@code out}. */
  static Router router(Vertx vertx, Optional<String> secret, double rate, PrintStream out) {
    java.util.Map<String, String> held = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicLong refs = new AtomicLong();
    Router router = Router.router(vertx);
    router.post("/claims").handler(BodyHandler.create(false).setBodyLimit(1 << 20)).handler(ctx -> {
      String key = ctx.request().getHeader("Idempotency-Key");
      String ts = ctx.request().getHeader("X-Minsheng-Timestamp");
      String sig = ctx.request().getHeader("X-Minsheng-Signature");
      String body = ctx.body().asString();
      String mark = bodyMark(body);
      if (secret.isPresent() && !validSignature(secret.get(), ts, body, sig)) {
        out.printf("REFUSED %s: bad signature%s%n", key, mark);
        ctx.response().setStatusCode(401).end();
        return;
      }
      if (ThreadLocalRandom.current().nextDouble() < rate) {
        out.printf("FAILED  %s: simulated 500%s%n", key, mark);
        ctx.response().setStatusCode(500).end();
        return;
      }
      String before = held.putIfAbsent(key, body);
      if (before != null) {
        String digest = InsurerClient.digest(before);
        out.printf(before.equals(body) ? "REPEAT  %s: already have it (409)%s%n"
            : "COLLISION %s: holds another body under this key (409)%s%n", key, mark);
        ctx.response().setStatusCode(409).putHeader(InsurerClient.DIGEST_HEADER, digest)
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "duplicate").put("bodyDigest", digest).encode());
        return;
      }
      JsonObject claim = new JsonObject(body);
      String ref = "SIM-" + refs.incrementAndGet();
      out.printf("CLAIM   %s %s %s %s %s → %s%s%n", key, claim.getString("peril"), claim.getString("incidentDate"),
          claim.getJsonObject("claimant").getJsonObject("address").getString("street"),
          claim.getJsonArray("losses").encode(), ref, mark);
      ctx.json(new JsonObject().put("insurerRef", ref));
    });
    return router;
  }

  /** The end of every attempt's line: the first 16 hex digits of the body's SHA-256. */
  static String bodyMark(String body) {
    return " [body " + InsurerClient.digest(body).substring("sha256=".length(), "sha256=".length() + 16) + "]";
  }

  static boolean validSignature(String secret, String timestamp, String body, String header) {
    if (timestamp == null || header == null || !header.startsWith("sha256=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.UTF_8),
          header.substring(7).getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
