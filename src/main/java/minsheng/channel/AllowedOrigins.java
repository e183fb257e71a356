package minsheng.channel;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import minsheng.http.HttpProblem;

/**
 * Which web pages may call the JSON channel from a browser (CORS): the origins configured in
 * {@code chat.allowedOrigins}, none by default. A request without an {@code Origin} header is not from a browser
 * page and passes; a preflight from a listed origin is answered with the allowance, from any other with none; a
 * request from an unlisted origin is refused before anything is read, so a page elsewhere cannot speak as a
 * resident even with a request the browser sends without asking first. (Vert.x's {@code CorsHandler} allows every
 * origin when none is listed, and reports its refusals as failures without a problem body, so this is our own.)
 */
public final class AllowedOrigins {
  private static final String METHODS = "GET, POST";
  private static final String HEADERS = "Content-Type, Authorization, " + ChatApi.OUTBOX_TOKEN_HEADER;
  private static final String PREFLIGHT_SECONDS = "600";

  private final Set<String> origins;

  public AllowedOrigins(List<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  /** A route handler in front of the channel's key check (a preflight carries no key). */
  public void check(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    ctx.response().headers().add("Vary", "Origin");
    if (origin == null) {
      ctx.next();
      return;
    }
    boolean allowed = origins.contains(origin);
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      if (allowed) {
        ctx.response().putHeader("Access-Control-Allow-Origin", origin)
            .putHeader("Access-Control-Allow-Methods", METHODS)
            .putHeader("Access-Control-Allow-Headers", HEADERS)
            .putHeader("Access-Control-Max-Age", PREFLIGHT_SECONDS);
      }
      // Without the allowance headers the browser does not send the request; the status is not what it reads.
      ctx.response().setStatusCode(204).end();
      return;
    }
    if (!allowed) {
      ctx.fail(new HttpProblem(403, "origin_not_allowed",
          "requests from web pages at " + origin + " are not accepted (chat.allowedOrigins)"));
      return;
    }
    ctx.response().putHeader("Access-Control-Allow-Origin", origin);
    ctx.next();
  }
}
