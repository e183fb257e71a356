package minsheng.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures of the JSON APIs become status codes and JSON error bodies. */
public final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {
  }

  /** The JSON channel and the insurer API: an oversized body is bad input like any other (400). */
  public static void json(RoutingContext ctx) {
    respond(ctx, 400);
  }

  /** The console's API: an oversized body keeps its own status (413). */
  public static void console(RoutingContext ctx) {
    respond(ctx, 413);
  }

  private static void respond(RoutingContext ctx, int oversizeStatus) {
    Throwable failure = ctx.failure();
    int status;
    String code;
    String message;
    if (failure instanceof HttpProblem p) {
      status = p.status();
      code = p.code();
      message = p.getMessage();
    } else if (failure instanceof DecodeException) {
      status = 400;
      code = "invalid_json";
      message = "the body is not valid JSON";
    } else if (ctx.statusCode() == 413) {
      status = oversizeStatus;
      code = "body_too_large";
      message = "the body is larger than allowed";
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      status = ctx.statusCode();
      code = "bad_request";
      message = "the request was refused";
    } else {
      status = 500;
      code = "internal_error";
      message = "something went wrong on our side; nothing was changed";
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }
}
