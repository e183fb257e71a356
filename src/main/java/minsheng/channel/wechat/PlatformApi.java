package minsheng.channel.wechat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official-account platform's HTTP API, as far as Minsheng uses it: access tokens and customer-service
 * messages. The token is cached until shortly before it expires and refreshed by one request at a time; a
 * token the platform calls invalid (40001, 40014, 42001) is dropped and fetched again once.
 */
public final class PlatformApi {
  private static final Logger log = LoggerFactory.getLogger(PlatformApi.class);
  static final Set<Integer> TOKEN_ERRORS = Set.of(40001, 40014, 42001);
  /** The resident has not written for 48 hours: the platform refuses customer-service messages. */
  public static final int OUT_OF_WINDOW = 45015;
  private static final long EARLY_REFRESH_MS = 5 * 60_000;

  private final WebClient client;
  private final URI base;
  private final String appId;
  private final String appSecret;
  private String token;
  private long tokenExpiresAt;
  private Future<String> refreshing;

  public PlatformApi(WebClient client, URI base, String appId, String appSecret) {
    this.client = client;
    this.base = base;
    this.appId = appId;
    this.appSecret = appSecret;
  }

  /** The platform's answer to a call: errcode 0 is success. */
  public record Result(int errcode, String errmsg) {
    public boolean ok() {
      return errcode == 0;
    }
  }

  /** Sends a customer-service message (a JSON body in the platform's format); retries once on a stale token. */
  public Future<Result> sendCustomMessage(JsonObject message) {
    return accessToken().compose(t -> post(t, message)).compose(r -> {
      if (TOKEN_ERRORS.contains(r.errcode())) {
        invalidate();
        return accessToken().compose(t -> post(t, message));
      }
      return Future.succeededFuture(r);
    });
  }

  private Future<Result> post(String accessToken, JsonObject message) {
    return client.postAbs(base.resolve("/cgi-bin/message/custom/send").toString())
        .addQueryParam("access_token", accessToken)
        .timeout(10_000)
        .sendJsonObject(message)
        .compose(PlatformApi::result);
  }

  /** The cached token, or a fresh one; concurrent callers share one refresh. */
  synchronized Future<String> accessToken() {
    if (token != null && System.currentTimeMillis() < tokenExpiresAt) {
      return Future.succeededFuture(token);
    }
    if (refreshing != null) {
      return refreshing;
    }
    Future<String> f = client.getAbs(base.resolve("/cgi-bin/token").toString())
        .addQueryParam("grant_type", "client_credential")
        .addQueryParam("appid", appId)
        .addQueryParam("secret", appSecret)
        .timeout(10_000)
        .send()
        .compose(resp -> {
          JsonObject body = json(resp);
          String t = body == null ? null : body.getString("access_token");
          if (t == null) {
            return Future.failedFuture("token refused: " + (body == null ? resp.statusCode() : body.encode()));
          }
          long expiresIn = body.getLong("expires_in", 7200L) * 1000;
          synchronized (this) {
            token = t;
            tokenExpiresAt = System.currentTimeMillis() + Math.max(expiresIn - EARLY_REFRESH_MS, expiresIn / 2);
          }
          return Future.succeededFuture(t);
        });
    refreshing = f;
    f.onComplete(ar -> {
      synchronized (this) {
        refreshing = null;
      }
      if (ar.failed()) {
        log.warn("access token: {}", ar.cause().getMessage());
      }
    });
    return f;
  }

  synchronized void invalidate() {
    token = null;
  }

  private static Future<Result> result(HttpResponse<Buffer> resp) {
    JsonObject body = json(resp);
    if (resp.statusCode() != 200 || body == null) {
      return Future.failedFuture("platform answered HTTP " + resp.statusCode());
    }
    return Future.succeededFuture(new Result(body.getInteger("errcode", 0), body.getString("errmsg", "")));
  }

  private static JsonObject json(HttpResponse<Buffer> resp) {
    try {
      return resp.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
