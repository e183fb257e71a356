package minsheng.console;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import minsheng.console.Accounts.Account;
import minsheng.console.Accounts.AccountException;
import minsheng.console.Sessions.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in for the operators' console: login, logout, "who am I", account management, and the guards that
 * protect every other console route (session cookie, role, and a CSRF token on every write).
 */
public final class ConsoleAuth {
  private static final Logger log = LoggerFactory.getLogger(ConsoleAuth.class);
  public static final String COOKIE = "minsheng_session";
  public static final String COOKIE_PATH = "/console";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** Context keys under which the guards leave the signed-in account and session. */
  public static final String ACCOUNT_KEY = "console.account";
  public static final String SESSION_KEY = "console.session";
  private static final String INPUT_KEY = "console.input";

  private final Accounts accounts;
  private final Sessions sessions;
  private final SignInThrottle throttle;

  public ConsoleAuth(Accounts accounts, Sessions sessions) {
    this(accounts, sessions, new SignInThrottle());
  }

  public ConsoleAuth(Accounts accounts, Sessions sessions, SignInThrottle throttle) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  /** Console API answers are never cached (they are one operator's view, some with personal data). */
  public static void noStore(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    ctx.next();
  }

  /** The account the guards put into the context, if any. */
  public static Optional<Account> account(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(ACCOUNT_KEY));
  }

  /** The session the guards put into the context, if any. */
  public static Optional<Session> session(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(SESSION_KEY));
  }

  /** Guard: any signed-in operator or admin. 401 without a session; 403 {"error":"csrf"} on an unsafe write. */
  public void requireOperator(RoutingContext ctx) {
    guard(ctx, false);
  }

  /** Guard: admins only. As {@link #requireOperator}, plus 403 {"error":"forbidden"} for an operator. */
  public void requireAdmin(RoutingContext ctx) {
    guard(ctx, true);
  }

  private void guard(RoutingContext ctx, boolean adminOnly) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    sessions.find(cookie == null ? null : cookie.getValue()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (ar.result().isEmpty()) {
        error(ctx, 401, "unauthenticated", "sign in first");
        return;
      }
      Session session = ar.result().get();
      if (adminOnly && !session.account().isAdmin()) {
        error(ctx, 403, "forbidden", "this needs an administrator");
        return;
      }
      HttpMethod method = ctx.request().method();
      if (method != HttpMethod.GET && method != HttpMethod.HEAD
          && !sameSecret(ctx.request().getHeader(CSRF_HEADER), session.csrfToken())) {
        error(ctx, 403, "csrf", "missing or wrong " + CSRF_HEADER + " header");
        return;
      }
      ctx.put(SESSION_KEY, session);
      ctx.put(ACCOUNT_KEY, session.account());
      ctx.next();
    });
  }

  // ---- login

  private record Credentials(String user, String password) {
  }

  /** 429 with Retry-After while this address must wait after its failed attempts (see SignInThrottle). */
  public void throttleAddress(RoutingContext ctx) {
    Optional<java.time.Duration> wait = throttle.retryAfter(clientAddress(ctx));
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.response().putHeader("Retry-After", String.valueOf(seconds));
      error(ctx, 429, "throttled", "too many failed attempts from this address; try again in " + seconds + " s");
      return;
    }
    ctx.next();
  }

  private static String clientAddress(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }

  public void validateLogin(RoutingContext ctx) {
    if (!isJson(ctx)) {
      error(ctx, 415, "json_required", "send the credentials as application/json");
      return;
    }
    JsonObject in = jsonBody(ctx);
    if (in == null) {
      error(ctx, 400, "invalid_json", "the body must be a JSON object");
      return;
    }
    if (!(in.getValue("user") instanceof String user) || user.isBlank() || user.length() > 64) {
      error(ctx, 400, "missing_user", "user is required");
      return;
    }
    if (!(in.getValue("password") instanceof String password) || password.isEmpty()
        || password.length() > Accounts.MAX_PASSWORD_LENGTH) {
      error(ctx, 400, "missing_password", "password is required");
      return;
    }
    ctx.put(INPUT_KEY, new Credentials(user, password));
    ctx.next();
  }

  public void login(RoutingContext ctx) {
    Credentials c = ctx.get(INPUT_KEY);
    String from = clientAddress(ctx);
    accounts.authenticate(c.user(), c.password(), from).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (ar.result().outcome() == Accounts.Outcome.OK) {
        throttle.succeeded(from);
      } else {
        throttle.failed(from);
      }
      switch (ar.result().outcome()) {
        case OK -> sessions.create(ar.result().account().orElseThrow()).onComplete(created -> {
          if (created.failed()) {
            ctx.fail(created.cause());
            return;
          }
          Session s = created.result();
          log.info("console: '{}' signed in", s.user());
          ctx.response().addCookie(sessionCookie(ctx, s.id(), false));
          json(ctx, 200, identity(s));
        });
        case LOCKED -> {
          log.warn("console: sign-in refused from {}, account '{}' is locked", from, c.user());
          error(ctx, 423, "locked", "too many failed attempts; try again later");
        }
        default -> {
          log.info("console: failed sign-in for '{}' from {}", c.user(), from);
          error(ctx, 401, "wrong_credentials", "wrong user or password");
        }
      }
    });
  }

  /**
   * Ends the session. With a live session the CSRF token is required (as for every write); without one the
   * cookie is simply expired.
   */
  public void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String id = cookie == null ? null : cookie.getValue();
    sessions.find(id).compose(found -> {
      if (found.isPresent() && !sameSecret(ctx.request().getHeader(CSRF_HEADER), found.get().csrfToken())) {
        return Future.succeededFuture(false);
      }
      return sessions.delete(id).map(v -> true);
    }).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (!ar.result()) {
        error(ctx, 403, "csrf", "missing or wrong " + CSRF_HEADER + " header");
      } else {
        ctx.response().addCookie(sessionCookie(ctx, "", true));
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  public void me(RoutingContext ctx) {
    json(ctx, 200, identity(ctx.get(SESSION_KEY)));
  }

  // ---- account management (admin)

  public void listOperators(RoutingContext ctx) {
    accounts.list().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        json(ctx, 200, new JsonObject().put("operators", new JsonArray(ar.result())));
      }
    });
  }

  private record NewOperator(String user, String password, String role) {
  }

  public void validateNewOperator(RoutingContext ctx) {
    JsonObject in = jsonBody(ctx);
    if (in == null) {
      error(ctx, 400, "invalid_json", "the body must be a JSON object");
      return;
    }
    String user = in.getValue("user") instanceof String u ? u : null;
    String password = in.getValue("password") instanceof String p ? p : null;
    String role = in.getValue("role") == null ? Accounts.ROLE_OPERATOR
        : in.getValue("role") instanceof String r ? r : "";
    try {
      Accounts.checkUser(user);
      Accounts.checkPassword(password);
      if (!Accounts.ROLES.contains(role)) {
        throw new AccountException("invalid_role", "role must be 'operator' or 'admin'");
      }
    } catch (AccountException e) {
      error(ctx, 400, e.code(), e.getMessage());
      return;
    }
    ctx.put(INPUT_KEY, new NewOperator(user, password, role));
    ctx.next();
  }

  public void createOperator(RoutingContext ctx) {
    NewOperator n = ctx.get(INPUT_KEY);
    Account by = ctx.get(ACCOUNT_KEY);
    accounts.create(n.user(), n.password(), n.role()).onComplete(ar -> {
      if (ar.succeeded()) {
        log.info("console: '{}' created {} '{}'", by.user(), n.role(), n.user());
        json(ctx, 201, new JsonObject().put("user", n.user()).put("role", n.role()));
      } else if (ar.cause() instanceof AccountException e) {
        error(ctx, "exists".equals(e.code()) ? 409 : 400, e.code(), e.getMessage());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  // ---- helpers

  /** JSON errors for everything under /console/api/*, mapped where every API's failures are. */
  public static void failure(RoutingContext ctx) {
    minsheng.http.Failures.console(ctx);
  }

  private static JsonObject identity(Session s) {
    return new JsonObject().put("user", s.user()).put("role", s.role()).put("csrfToken", s.csrfToken());
  }

  private static Cookie sessionCookie(RoutingContext ctx, String value, boolean expire) {
    Cookie cookie = Cookie.cookie(COOKIE, value).setPath(COOKIE_PATH).setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(isSecure(ctx));
    if (expire) {
      cookie.setMaxAge(0);
    }
    return cookie;
  }

  static boolean isSecure(RoutingContext ctx) {
    if (ctx.request().isSSL()) {
      return true;
    }
    String proto = ctx.request().getHeader("X-Forwarded-Proto");
    return proto != null && proto.split(",")[0].trim().equalsIgnoreCase("https");
  }

  private static boolean sameSecret(String given, String expected) {
    if (given == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase().startsWith("application/json");
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return null;
    }
    try {
      return Json.decodeValue(buffer) instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("error", code).put("message", message));
  }
}
