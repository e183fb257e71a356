package minsheng.insurer;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The insurer's claim endpoint as the contract has it: one POST per claim with {@code Idempotency-Key:
 * <claimNo>}, a timestamp and an HMAC-SHA256 signature of {@code timestamp + "." + body}, and the body's digest
 * ({@value #DIGEST_HEADER}, an extension), which a 409 must echo for the claim to count as delivered.
 */
public final class InsurerClient {
  public static final String DIGEST_HEADER = "X-Minsheng-Body-Digest";

  private final WebClient client;
  private final Optional<URI> url;
  private final Optional<SecretKeySpec> signingKey;
  private final Clock clock;
  private final long connectTimeoutMs;
  private final long requestTimeoutMs;

  InsurerClient(WebClient client, Optional<URI> url, Optional<String> secret, Clock clock, long connectTimeoutMs,
      long requestTimeoutMs) {
    this.client = client;
    this.url = url;
    this.signingKey = secret.filter(s -> !s.isEmpty())
        .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    this.clock = clock;
    this.connectTimeoutMs = connectTimeoutMs;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  Optional<URI> url() {
    return url;
  }

  boolean signs() {
    return signingKey.isPresent();
  }

  Future<HttpResponse<Buffer>> post(String claimNo, String body) {
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    HttpRequest<Buffer> request = client.postAbs(url.orElseThrow().toString())
        .connectTimeout(connectTimeoutMs)
        .idleTimeout(requestTimeoutMs)
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", claimNo)
        .putHeader("X-Minsheng-Timestamp", timestamp)
        .putHeader(DIGEST_HEADER, digest(body));
    signingKey.ifPresent(key -> request.putHeader("X-Minsheng-Signature", "sha256=" + sign(key, timestamp, body)));
    return request.sendBuffer(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** What a 409 says about the claim the insurer holds under the number. */
  enum Duplicate { SAME_BODY, DIFFERENT_BODY, UNCONFIRMED }

  /** A 409: the body the insurer holds is this one only if it echoes its digest (header or JSON field). */
  static Duplicate duplicate(HttpResponse<Buffer> response, String text, String body) {
    String echoed = response.getHeader(DIGEST_HEADER);
    if (echoed == null) {
      try {
        echoed = new JsonObject(text).getString("bodyDigest");
      } catch (RuntimeException notJson) {
        // no digest in the body either
      }
    }
    if (echoed == null || echoed.isBlank()) {
      return Duplicate.UNCONFIRMED;
    }
    return echoed.strip().equalsIgnoreCase(digest(body)) ? Duplicate.SAME_BODY : Duplicate.DIFFERENT_BODY;
  }

  /** {@code sha256=<lower hex of SHA-256 of the UTF-8 body>}, as sent in {@value #DIGEST_HEADER}. */
  public static String digest(String body) {
    try {
      return "sha256=" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lower-hex HMAC-SHA256 of {@code timestamp + "." + body} (UTF-8). */
  static String sign(SecretKeySpec key, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
