package minsheng;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as an operator runs it: a separate JVM, configured by environment, stopped by SIGTERM. */
class ProcessTest {
  @TempDir
  Path data;

  private ProcessBuilder java(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "minsheng.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("MINSHENG_DATA_DIR", data.toString());
    pb.environment().put("MINSHENG_HTTP_PORT", "0");
    pb.environment().put("MINSHENG_KB_EMBEDDING_CACHE", TestConfigs.EMBEDDING_CACHE.toString());
    return pb;
  }

  /** Reads the log until the service says it is ready (with its start-up time); the URL it gives. */
  private static String readyUrl(BufferedReader out, StringBuilder log) throws java.io.IOException {
    Pattern ready = Pattern.compile("Minsheng ready at (http://\\S+) in (\\d+) ms");
    for (String line; (line = out.readLine()) != null; ) {
      log.append(line).append('\n');
      Matcher m = ready.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("the service never said it was ready:\n" + log);
  }

  @Test
  void startsLogsItsUrlAndStartUpTimeAndExitsZeroOnSigterm() throws Exception {
    Process p = java().start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder log = new StringBuilder();
    String url = readyUrl(out, log);
    assertThat(log.toString()).contains("intent model: trained").contains("knowledge base:");
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    // The log points at "/": it leads to the console. Several connections, as Vert.x's metrics register their
    // gauges again on each one (the source of a false "Gauge has been already registered" warning).
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(root.statusCode()).isEqualTo(302);
      assertThat(root.headers().firstValue("Location")).contains("/console/");
    }

    // The embedding model loads in the background after "ready" (seconds on a busy machine); a SIGTERM during that
    // load waits for it (Embedder.awaitLoad). This test is about the orderly stop, so it stops a loaded service.
    for (String line; (line = out.readLine()) != null; ) {
      log.append(line).append('\n');
      if (line.contains("embeddings: ") && line.contains(" loaded in ")) {
        break;
      }
    }
    p.toHandle().destroy(); // SIGTERM, leaving the output readable (Process.destroy closes it)
    Thread rest = new Thread(() -> out.lines().forEach(l -> log.append(l).append('\n')));
    rest.start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s").isTrue();
    rest.join(5_000);
    assertThat(p.exitValue()).isZero();
    assertThat(log.toString()).contains("stopped").doesNotContain("already registered");
    assertThat(Files.exists(data.resolve("minsheng.mv.db"))).isTrue();
  }

  @Test
  void aResidentsMessageSurvivesAKillNine() throws Exception {
    Process p = java().start();
    String url = readyUrl(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
        new StringBuilder());
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/chat"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"crash-1\",\"text\":\"低保怎么申请\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    Thread.sleep(500); // longer than the store's commit delay
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    try (Minsheng app = Minsheng.assemble(TestConfigs.service(data, java.util.Map.of()))) {
      long turns = minsheng.store.Reactive.one(app.store().collection("turns")
          .countDocuments(new org.bson.Document("user", "crash-1"))).await(10, TimeUnit.SECONDS);
      assertThat(turns).isEqualTo(1);
    }
  }

  @Test
  void anInvalidValueStopsStartUpNamingTheKey() throws Exception {
    ProcessBuilder pb = java();
    pb.environment().put("MINSHENG_HTTP_PORT", "not-a-port");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    assertThat(output).contains("http.port").contains("MINSHENG_HTTP_PORT");
  }

  @Test
  void theTerminalChatShowsIntentConfidenceAndSource() throws Exception {
    Process p = java("chat").start();
    p.getOutputStream().write("民生保险最多赔多少\nquit\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(output).contains("助手>").contains("10万").contains("intent insurance_coverage")
        .contains("confidence").contains("source insurance-caps");
  }
}
