package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service creates the contract's administrator at first start and serves the console's pages at /console/
 * under a strict Content-Security-Policy; an unknown console API path is a JSON 404, never a page.
 */
class ConsoleWiringTest {
  @TempDir
  Path data;

  @Test
  void theConfiguredAdministratorCanSignIn() throws Exception {
    try (Minsheng app = Minsheng.start(TestConfigs.service(data, Map.of(
        "MINSHENG_ADMIN_USER", "chief", "MINSHENG_ADMIN_PASSWORD", "correct-horse-battery")))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(app.url() + "console/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("登录").contains("English").doesNotContain("<script>").doesNotContain("style=");
      assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
          assertThat(csp).contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe"));
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
      HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(app.url() + "console/js/app.js")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
      HttpResponse<String> unknownApi = http.send(HttpRequest.newBuilder(URI.create(app.url() + "console/api/nothing-here"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(unknownApi.statusCode()).isEqualTo(404);
      assertThat(unknownApi.body()).contains("\"error\":\"not_found\"");
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(app.url() + "console/api/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"chief\",\"password\":\"correct-horse-battery\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.body()).contains("\"role\":\"admin\"");
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(app.url() + "console/api/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"chief\",\"password\":\"wrong-password-1\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
    }
  }
}
