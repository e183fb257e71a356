package minsheng.tools;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import minsheng.app.Minsheng;
import minsheng.channel.ChatApi;
import minsheng.config.Config;
import minsheng.dialogue.Message;
import minsheng.dialogue.Reply;

/**
 * Answer-level evaluation: does the reply a resident gets hold the fact that was asked for, and does the
 * assistant hand over when the knowledge base does not hold it? Each question of a file
 * ({@code kb-index/eval/answers-dev.tsv} or {@code answers-test.tsv}) is sent as a JSON-channel message in a
 * fresh conversation to the service's own wiring ({@link Minsheng#assemble}) on a scratch embedded store, so the
 * whole pipeline answers it exactly as it would answer a resident, and the reply text is scored.
 *
 * <p>Scoring, per class (the file's {@code class} column):
 * <ul>
 * <li>{@code in_scope}: right when the reply is not a hand-over and contains one of the key facts verbatim;
 *   handed off when it is a hand-over; otherwise a false answer (right topic, wrong fact; a clarifying question or
 *   a claim form counts here too: the resident did not get the fact).</li>
 * <li>{@code missing_detail}, {@code general_neighbour}: right only when handed over.</li>
 * <li>{@code other_place}: right when handed over, or when the reply cites no article, says the assistant knows
 *   Wuchang only ({@link #ONLY_WUCHANG}) and points elsewhere ({@link #POINTER}).</li>
 * <li>{@code currency}: right when handed over, or when the reply gives the dated figure (a key fact, when the
 *   row names one), its year ({@link #YEAR}), says that today's figure may differ ({@link #NOW}) and whom to
 *   check it with ({@link #CHECK_WITH_PERSON}).</li>
 * </ul>
 * Anything else on an unanswerable question is a false answer.
 */
public final class AnswerEvaluation {
  public static final String DEV = "eval/answers-dev.tsv";
  public static final String TEST = "eval/answers-test.tsv";
  public static final String IN_SCOPE = "in_scope";
  /** The classes of the files, in the order the report lists them. */
  public static final List<String> CLASSES = List.of(IN_SCOPE, "other_place", "missing_detail", "currency",
      "general_neighbour");
  /** Questions in flight at once. */
  private static final int CONCURRENT = 16;
  private static final String HEADER = "question\tclass\tarticle\tkey_fact\tnote";

  /** "我只了解武昌区的…", "仅限武昌区": the reply says whose programmes it knows. */
  static final Pattern ONLY_WUCHANG = Pattern.compile("(只|仅)[^,。,.!!??\\n]{0,8}武昌");
  /** Where to ask instead: the place's own offices, the city hotline, or a person. */
  static final Pattern POINTER = Pattern.compile("当地|12345|请问|咨询|问问");
  static final Pattern YEAR = Pattern.compile("20\\d\\d");
  static final Pattern NOW = Pattern.compile("现在|目前|最新|如今|今年");
  static final Pattern CHECK_WITH_PERSON = Pattern.compile("请问|问问|咨询|核实|核对|确认|为准|工作人员");

  private AnswerEvaluation() {
  }

  /** One row of a question file. {@code keyFacts} are alternatives: a reply holding any one of them is right. */
  public record Question(String text, String kind, String article, List<String> keyFacts, String note) {
    public boolean answerable() {
      return kind.equals(IN_SCOPE);
    }
  }

  public enum Outcome {
    /** The fact asked for, or the hand-over (or reply) an unanswerable question requires. */
    RIGHT,
    /** An in-scope question handed to a person. */
    HANDED_OFF,
    /** An unanswerable question answered, or an in-scope one answered without its key fact. */
    FALSE_ANSWER
  }

  /** What one question got. {@code sources} are the article ids the reply cites. */
  public record Scored(Question question, String reply, boolean handoff, List<String> sources, Outcome outcome) {
  }

  /** Counts for one class; {@code right + handedOff + falseAnswers == questions}. */
  public record ClassFigures(String kind, int questions, int right, int handedOff, int falseAnswers) {
    public double rightRate() {
      return ratio(right, questions);
    }

    public double handedOffRate() {
      return ratio(handedOff, questions);
    }

    public double falseRate() {
      return ratio(falseAnswers, questions);
    }
  }

  /** The figures for one file, every question's outcome, and the misses (every outcome that is not right). */
  public record Report(Path file, Map<String, ClassFigures> perClass, List<Scored> scored) {
    public int questions() {
      return scored.size();
    }

