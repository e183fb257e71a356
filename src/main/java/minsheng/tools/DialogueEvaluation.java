package minsheng.tools;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.channel.ChatApi;
import minsheng.claims.Claim;
import minsheng.config.Config;
import minsheng.dialogue.Message;
import minsheng.dialogue.Reply;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Dialogue-level evaluation of the claim conversation: scripted residents ({@code kb-index/eval/dialogues-dev.yaml}
 * or {@code dialogues-test.yaml}) talk to the service's own wiring ({@link Minsheng#assemble}) on a scratch
 * embedded store, message by message (text over the JSON channel's path, photos as the WeChat image path does),
 * and each conversation is scored by the claim it ends in: right when the resident's filed claims are exactly the
 * one the script expects, field by field (or none when it expects none). Besides: resident messages per filed
 * claim, and repeated prompts — a reply word for word the same as the one before; a conversation with the same
 * reply three times in a row fails whatever it ends in.
 *
 * <p>A script: {@code id}, {@code messy} (written the way residents really type), {@code says} (a list: a text
 * message, {@code {image: URL}} for a WeChat photo, or {@code {repeat: 字, times: N}} for a very long text), and {@code claim}: {@code none}, or the fields the filed
 * claim must have — peril, incidentDate (days before today, MM-DD for the latest such day, or an ISO date),
 * street, community, detail, name, idNumber, phone, losses ({type: yuan}), attachments (how many),
 * awaitingDocuments, description (a part it must contain). Optional {@code handoff: true}: some reply hands over.
 */
public final class DialogueEvaluation {
  public static final String DEV = "eval/dialogues-dev.yaml";
  public static final String TEST = "eval/dialogues-test.yaml";
  private static final int CONCURRENT = 8;
  private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

  private DialogueEvaluation() {
  }

  /** One scripted conversation. {@code says} items are text, or a map with {@code image}. */
  public record Script(String id, boolean messy, List<Object> says, Map<String, Object> claim, boolean handoff) {
  }

  /** One turn as it went: what the resident sent, what came back. */
  public record Turn(String said, String reply, boolean handoff) {
  }

  public record Result(Script script, List<Turn> turns, List<String> problems, int claimsFiled, int repeats,
      int longestRun) {
    public boolean right() {
      return problems.isEmpty();
    }
  }

  public record Report(Path file, List<Result> results) {
    public double rightShare() {
      return results.isEmpty() ? 0 : (double) results.stream().filter(Result::right).count() / results.size();
    }

    public double rightShare(boolean messy) {
      List<Result> of = results.stream().filter(r -> r.script().messy() == messy).toList();
      return of.isEmpty() ? 0 : (double) of.stream().filter(Result::right).count() / of.size();
    }

    /** Resident messages per conversation that ended in a filed claim. */
    public double turnsPerClaim() {
      List<Result> filed = results.stream().filter(r -> r.claimsFiled() > 0).toList();
      return filed.isEmpty() ? 0 : filed.stream().mapToInt(r -> r.turns().size()).sum() / (double) filed.size();
    }

    /** Replies that repeated the reply just before them, over all conversations. */
    public int repeatedPrompts() {
      return results.stream().mapToInt(Result::repeats).sum();
    }

    /** The longest run of one reply said again and again in a row, in any conversation (1: never repeated). */
    public int longestRun() {
      return results.stream().mapToInt(Result::longestRun).max().orElse(0);
    }

    public List<Result> failures() {
      return results.stream().filter(r -> !r.right()).toList();
    }
  }

  public static Path file(Config config, String name) {
    return switch (name) {
      case "dev" -> config.knowledgeBaseDir.resolve(DEV);
      case "test" -> config.knowledgeBaseDir.resolve(TEST);
      default -> Path.of(name);
    };
  }

  @SuppressWarnings("unchecked")
  public static List<Script> read(Path file) throws IOException {
    Object raw;
    try (InputStream in = Files.newInputStream(file)) {
      raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    if (!(raw instanceof List<?> list)) {
      throw new IllegalArgumentException(file + ": a list of conversations is expected");
    }
    List<Script> out = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> m = (Map<String, Object>) o;
      String id = String.valueOf(m.get("id"));
      Object says = m.get("says");
      Object claim = m.get("claim");
      if (!(says instanceof List<?> s) || s.isEmpty() || claim == null) {
        throw new IllegalArgumentException(file + ": conversation " + id + " needs 'says' and 'claim'");
      }
      out.add(new Script(id, Boolean.TRUE.equals(m.get("messy")), (List<Object>) says,
          "none".equals(claim) ? null : (Map<String, Object>) claim, Boolean.TRUE.equals(m.get("handoff"))));
    }
    return out;
  }

  /** Runs every script of {@code file} on a scratch embedded store (deleted afterwards). */
  public static Report evaluate(Config config, Path file) throws Exception {
    List<Script> scripts = read(file);
    List<Result> results = new ArrayList<>();
    AnswerEvaluation.onScratchStore(config, "minsheng-dialogue-eval", app -> {
      for (int from = 0; from < scripts.size(); from += CONCURRENT) {
        List<Future<Result>> running = new ArrayList<>();
        for (int i = from; i < Math.min(from + CONCURRENT, scripts.size()); i++) {
          running.add(run(app, scripts.get(i), "dialogue-eval-" + i + "-" + UUID.randomUUID()));
        }
        Future.all(running).await(300, TimeUnit.SECONDS);
        running.forEach(f -> results.add(f.result()));
      }
    });
    return new Report(file, results);
  }

  private static Future<Result> run(Minsheng app, Script script, String user) {
    List<Turn> turns = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Object said : script.says()) {
      chain = chain.compose(v -> send(app, user, said).map(turn -> {
        turns.add(turn);
        return null;
      }));
    }
    return chain.compose(v -> app.claims().ofResident(ChatApi.CHANNEL + ":" + user))
        .map(claims -> score(script, turns, claims));
  }

  @SuppressWarnings("unchecked")
  private static Future<Turn> send(Minsheng app, String user, Object said) {
    if (said instanceof Map<?, ?> m && m.get("image") != null) {
      String url = String.valueOf(m.get("image"));
      return app.assistant().receivedPhoto(ChatApi.CHANNEL, user, null, url)
          .map(text -> new Turn("[图片 " + url + "]", text, false));
    }
    String text = said instanceof Map<?, ?> m && m.get("repeat") != null
        ? String.valueOf(m.get("repeat")).repeat(Integer.parseInt(String.valueOf(m.get("times"))))
        : String.valueOf(said);
    return app.assistant().respond(new Message(ChatApi.CHANNEL, user, text))
        .map(reply -> new Turn(text, String.join("\n", reply.texts()), reply.handoff()));
  }

  static Result score(Script script, List<Turn> turns, List<Claim> claims) {
    List<String> problems = new ArrayList<>();
    if (script.claim() == null) {
      if (!claims.isEmpty()) {
        problems.add("expected no claim, got " + claims.size());
      }
    } else if (claims.size() != 1) {
      problems.add("expected one claim, got " + claims.size());
    } else {
      compare(script.claim(), claims.get(0), problems);
    }
    if (script.handoff() && turns.stream().noneMatch(Turn::handoff)) {
      problems.add("expected a hand-over, none happened");
    }
    int repeats = 0;
    int run = 1;
    int longest = turns.isEmpty() ? 0 : 1;
    for (int i = 1; i < turns.size(); i++) {
      boolean same = !turns.get(i).reply().isEmpty() && turns.get(i).reply().equals(turns.get(i - 1).reply());
      repeats += same ? 1 : 0;
      run = same ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    if (longest >= 3) {
      problems.add("the same reply " + longest + " times in a row");
    }
    return new Result(script, List.copyOf(turns), problems, claims.size(), repeats, longest);
  }

  @SuppressWarnings("unchecked")
  private static void compare(Map<String, Object> want, Claim c, List<String> problems) {
    JsonObject json = c.toJson(true);
    JsonObject who = json.getJsonObject("claimant");
    JsonObject address = who.getJsonObject("address");
    Map<String, Object> got = new LinkedHashMap<>();
    got.put("peril", json.getString("peril"));
    got.put("incidentDate", json.getString("incidentDate"));
    got.put("street", address.getString("street"));
    got.put("community", address.getString("community"));
    got.put("detail", address.getString("detail"));
    got.put("name", who.getString("name"));
    got.put("idNumber", who.getString("idNumber"));
    got.put("phone", who.getString("phone"));
    got.put("attachments", c.attachments().size());
    got.put("awaitingDocuments", c.awaitingDocuments());
    // Sorted by type on both sides: a claim's losses are a set, the order they were told in is no field.
    Map<String, String> losses = new TreeMap<>();
    c.losses().forEach(l -> losses.put(l.type().name(), l.estimatedAmount().amount().stripTrailingZeros().toPlainString()));
    got.put("losses", losses);
    for (Map.Entry<String, Object> e : want.entrySet()) {
      String field = e.getKey();
      Object expected = e.getValue();
      if (field.equals("description")) {
        if (c.description() == null || !c.description().contains(String.valueOf(expected))) {
          problems.add("description: expected to contain '" + expected + "', got '" + c.description() + "'");
        }
        continue;
      }
      if (field.equals("incidentDate")) {
        expected = date(expected).toString();
      } else if (field.equals("losses")) {
        Map<String, String> w = new TreeMap<>();
        ((Map<String, Object>) expected).forEach((k, v) -> w.put(k, new BigDecimal(String.valueOf(v))
            .stripTrailingZeros().toPlainString()));
        expected = w;
      }
      if (!got.containsKey(field)) {
        throw new IllegalArgumentException("unknown claim field in a script: " + field);
      }
      if (!Objects.equals(String.valueOf(expected), String.valueOf(got.get(field)))) {
        problems.add(field + ": expected " + expected + ", got " + got.get(field));
      }
    }
  }

  /** Days before today, MM-DD (the latest such day up to today), or an ISO date. */
  static LocalDate date(Object spec) {
    LocalDate today = LocalDate.now(DISTRICT);
    if (spec instanceof Number n) {
      return today.minusDays(n.longValue());
    }
    String s = String.valueOf(spec);
    if (s.matches("\\d{2}-\\d{2}")) {
      LocalDate d = MonthDay.parse("--" + s).atYear(today.getYear());
      return d.isAfter(today) ? d.minusYears(1) : d;
    }
    return LocalDate.parse(s);
  }

  public static void print(Report r, PrintStream out, boolean misses) {
    long messy = r.results().stream().filter(x -> x.script().messy()).count();
    out.printf("Claim conversations on %s (%d scripted, %d of them messy; whole pipeline, one resident each)%n",
        r.file(), r.results().size(), messy);
    out.printf("  ending in the right claim (or rightly in none): %.3f (tidy %.3f, messy %.3f)%n", r.rightShare(),
        r.rightShare(false), r.rightShare(true));
    out.printf("  resident messages per filed claim: %.1f%n", r.turnsPerClaim());
    out.printf("  repeated prompts (a reply the same as the one before): %d; longest run: %d%n",
        r.repeatedPrompts(), r.longestRun());
    out.printf("  failures: %d%n", r.failures().size());
    for (Result f : misses ? r.results() : r.failures()) {
      if (f.right() && !misses) {
        continue;
      }
      out.println("  " + (f.right() ? "ok" : "FAIL") + " " + f.script().id() + (f.script().messy() ? " (messy)" : "")
          + (f.right() ? "" : ": " + String.join("; ", f.problems())));
      if (!f.right() || misses) {
        for (Turn t : f.turns()) {
          String said = t.said().length() > 80 ? t.said().substring(0, 40) + "…(" + t.said().length() + " 字)" : t.said();
          out.println("    居民> " + said.replace("\n", " ⏎ "));
          out.println("    助手> " + t.reply().replace("\n", " ⏎ ") + (t.handoff() ? " [转人工]" : ""));
        }
      }
    }
  }
}
