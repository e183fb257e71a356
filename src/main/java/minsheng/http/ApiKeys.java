package minsheng.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer keys for a trusted-client API, compared in constant time. With no keys configured, only clients on
 * the loopback interface are let in.
 */
public final class ApiKeys {
  /** Where {@link #check} leaves the id of the key a request presented (absent in loopback mode). */
  public static final String KEY_ID = "apiKeyId";
  private final List<byte[]> keys;
  private final boolean loopbackWhenEmpty;

  public ApiKeys(List<String> keys, boolean loopbackWhenEmpty) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    this.loopbackWhenEmpty = loopbackWhenEmpty;
  }

  /** A route handler: passes the request on, or fails it with 401/403 before anything is read. */
  public void check(RoutingContext ctx) {
    if (keys.isEmpty()) {
      if (loopbackWhenEmpty && isLoopback(ctx.request().remoteAddress().host())) {
        ctx.next();
      } else if (loopbackWhenEmpty) {
        ctx.fail(new HttpProblem(403, "forbidden", "this API answers loopback clients only"));
      } else {
        ctx.fail(new HttpProblem(401, "unauthorized", "no API keys are configured: this API refuses every request"));
      }
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    if (presented != null && matches(presented)) {
      // Which key was used goes into audit entries, never the key itself.
      ctx.put(KEY_ID, keyId(presented));
      ctx.next();
    } else {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(new HttpProblem(401, "unauthorized", "a valid bearer key is required"));
    }
  }

  static String keyId(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean matches(String presented) {
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    boolean found = false;
    for (byte[] k : keys) {
      found |= MessageDigest.isEqual(k, p);
    }
    return found;
  }

  private static boolean isLoopback(String host) {
    try {
      // The host is an IP literal from the socket, so this does no name lookup.
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
