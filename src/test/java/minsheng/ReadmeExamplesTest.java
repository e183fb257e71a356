package minsheng;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.claims.Claim;
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

  @BeforeAll
  static void start() throws Exception {
    readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_INSURER_API_KEYS", "k1")));
  }

  @AfterAll
  static void stop() {
    app.close();
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