    /** In-scope questions whose reply holds the key fact, without a hand-over. */
    public double answerAccuracy() {
      return perClass.get(IN_SCOPE).rightRate();
    }

    public double inScopeHandedOff() {
      return perClass.get(IN_SCOPE).handedOffRate();
    }

    /** Unanswerable questions handed over, or given the reply their class requires. */
    public double unanswerableHandled() {
      int n = 0;
      int right = 0;
      for (ClassFigures c : perClass.values()) {
        if (!c.kind().equals(IN_SCOPE)) {
          n += c.questions();
          right += c.right();
        }
      }
      return ratio(right, n);
    }

    /** False answers, in-scope and unanswerable together, over all questions. */
    public double falseAnswerRate() {
      return ratio(perClass.values().stream().mapToInt(ClassFigures::falseAnswers).sum(), questions());
    }

    public List<Scored> misses() {
      return scored.stream().filter(s -> s.outcome() != Outcome.RIGHT).toList();
    }
  }

  /** {@code dev}, {@code test}, or a path: the question file the {@code --answers} flag names. */
  public static Path file(Config config, String name) {
    return switch (name) {
      case "dev" -> config.knowledgeBaseDir.resolve(DEV);
      case "test" -> config.knowledgeBaseDir.resolve(TEST);
      default -> Path.of(name);
    };
  }

