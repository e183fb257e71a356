package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every console endpoint, called by nobody, by an operator and by an admin: the table below must name each
 * /console/api route the service has (a new route without a row fails the first test), and each row's guard
 * must hold — 401 without a session, 403 for an operator on an admin route, 403 for a write without the CSRF
 * token, and neither for those who may call it.
 */
class ConsolePermissionsTest {
  enum Who { PUBLIC, OPERATOR, ADMIN }

  record Endpoint(String method, String route, String path, Who needs) {
    String key() {
      return method + " " + route;
    }

    boolean write() {
      return !method.equals("GET");
    }
  }

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("POST", "/console/api/login", "/console/api/login", Who.PUBLIC),
      new Endpoint("POST", "/console/api/logout", "/console/api/logout", Who.PUBLIC),
      new Endpoint("GET", "/console/api/me", "/console/api/me", Who.OPERATOR),
      new Endpoint("GET", "/console/api/operators", "/console/api/operators", Who.ADMIN),
      new Endpoint("POST", "/console/api/operators", "/console/api/operators", Who.ADMIN),
      new Endpoint("GET", "/console/api/articles", "/console/api/articles", Who.OPERATOR),
      new Endpoint("GET", "/console/api/articles/:id", "/console/api/articles/insurance-caps", Who.OPERATOR),
      new Endpoint("PUT", "/console/api/articles/:id", "/console/api/articles/no-such-article", Who.ADMIN),
      new Endpoint("DELETE", "/console/api/articles/:id", "/console/api/articles/no-such-article", Who.ADMIN),
      new Endpoint("POST", "/console/api/kb/try", "/console/api/kb/try", Who.OPERATOR),
      new Endpoint("POST", "/console/api/kb/preview", "/console/api/kb/preview", Who.OPERATOR),
      new Endpoint("GET", "/console/api/reference", "/console/api/reference", Who.OPERATOR),
      new Endpoint("GET", "/console/api/conversations", "/console/api/conversations", Who.OPERATOR),
      new Endpoint("GET", "/console/api/conversations/:id", "/console/api/conversations/api-000000000000000000000000",
          Who.OPERATOR),
      new Endpoint("POST", "/console/api/conversations/:id/takeover",
          "/console/api/conversations/api-000000000000000000000000/takeover", Who.OPERATOR),
      new Endpoint("POST", "/console/api/conversations/:id/reply",
          "/console/api/conversations/api-000000000000000000000000/reply", Who.OPERATOR),
      new Endpoint("POST", "/console/api/conversations/:id/handback",
          "/console/api/conversations/api-000000000000000000000000/handback", Who.OPERATOR),
      new Endpoint("POST", "/console/api/conversations/:id/assign",
          "/console/api/conversations/api-000000000000000000000000/assign", Who.OPERATOR),
      new Endpoint("GET", "/console/api/canned", "/console/api/canned", Who.OPERATOR),
      new Endpoint("GET", "/console/api/events", "/console/api/events", Who.OPERATOR),
      new Endpoint("GET", "/console/api/claims", "/console/api/claims", Who.OPERATOR),
      new Endpoint("GET", "/console/api/claims/:claimNo", "/console/api/claims/WC-2026-999999", Who.OPERATOR),
      new Endpoint("GET", "/console/api/claim-callbacks", "/console/api/claim-callbacks", Who.OPERATOR),
      new Endpoint("POST", "/console/api/claims", "/console/api/claims", Who.OPERATOR),
      new Endpoint("POST", "/console/api/claims/:claimNo/reveal", "/console/api/claims/WC-2026-999999/reveal",
          Who.OPERATOR),
      new Endpoint("POST", "/console/api/claims/:claimNo/retry", "/console/api/claims/WC-2026-999999/retry",
          Who.OPERATOR),
      new Endpoint("POST", "/console/api/claims/:claimNo/correct", "/console/api/claims/WC-2026-999999/correct",
          Who.OPERATOR),
      new Endpoint("GET", "/console/api/stats", "/console/api/stats", Who.OPERATOR),
      new Endpoint("GET", "/console/api/export/conversations.csv", "/console/api/export/conversations.csv",
          Who.OPERATOR),
      new Endpoint("GET", "/console/api/export/claims.csv", "/console/api/export/claims.csv", Who.OPERATOR),
      new Endpoint("POST", "/console/api/intents/retrain", "/console/api/intents/retrain", Who.ADMIN));

  @TempDir
  static Path data;
  static Minsheng app;
  static ConsoleClient admin;
  static ConsoleClient operator;
  static ConsoleClient anonymous;

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_ADMIN_PASSWORD", ConsoleClient.PASSWORD)));
    admin = ConsoleClient.admin(app);
    operator = admin.newOperator("wang");
    anonymous = ConsoleClient.anonymous(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyConsoleRouteHasARowInTheTable() {
    Set<String> routes = app.routes().stream()
        // "* /console/api/" is the headers-and-failures route in front of them all, not an endpoint.
        .filter(r -> r.contains(" /console/api/") && !r.startsWith("* "))
        .collect(Collectors.toSet());
    Set<String> table = ENDPOINTS.stream().map(Endpoint::key).collect(Collectors.toSet());
    assertThat(table).containsExactlyInAnyOrderElementsOf(routes);
  }

  @Test
  void nobodyGetsAnythingWithoutSigningIn() throws Exception {
    for (Endpoint e : ENDPOINTS) {
      if (e.needs() != Who.PUBLIC) {
        HttpResponse<String> r = anonymous.send(e.method(), e.path(), e.write() ? "{}" : null);
        assertThat(r.statusCode()).as(e.key()).isEqualTo(401);
        assertThat(new JsonObject(r.body()).getString("error")).as(e.key()).isEqualTo("unauthenticated");
      }
    }
  }

  @Test
  void operatorsAreRefusedAdminRoutesAndAllowedTheRest() throws Exception {
    for (Endpoint e : ENDPOINTS) {
      if (e.needs() == Who.PUBLIC) {
        continue;
      }
      int status = call(operator, e, true);
      if (e.needs() == Who.ADMIN) {
        assertThat(status).as(e.key()).isEqualTo(403);
      } else {
        assertThat(status).as(e.key()).isNotIn(401, 403);
      }
    }
  }

  @Test
  void adminsMayCallEveryRoute() throws Exception {
    for (Endpoint e : ENDPOINTS) {
      if (e.needs() != Who.PUBLIC) {
        assertThat(call(admin, e, true)).as(e.key()).isNotIn(401, 403);
      }
    }
  }

  @Test
  void everyWriteWithoutTheCsrfTokenIsRefused() throws Exception {
    for (Endpoint e : ENDPOINTS) {
      if (e.needs() != Who.PUBLIC && e.write()) {
        ConsoleClient who = e.needs() == Who.ADMIN ? admin : operator;
        HttpResponse<String> r = who.send(e.method(), e.path(), "{}", false);
        assertThat(r.statusCode()).as(e.key()).isEqualTo(403);
        assertThat(new JsonObject(r.body()).getString("error")).as(e.key()).isEqualTo("csrf");
      }
    }
  }

  @Test
  void fullExportsAreForAdminsOnly() throws Exception {
    for (String path : List.of("/console/api/export/conversations.csv?full=true", "/console/api/export/claims.csv?full=true")) {
      assertThat(operator.send("GET", path, null).statusCode()).as(path).isEqualTo(403);
      assertThat(admin.send("GET", path, null).statusCode()).as(path).isEqualTo(200);
    }
  }

  /** The status of one call; the event stream answers its headers at once and is then closed. */
  private static int call(ConsoleClient who, Endpoint e, boolean withCsrf) throws Exception {
    if (e.route().equals("/console/api/events")) {
      HttpResponse<InputStream> r = who.stream(e.path());
      r.body().close();
      return r.statusCode();
    }
    return who.send(e.method(), e.path(), e.write() ? "{}" : null, withCsrf).statusCode();
  }
}
