package minsheng;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.app.Minsheng;
import minsheng.claims.Claim;
import minsheng.insurer.StubInsurer;
import minsheng.tools.TerminalChat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples, read from README.md and run against a started service, so the README cannot drift from
 * what the service does. Each compares the essential part (intent, source article, claim number pattern, the
 * reply's key phrase), not words that legitimately vary (dates, a claim's sequence number).
 */
class ReadmeExamplesTest {
  static final Pattern CLAIM_NO = Pattern.compile("WC-\\d{4}-\\d{6}");
  @TempDir
  static Path data;
  static Minsheng app;
  static String readme;

  static Vertx vertx;
  static StubInsurer insurer;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    vertx = Vertx.vertx();
    insurer = new StubInsurer(vertx, "s3cret"); // in the README, the insurer simulator of terminal 1
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_INSURER_API_KEYS", "k1",
        "MINSHENG_INSURER_URL", insurer.url().toString(), "MINSHENG_INSURER_SECRET", "s3cret")));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    insurer.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** One curl command as the README shows it: method, path and query, headers, body. */
  record Curl(String method, String path, Map<String, String> headers, String body) {
    static Curl parse(String command) {
      List<String> words = shellWords(command);
      assertThat(words.get(0)).isEqualTo("curl");
      String method = null;
      String url = null;
      String body = null;
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (int i = 1; i < words.size(); i++) {
        switch (words.get(i)) {
          case "-s" -> { }
          case "-X" -> method = words.get(++i);
          case "-H" -> {
            String h = words.get(++i);
            headers.put(h.substring(0, h.indexOf(':')).strip(), h.substring(h.indexOf(':') + 1).strip());
          }
          case "-d" -> body = words.get(++i);
          default -> url = words.get(i);
        }
      }
      if (body != null) {
        headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded"); // what curl -d sends
      }
      String path = url.substring(url.indexOf('/'));
      return new Curl(method != null ? method : body != null ? "POST" : "GET", path, headers, body);
    }

    HttpResponse<String> send() throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Words as a POSIX shell splits them: quotes ('…', "…" with \" escapes), backslash-newline, # comments. */
  static List<String> shellWords(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      } else if (Character.isWhitespace(c)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
      } else if (c == '#' && w == null) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else {
        if (w == null) {
          w = new StringBuilder();
        }
        if (c == '\'') {
          int end = text.indexOf('\'', i + 1);
          w.append(text, i + 1, end);
          i = end;
        } else if (c == '"') {
          for (i++; text.charAt(i) != '"'; i++) {
            if (text.charAt(i) == '\\') {
              i++;
            }
            w.append(text.charAt(i));
          }
        } else {
          w.append(c);
        }
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }

  @Test
  void theJsonChannelRequestGetsTheIntentAndSourceShown() throws Exception {
    Curl request = Curl.parse(block("Over HTTP", "sh"));
    JsonObject shown = new JsonObject(block("Over HTTP", "json"));
    HttpResponse<String> r = request.send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject got = new JsonObject(r.body());
    assertThat(got.getString("intent")).isEqualTo(shown.getString("intent"));
    assertThat(got.getBoolean("handoff")).isEqualTo(shown.getBoolean("handoff"));
    String source = shown.getJsonArray("sources").getJsonObject(0).getString("id");
    assertThat(got.getJsonArray("sources").getJsonObject(0).getString("id")).as(r.body()).isEqualTo(source);
    String title = got.getJsonArray("sources").getJsonObject(0).getString("title");
    assertThat(got.getJsonArray("replies").getJsonObject(0).getString("text")).contains("(来自《" + title + "》)");
  }

  @Test
  void theInsurerFlowFilesForwardsDecidesAndTellsTheResident() throws Exception {
    String flow = block("**Try the whole flow**", "sh");
    // Terminal 3: the resident's answers, one request each, as the loop sends them.
    String loop = flow.substring(flow.indexOf("for t in ") + "for t in ".length(), flow.indexOf("; do"));
    int body = flow.indexOf("; do") + 4;
    String send = flow.substring(body, flow.indexOf(';', body)).strip();
    String user = new JsonObject(shellWords(send).get(shellWords(send).indexOf("-d") + 1).replace("$t", "x"))
        .getString("user");
    String lastReply = null;
    String outboxToken = null;
    for (String answer : shellWords(loop)) {
      Curl one = Curl.parse(send.replace("$t", answer.replace("\"", "\\\"")));
      HttpResponse<String> r = one.send();
      assertThat(r.statusCode()).as(answer + ": " + r.body()).isEqualTo(200);
      lastReply = new JsonObject(r.body()).getJsonArray("replies").getJsonObject(0).getString("text");
      outboxToken = new JsonObject(r.body()).getString("outboxToken");
    }
    Matcher number = CLAIM_NO.matcher(lastReply);
    assertThat(number.find()).as("the last answer files the claim: " + lastReply).isTrue();
    String claimNo = number.group();
    // Terminal 1 sees the claim: the forwarder delivers it (signed) and it becomes FORWARDED.
    long deadline = System.currentTimeMillis() + 15_000;
    while (!"FORWARDED".equals(app.claims().byNumber(claimNo).await(10, TimeUnit.SECONDS).orElseThrow().status().name())
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(insurer.requestsPerKey).containsKey(claimNo);
    assertThat(insurer.badSignatures).isEmpty();
    // Then the insurer's requests, with the README's claim number replaced by the one just filed.
    List<String> commands = new ArrayList<>();
    for (String line : flow.substring(flow.indexOf("; done")).split("\n")) {
      if (line.startsWith("curl ")) {
        commands.add(line);
      } else if (!commands.isEmpty() && commands.get(commands.size() - 1).endsWith("\\")) {
        commands.set(commands.size() - 1, commands.get(commands.size() - 1) + "\n" + line);
      }
    }
    assertThat(commands).hasSize(3);
    HttpResponse<String> page = Curl.parse(commands.get(0)).send();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(claimNo);
    HttpResponse<String> decided = Curl.parse(commands.get(1).replaceAll(CLAIM_NO.pattern(), claimNo)).send();
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    assertThat(app.claims().byNumber(claimNo).await(10, TimeUnit.SECONDS).orElseThrow().status().name())
        .isEqualTo("ACCEPTED");
    // The README takes the resident's outbox token from an answer ($tok); any answer to r1 carries the same one.
    assertThat(flow).contains(".outboxToken)");
    HttpResponse<String> outbox = Curl.parse(commands.get(2).replace("$tok", outboxToken)).send();
    assertThat(outbox.statusCode()).isEqualTo(200);
    assertThat(outbox.body()).as("the resident has been told").contains(claimNo);
    assertThat(commands.get(2)).contains("user=" + user);
  }

  /** The first fenced block of {@code language} after the heading or sentence {@code after}. */
  static String block(String after, String language) {
    int from = readme.indexOf(after);
    assertThat(from).as("README has '%s'", after).isNotNegative();
    int open = readme.indexOf("```" + language + "\n", from);
    int close = readme.indexOf("\n```", open + 4);
    return readme.substring(open + language.length() + 4, close);
  }

  /** A terminal transcript: the resident's lines ("你> …") and the assistant's answer after each. */
  record Exchange(String said, String answer) {
  }

  static List<Exchange> transcript(String block) {
    List<Exchange> out = new ArrayList<>();
    String said = null;
    StringBuilder answer = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.startsWith("你> ")) {
        if (said != null) {
          out.add(new Exchange(said, answer.toString()));
        }
        said = line.substring(3);
        answer.setLength(0);
      } else if (said != null) {
        answer.append(line.strip()).append('\n');
      }
    }
    if (said != null) {
      out.add(new Exchange(said, answer.toString()));
    }
    return out;
  }

  /** Runs the resident's lines through the terminal chat's own loop; its printed transcript. */
  static List<Exchange> chat(List<Exchange> readmeSide, String user) throws Exception {
    StringBuilder input = new StringBuilder();
    readmeSide.forEach(e -> input.append(e.said()).append('\n'));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TerminalChat.converse(app, new BufferedReader(new StringReader(input.toString())),
        new PrintStream(printed, true, StandardCharsets.UTF_8), user);
    // The loop prints the prompt without a line break: put each answer on its own lines, as the README shows.
    String text = printed.toString(StandardCharsets.UTF_8).replace("你> 助手>", "你> ?\n助手>");
    List<String> answers = new ArrayList<>();
    for (String chunk : text.split("你> ")) {
      if (chunk.contains("助手>")) {
        answers.add(chunk.substring(chunk.indexOf("助手>")));
      }
    }
    assertThat(answers).hasSameSizeAs(readmeSide);
    List<Exchange> out = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      out.add(new Exchange(readmeSide.get(i).said(), answers.get(i)));
    }
    return out;
  }

  @Test
  void theTerminalQuestionGetsTheIntentAndSourceShown() throws Exception {
    List<Exchange> shown = transcript(block("## Try the assistant", "text"));
    List<Exchange> got = chat(shown, "readme-q");
    Pattern meta = Pattern.compile("\\[intent (\\w+) · confidence [0-9.]+ · source ([\\w-]+) ");
    for (int i = 0; i < shown.size(); i++) {
      Matcher want = meta.matcher(shown.get(i).answer());
      assertThat(want.find()).as("README shows intent and source for '%s'", shown.get(i).said()).isTrue();
      Matcher have = meta.matcher(got.get(i).answer());
      assertThat(have.find()).as(got.get(i).answer()).isTrue();
      assertThat(have.group(1)).as("intent of '%s'", shown.get(i).said()).isEqualTo(want.group(1));
      assertThat(have.group(2)).as("source of '%s'", shown.get(i).said()).isEqualTo(want.group(2));
    }
  }

  @Test
  void theTerminalClaimTranscriptFilesAClaimOnTheTerminalChannel() throws Exception {
    List<Exchange> shown = transcript(block("## Filing a livelihood-insurance claim", "text"));
    assertThat(shown).hasSizeGreaterThan(8);
    List<Exchange> got = chat(shown, "readme-claimant");
    for (int i = 0; i < shown.size(); i++) {
      // Each answer starts as the README's does (its first words: the question asked, or the outcome).
      String want = keyPhrase(shown.get(i).answer());
      assertThat(normalise(got.get(i).answer())).as("answer to '%s'", shown.get(i).said()).contains(want);
    }
    Matcher number = CLAIM_NO.matcher(String.join("\n", got.stream().map(Exchange::answer).toList()));
    assertThat(number.find()).isTrue();
    Claim claim = app.claims().byNumber(number.group()).await(10, TimeUnit.SECONDS).orElseThrow();
    JsonObject json = claim.toJson(false);
    assertThat(json.getString("channel")).isEqualTo("terminal");
    assertThat(json.getJsonArray("history").getJsonObject(0).getString("by")).isEqualTo("terminal:readme-claimant");
  }

  /** The first line of an answer as the README shows it, up to the first variable part (a date, a number). */
  static String keyPhrase(String answer) {
    String first = normalise(answer).lines().findFirst().orElse("");
    Matcher variable = Pattern.compile("WC-|\\d{4}年").matcher(first);
    return variable.find() ? first.substring(0, variable.start()) : first;
  }

  static String normalise(String answer) {
    return answer.replace("助手> ", "").strip();
  }
}
