package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.nio.file.Path;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;

/** A signed-in console user for API tests: a cookie jar plus the session's CSRF token. */
public final class ConsoleClient {
  /** The admin password tests start the service with (MINSHENG_ADMIN_PASSWORD) and give the operators they create. */
  public static final String PASSWORD = "correct-horse-battery";
  private final Minsheng app;
  private final HttpClient http;
  private final String csrf;

  private ConsoleClient(Minsheng app, HttpClient http, String csrf) {
    this.app = app;
    this.http = http;
    this.csrf = csrf;
  }

  /** A service on a free port with its data in {@code data} and its first admin's password {@link #PASSWORD}. */
  public static Minsheng startService(Path data) throws Exception {
    return startService(data, Map.of());
  }

  /** With more settings (environment variables) than the administrator's password. */
  public static Minsheng startService(Path data, Map<String, String> more) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("MINSHENG_ADMIN_PASSWORD", PASSWORD);
    return Minsheng.start(TestConfigs.service(data, env));
  }

  /** Signs in; fails the test if the credentials are refused. */
  public static ConsoleClient signIn(Minsheng app, String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(app.url() + "console/api/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("password", password).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return new ConsoleClient(app, http, new JsonObject(login.body()).getString("csrfToken"));
  }

  /** The administrator of a service started with {@link #PASSWORD}, signed in. */
  public static ConsoleClient admin(Minsheng app) throws Exception {
    return signIn(app, "admin", PASSWORD);
  }

  /** Creates an operator with {@link #PASSWORD} (this client must be an admin) and signs them in. */
  public ConsoleClient newOperator(String user) throws Exception {
    createOperator(user, PASSWORD, "operator");
    return signIn(app, user, PASSWORD);
  }

  /** A resident's message on the JSON channel of that service; the whole answer ({conversationId, replies, ...}). */
  public static JsonObject residentSays(Minsheng app, String user, String text) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "api/chat"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).put("text", text).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** No session at all. */
  public static ConsoleClient anonymous(Minsheng app) {
    return new ConsoleClient(app, HttpClient.newHttpClient(), null);
  }

  /** Creates an operator through the admin API; this client must be an admin. */
  public void createOperator(String user, String password, String role) throws Exception {
    HttpResponse<String> r = send("POST", "/console/api/operators",
        new JsonObject().put("user", user).put("password", password).put("role", role).encode());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }

  /** A request with the CSRF token on writes. */
  public HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, true);
  }

  /** A request that may leave out the CSRF token, to test that writes without it are refused. */
  public HttpResponse<String> send(String method, String path, String body, boolean withCsrf) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (withCsrf && csrf != null) {
      b.header(ConsoleAuth.CSRF_HEADER, csrf);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET answered as a stream: returns once the headers are in (for the event stream's status). */
  public HttpResponse<java.io.InputStream> stream(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + path.substring(1))).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Opens the inbox's event stream as this user; close it to go offline. */
  public EventStream events() throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r = http.send(
        HttpRequest.newBuilder(URI.create(app.url() + "console/api/events")).GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    return new EventStream(r.body());
  }

  /** A request without a body, not waiting for the answer (to send requests that overlap). */
  public java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(String method, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (csrf != null) {
      b.header(ConsoleAuth.CSRF_HEADER, csrf);
    }
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public JsonObject json(String method, String path, String body) throws Exception {
    HttpResponse<String> r = send(method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return new JsonObject(r.body());
  }
}