  /**
   * Reads a question file; a malformed row is refused with its line number, so a typo cannot silently drop a
   * question or turn an unanswerable one into an answerable one.
   */
  public static List<Question> read(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new IllegalArgumentException(tsv + ": the first line must be the header '" + HEADER.replace("\t", "⇥")
          + "'");
    }
    List<Question> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      String where = tsv + " line " + (i + 1) + ": ";
      if (cols.length != 5) {
        throw new IllegalArgumentException(where + "expected 5 tab-separated columns, got " + cols.length);
      }
      String text = cols[0].strip();
      String kind = cols[1].strip();
      String article = cols[2].strip();
      List<String> facts = Stream.of(cols[3].split("\\|")).map(String::strip).filter(f -> !f.isEmpty()).toList();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(where + "empty question");
      }
      if (!CLASSES.contains(kind)) {
        throw new IllegalArgumentException(where + "unknown class '" + kind + "' (one of " + CLASSES + ")");
      }
      if (kind.equals(IN_SCOPE) && (article.isEmpty() || facts.isEmpty())) {
        throw new IllegalArgumentException(where + "an in_scope question needs an article and a key fact");
      }
      if (!kind.equals(IN_SCOPE) && !kind.equals("currency") && (!article.isEmpty() || !facts.isEmpty())) {
        throw new IllegalArgumentException(where + "an unanswerable question has no article or key fact");
      }
      out.add(new Question(text, kind, article, facts, cols[4].strip()));
    }
    return out;
  }

  /** How one reply scores for its question (see the class comment). */
  public static Outcome score(Question q, Reply reply) {
    String text = String.join("\n", reply.texts());
    boolean hasFact = q.keyFacts().stream().anyMatch(text::contains);
    if (q.answerable()) {
      return reply.handoff() ? Outcome.HANDED_OFF : hasFact ? Outcome.RIGHT : Outcome.FALSE_ANSWER;
    }
    if (reply.handoff()) {
      return Outcome.RIGHT;
    }
    boolean required = switch (q.kind()) {
      case "other_place" -> reply.sources().isEmpty() && ONLY_WUCHANG.matcher(text).find()
          && POINTER.matcher(text).find();
      case "currency" -> (q.keyFacts().isEmpty() || hasFact) && YEAR.matcher(text).find()
          && NOW.matcher(text).find() && CHECK_WITH_PERSON.matcher(text).find();
      default -> false;
    };
    return required ? Outcome.RIGHT : Outcome.FALSE_ANSWER;
  }

  /**
   * Runs every question of {@code tsv} through the service's wiring on a scratch embedded store (deleted
   * afterwards; a configured MongoDB is never touched), one fresh JSON-channel conversation per question.
   */
  public static Report evaluate(Config config, Path tsv) throws Exception {
    List<Question> questions = read(tsv);
    List<Scored> scored = new ArrayList<>();
    onScratchStore(config, "minsheng-answer-eval", app -> {
      // A few residents at a time, as the service meets them: the store groups their writes.
      for (int from = 0; from < questions.size(); from += CONCURRENT) {
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = from; i < Math.min(from + CONCURRENT, questions.size()); i++) {
          replies.add(app.assistant().respond(new Message(ChatApi.CHANNEL, "answer-eval-" + i,
              questions.get(i).text())));
        }
        Future.all(replies).await(60, TimeUnit.SECONDS);
        for (int i = 0; i < replies.size(); i++) {
          Question q = questions.get(from + i);
          Reply reply = replies.get(i).result();
          scored.add(new Scored(q, String.join("\n", reply.texts()), reply.handoff(),
              reply.sources().stream().map(Reply.Source::id).toList(), score(q, reply)));
        }
      }
    });
    return report(tsv, scored);
  }

  /** What an evaluation does with the service's wiring. */
  interface WithService {
    void run(Minsheng app) throws Exception;
  }

  /**
   * Runs {@code work} against the service's wiring on a scratch embedded store, deleted afterwards (a configured
   * MongoDB is never touched).
   */
  static void onScratchStore(Config config, String prefix, WithService work) throws Exception {
    Path scratch = Files.createTempDirectory(prefix);
    try {
      Config scratchConfig = config.with(Map.of("dataDir", scratch.toString(), "mongo.uri", "",
          // A password of its own, so that the console account the wiring creates prints nothing.
          "admin.password", UUID.randomUUID().toString()));
      try (Minsheng app = Minsheng.assemble(scratchConfig)) {
        work.run(app);
      }
    } finally {
      deleteScratch(scratch);
    }
  }

  static Report report(Path file, List<Scored> scored) {
    Map<String, ClassFigures> perClass = new LinkedHashMap<>();
    for (String kind : CLASSES) {
      List<Scored> of = scored.stream().filter(s -> s.question().kind().equals(kind)).toList();
      perClass.put(kind, new ClassFigures(kind, of.size(), count(of, Outcome.RIGHT), count(of, Outcome.HANDED_OFF),
          count(of, Outcome.FALSE_ANSWER)));
    }
    return new Report(file, perClass, List.copyOf(scored));
  }

  private static int count(List<Scored> scored, Outcome outcome) {
    return (int) scored.stream().filter(s -> s.outcome() == outcome).count();
  }

  static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }

  static void print(Report r, PrintStream out, boolean misses) {
    out.printf("Answers on %s (%d questions; whole pipeline, one fresh JSON-channel conversation each)%n",
        r.file(), r.questions());
    out.printf("  %-18s %5s %7s %7s %7s%n", "class", "n", "right", "handed", "false");
    r.perClass().values().forEach(c -> out.printf("  %-18s %5d %7.3f %7.3f %7.3f%n", c.kind(), c.questions(),
        c.rightRate(), c.handedOffRate(), c.falseRate()));
    out.printf("  answer accuracy on in-scope questions (key fact in the reply, no hand-over): %.3f%n",
        r.answerAccuracy());
    out.printf("  unanswerable questions handed over (or given the reply their class requires): %.3f%n",
        r.unanswerableHandled());
    out.printf("  false answers (all questions): %.3f%n", r.falseAnswerRate());
    if (misses) {
      r.misses().stream().sorted(Comparator.comparing((Scored s) -> CLASSES.indexOf(s.question().kind())))
          .forEach(s -> out.println("  miss [" + s.question().kind() + "] " + s.question().text() + " | expected: "
              + expected(s.question()) + " | got " + s.outcome().name().toLowerCase()
              + (s.handoff() ? " (hand-over)" : s.sources().isEmpty() ? "" : " " + s.sources()) + ": "
              + s.reply().replace("\n", " ⏎ ")));
    }
  }

  private static String expected(Question q) {
    return switch (q.kind()) {
      case IN_SCOPE -> String.join(" or ", q.keyFacts()) + " (" + q.article() + ")";
      case "other_place" -> "hand-over, or 'Wuchang only' with a pointer";
      case "currency" -> "hand-over, or " + (q.keyFacts().isEmpty() ? "the figure" : String.join(" or ", q.keyFacts()))
          + " with its year and 'check today's figure with a person'";
      default -> "hand-over" + (q.note().isEmpty() ? "" : " (no " + q.note() + " in the articles)");
    };
  }

  private static void deleteScratch(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
