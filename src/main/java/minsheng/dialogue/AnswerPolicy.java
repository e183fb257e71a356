package minsheng.dialogue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import minsheng.claims.Policy;
import minsheng.kb.Article;
import minsheng.kb.ArticleMatch;
import minsheng.kb.Fusion;
import minsheng.kb.KnowledgeBase;
import minsheng.kb.SearchHit;
import minsheng.nlu.Intent;
import minsheng.nlu.Understanding;

/**
 * Decides what to do with one message from what the intent model understood and what the knowledge base
 * finds. Intent and retrieval decide together: the intent names the topic, hybrid retrieval (BM25 and
 * sentence vectors, fused) picks the article and its passage; low confidence or weak retrieval hands the
 * resident to a person, never a guess, and so does a question the article cannot answer
 * ({@link Answerability}: another place, a kind of information it does not state, "now" of a dated figure).
 */
public final class AnswerPolicy {
  private static final int CANDIDATES = 5;
  private static final int MIN_WORDS_FOR_A_QUESTION = 3;
  static final Set<String> SMALLTALK = Set.of("greeting", "thanks", "goodbye", "capabilities");
  static final String OUT_OF_SCOPE = "out_of_scope";
  static final String HUMAN = "human_handoff";
  static final String CLAIM_STATUS = "claim_status";
  static final String CLAIM_START = "claim_start";

  /** The gazetteer the service reads unless configured otherwise. */
  public static final Path PLACES = Path.of("conf/places-zh.txt");
  public static final Path NEIGHBOURS = Path.of("conf/neighbours-zh.txt");
  /** Hand-overs decided by the answerability checks: the question was understood, the answer is not there. */
  private static final Set<Decision.Reason> UNANSWERABLE = EnumSet.of(Decision.Reason.MISSING_DETAIL,
      Decision.Reason.NOT_CURRENT, Decision.Reason.NOT_COVERED);
  /** How far above the answer threshold a question must match to outweigh a greeting around it. */
  private static final double STRONG_MARGIN = 0.15;
  /**
   * How far the best article must lead every other candidate for an unsure intent to be answered under the strong
   * score ({@link #singledOut}). Chosen on the dev file (3,614): 0.06 / 0.10 / 0.15 answered 3 / 2 / 1 more
   * general-knowledge neighbours wrongly than main and about the same in-scope questions; 0.15 kept.
   */
  static final double CLEAR_LEAD = 0.15;
  /**
   * How far under its threshold the intent model's best topic may be for retrieval to decide under the strong
   * score: a vague question the model is torn on ("老人困难补助": elderly care 0.30, social assistance 0.25) is asked
   * about, not answered from the one article that matches it best.
   */
  static final double NEARLY_SURE = 0.1;
  /** How much better on its own an article must match to win over one the intent's topic lifts. */
  static final double CLEARLY_BETTER = 0.06;
  /** The check that answered a question about a covered peril with a passage naming it. */
  private static final String PERIL = "peril";
  /** The check that found no passage of the best article stating the kind asked for. */
  private static final String KIND = "kind";
  /**
   * Kinds a runner-up may answer: a particular fact (a date, a figure, a name, a door number), which a passage of
   * another article states or not; not a procedure, criteria or eligibility, which many passages seem to state.
   */
  private static final Set<QuestionKind> RUNNER_UP_KINDS = EnumSet.of(QuestionKind.DATE, QuestionKind.DURATION,
      QuestionKind.AMOUNT, QuestionKind.CAP, QuestionKind.COUNT, QuestionKind.THRESHOLD, QuestionKind.PERSON,
      QuestionKind.ORGANISATION, QuestionKind.STREET_ADDRESS, QuestionKind.PHONE, QuestionKind.HOURS, QuestionKind.NAME,
      QuestionKind.REASON);
  /** How far below the best a runner-up may match and still answer what the best does not state. */
  static final double RUNNER_UP_GAP = 0.25;
  /** How far under the answer threshold a runner-up may match (its passage must state the fact asked for). */
  static final double RUNNER_UP_SLACK = 0.1;
  /**
   * "理赔的资料哪个来收", "哪个来现场定损": who does something in claims generally, a question for the articles, not the
   * resident's own claim to file or look up.
   */
  private static final Pattern WHO_DOES = Pattern.compile("(哪个|谁)来(?![的了])[\\u4e00-\\u9fa5]");
  /**
   * "在这个聊天框框里头能不能直接登记理赔", "打字跟你报案可以冇": asked whether a claim can be made this way — a question
   * the knowledge base answers (and the answer says how to begin), not a request to begin.
   */
  private static final Pattern CHANNEL_ASKED = Pattern.compile(
      "(这里|这儿|这上面|这个上面|手机上|网上|微信|聊天|对话框|打字|直接)[^,,。]{0,10}(报案|报|登记|申请|理赔|理陪)[^,,。]{0,10}"
          + "(吗|啵|冇|不$|没$|可以不|行不行|得不得行|能不能|可不可以)"
          + "|(能不能|可不可以|可以冇|能否)[^,,。]{0,4}(在这里|在这|这上面|这个上面|手机上|网上|微信上|打字|直接)[^,,。]{0,8}(报|登记|申请|理赔)");

  /** The check that handed over a question naming a programme no article names (医保, 独生子女…). */
  private static final String NEIGHBOUR = "neighbour";

  private final KnowledgeBase kb;
  private final double confidenceThreshold;
  private final double clarifyMargin;
  private final double minFused;
  private final double topicWeight;
  private final double strongScore;
  private final Fusion fusion;
  private final Answerability answerability;
  private final KnownTerms known;
  private final Coverage coverage;

  /** A policy with the default fusion and gazetteer (tools and tests; the service passes its configuration). */
  public AnswerPolicy(KnowledgeBase kb, double confidenceThreshold, double clarifyMargin, double minFused,
      double topicWeight) {
    this(kb, Places.load(PLACES), Answerability.terms(NEIGHBOURS), confidenceThreshold, clarifyMargin, minFused,
        topicWeight, Fusion.DEFAULT);
  }

  public AnswerPolicy(KnowledgeBase kb, Places places, Answerability.Terms terms, double confidenceThreshold,
      double clarifyMargin, double minFused, double topicWeight, Fusion fusion) {
    this(kb, places, terms, Policy.load(), confidenceThreshold, clarifyMargin, minFused, topicWeight, fusion);
  }

  /** {@code insurance}: the policy whose perils tell a covered event from another ({@link Coverage}). */
  public AnswerPolicy(KnowledgeBase kb, Places places, Answerability.Terms terms, Policy insurance,
      double confidenceThreshold, double clarifyMargin, double minFused, double topicWeight, Fusion fusion) {
    this.coverage = new Coverage(insurance, terms.losses());
    this.topicWeight = topicWeight;
    this.strongScore = minFused + STRONG_MARGIN;
    this.kb = kb;
    this.confidenceThreshold = confidenceThreshold;
    this.clarifyMargin = clarifyMargin;
    this.minFused = minFused;
    this.fusion = fusion;
    this.known = new KnownTerms(kb, terms.functionWords());
    this.answerability = new Answerability(places, terms, known::latestYear);
  }

  /** What the policy decided and why: the kind of question, which check decided, what retrieval found. */
  public record Explanation(Decision decision, QuestionKind kind, String check, List<ArticleMatch> matches) {
    static Explanation of(Decision d, String check) {
      return new Explanation(d, QuestionKind.OTHER, check, List.of());
    }
  }

  /** Decides, embedding the question here (blocking; the message path embeds off the event loop first). */
  public Decision decide(Understanding u) {
    return decide(u, kb.embedder().embed(u.text()));
  }

  public Decision decide(Understanding u, float[] vector) {
    return explain(u, vector).decision();
  }

  public Explanation explain(Understanding u, float[] vector) {
    if (u.text().isBlank()) {
      return Explanation.of(new Decision.Empty(), "empty");
    }
    Intent best = u.best();
    String name = best.name();
    boolean sure = best.confidence() >= confidenceThreshold;
    if (!(sure && (SMALLTALK.contains(name) || HUMAN.equals(name)))) {
      // Another place first: whatever the topic, Wuchang's rule is not the answer there.
      Optional<Answerability.Verdict> elsewhere = answerability.place(u.text());
      if (elsewhere.isPresent()) {
        return new Explanation(new Decision.Handoff(Decision.Reason.OTHER_PLACE, best, elsewhere.get().missing(), null),
            QuestionKind.of(u.text()), "place", List.of());
      }
    }
    if (!sure) {
      Optional<Explanation> found = retrievalDecides(u, u.ranked().stream().filter(i -> isTopic(i.name())).findFirst(),
          vector);
      if (found.isPresent()) {
        return found.get();
      }
      // Torn between two topics the knowledge base answers: ask which one, rather than pass to a person.
      Intent second = u.second();
      if (isTopic(best.name()) && isTopic(second.name())
          && best.confidence() + second.confidence() >= confidenceThreshold) {
        return answeredInEither(u, best, second, vector)
            .orElse(Explanation.of(new Decision.Clarify(best, second), "intent"));
      }
      return Explanation.of(new Decision.Handoff(Decision.Reason.LOW_CONFIDENCE, best), "intent");
    }
    if (SMALLTALK.contains(name)) {
      return smalltalkOrQuestion(u, best, vector);
    }
    switch (name) {
      case OUT_OF_SCOPE:
        return Explanation.of(new Decision.Handoff(Decision.Reason.OUT_OF_SCOPE, best), "intent");
      case HUMAN:
        return Explanation.of(new Decision.Handoff(Decision.Reason.REQUESTED, best), "intent");
      case CLAIM_STATUS:
        if (QuestionKind.of(ResidentWords.plain(u.text())).specific() || WHO_DOES.matcher(u.text()).find()) {
          // "理赔一共赔了好多钱": a question about claims in general, not about the resident's own.
          return answer(best, u.topicProbabilities(), u.text(), u.words(), vector);
        }
        return Explanation.of(new Decision.Handoff(Decision.Reason.CLAIM_STATUS, best), "intent");
      default:
        break;
    }
    Intent second = u.second();
    if (isTopic(second.name()) && best.confidence() - second.confidence() < clarifyMargin) {
      return retrievalDecides(u, Optional.of(best), vector)
          .or(() -> answeredInEither(u, best, second, vector))
          .orElse(Explanation.of(new Decision.Clarify(best, second), "intent"));
    }
    return answer(best, u.topicProbabilities(), u.text(), u.words(), vector);
  }

  /**
   * When the intent model is unsure, retrieval may still be sure: a strong match answers (or, understood but
   * not answerable, is handed over with what is missing) instead of asking which topic or handing over blind.
   */
  private Optional<Explanation> retrievalDecides(Understanding u, Optional<Intent> topic, float[] vector) {
    if (topic.isEmpty() || u.words().size() < MIN_WORDS_FOR_A_QUESTION) {
      return Optional.empty();
    }
    Explanation e = answer(topic.get(), u.topicProbabilities(), u.text(), u.words(), vector);
    double top = e.matches().isEmpty() ? 0 : e.matches().get(0).fused();
    // Saying what is missing needs less certainty than answering: it hands over either way.
    // So does an answer naming the covered peril the question tells of: the question and the passage agree on it.
    if (e.decision() instanceof Decision.Answer
        && (top >= strongScore || singledOut(u, e.matches()) || PERIL.equals(e.check()) && top >= minFused)
        || e.decision() instanceof Decision.Handoff h && UNANSWERABLE.contains(h.reason())
            && (top >= minFused || NEIGHBOUR.equals(e.check()))) {
      return Optional.of(e);
    }
    return Optional.empty();
  }

  /**
   * Whether retrieval singles out the article it answers from, in one of the two topics the unsure intent model
   * hesitates between, when the model nearly decided (its best within {@link #NEARLY_SURE} of its threshold): the
   * article matches well enough on its own and leads every other candidate, in the order retrieval and the intent's
   * lift gave them, by {@link #CLEAR_LEAD}. A score under {@link #strongScore} then
   * answers too ("刘某两口子每月退休金几多": social assistance at 0.51, its article at 0.50 with the next 0.32 behind);
   * an article of a topic the intent model does not consider ("伢刚生下来么样上户口" finds who the insurance covers)
   * does not.
   */
  private boolean singledOut(Understanding u, List<ArticleMatch> ranked) {
    if (ranked.isEmpty()) {
      return false;
    }
    ArticleMatch top = ranked.get(0);
    String topic = top.article().topic();
    double next = ranked.stream().skip(1).mapToDouble(ArticleMatch::order).max().orElse(0);
    return u.best().confidence() >= confidenceThreshold - NEARLY_SURE
        && (topic.equals(u.best().name()) || topic.equals(u.second().name())) && top.fused() >= minFused
        && top.order() - next >= CLEAR_LEAD;
  }

  /**
   * Torn between two topics, a question that retrieval answers from an article of either one, at the answer
   * threshold and past every check, is answered: "which one do you mean" would ask the resident to choose
   * between the very topics the answer already belongs to ("创业带动了几多人就业": employment or the district's
   * figures, and the loans article states 10.8万人). An article of a third topic is no such answer, and a
   * question asking nothing in particular, or one retrieval does not answer, is still asked about.
   */
  private Optional<Explanation> answeredInEither(Understanding u, Intent best, Intent second, float[] vector) {
    if (u.words().size() < MIN_WORDS_FOR_A_QUESTION) {
      return Optional.empty();
    }
    Set<String> torn = Set.of(best.name(), second.name());
    // Retrieval's own best first; when that is a third topic's article, each of the two topics' own best, as if the
    // resident had chosen it ("理陪是去社区还是去街道哪个窗口": the claim topic's article names the window).
    return Stream.concat(Stream.of(answer(best, u.topicProbabilities(), u.text(), u.words(), vector)),
            Stream.of(best, second).map(t -> answer(t, Map.of(t.name(), 1.0), u.text(), u.words(), vector, minFused, true)))
        // A question naming a topic and asking nothing in particular ("老人困难补助") is asked which one it means.
        .filter(x -> x.decision() instanceof Decision.Answer a && x.kind() != QuestionKind.OTHER
            && x.matches().get(0).fused() >= minFused && torn.contains(a.hits().get(0).article().topic()))
        .findFirst();
  }

  /**
   * "你好 低保怎么申请" or "这个保险有啥用" look like small talk to the intent model but carry a question the
   * knowledge base answers well: then the question wins over the pleasantry.
   */
  private Explanation smalltalkOrQuestion(Understanding u, Intent best, float[] vector) {
    if (u.words().size() >= MIN_WORDS_FOR_A_QUESTION) {
      Intent topic = u.ranked().stream().filter(i -> isTopic(i.name())).findFirst().orElse(null);
      if (topic != null) {
        Explanation e = answer(topic, u.topicProbabilities(), u.text(), u.words(), vector);
        // "老吾老这个名字全称是么事" reads as "what can you do" to the intent model, yet names the programme an article
        // is about: a match at the answer threshold answers it, as it would any question naming its subject.
        if (e.decision() instanceof Decision.Answer a && (a.hits().get(0).score() >= strongScore
            || a.hits().get(0).score() >= minFused && namesSubject(u.text(), a.hits().get(0).article()))) {
          return e;
        }
        // "为民服务站是哪个在负责 叫么名字": understood, and the articles do not say: hand over, naming what is missing.
        // A programme no article names ("省人民医院晚上有冇得急诊") is handed over however weak the match.
        if (e.decision() instanceof Decision.Handoff h && UNANSWERABLE.contains(h.reason())
            && (!e.matches().isEmpty() && e.matches().get(0).fused() >= minFused || NEIGHBOUR.equals(e.check()))) {
          return e;
        }
      }
    }
    return Explanation.of(new Decision.Smalltalk(best), "intent");
  }

  /** The district and the city: every article is about them, so naming them names no article's subject. */
  private static final Pattern EVERYWHERE = Pattern.compile("武昌|武汉|全区");
  /** The shortest keyword that names an article's subject in a question. */
  private static final int SUBJECT_CHARS = 2;

  /** Whether a question names one of an article's keywords (老吾老, 民生数说), not only the district. */
  static boolean namesSubject(String question, Article article) {
    String q = ResidentWords.plain(question);
    return article.keywords().stream().anyMatch(k -> k.length() >= SUBJECT_CHARS && !EVERYWHERE.matcher(k).find()
        && q.contains(k));
  }

  /** The answer when the resident chose a topic: that topic's best article, if good enough. */
  public Decision answer(Intent chosen, String question) {
    return answer(chosen, question, kb.embedder().embed(question));
  }

  /**
   * The resident named the topic (a choice after "which one do you mean"): a vaguer match will do, since the
   * topic is known, so the bar is half the usual one.
   */
  public Decision answer(Intent chosen, String question, float[] vector) {
    return answer(chosen, Map.of(chosen.name(), 1.0), question, kb.analyzer().words(question), vector,
        minFused / 2, true).decision();
  }

  /**
   * The article and passage for a question. The place is checked first; then each candidate's fused score is
   * weighted by how likely the intent model finds its topic, so the intent narrows the topic while a clearly
   * better match from a neighbouring topic can still win. The best candidate must match well enough on its
   * own (the fused score's threshold, chosen on the dev set), and pass the kind and currency checks.
   */
  public Explanation answer(Intent intent, Map<String, Double> topicProbabilities, String text, List<String> words,
      float[] vector) {
    return answer(intent, topicProbabilities, text, words, vector, minFused, false);
  }

  /**
   * {@code topicChosen}: the resident named the topic (a choice after "which one do you mean"), so its articles
   * come first: retrieval's ranking across topics does not overrule their choice.
   */
  private Explanation answer(Intent intent, Map<String, Double> topicProbabilities, String asked, List<String> typed,
      float[] vector, double threshold, boolean topicChosen) {
    // Full-width digits and traditional characters read as the checks' patterns are written ("第６网格"), and as
    // the articles are written: "民生保險要不要我個人掏錢" finds the passage saying who pays by 个人 and 掏钱.
    String text = ResidentWords.plain(asked);
    List<String> words = text.equals(asked) ? typed : kb.analyzer().words(text);
    QuestionKind kind = QuestionKind.of(text);
    Optional<Answerability.Verdict> elsewhere = answerability.place(text);
    if (elsewhere.isPresent()) {
      return new Explanation(new Decision.Handoff(Decision.Reason.OTHER_PLACE, intent, elsewhere.get().missing(), null),
          kind, "place", List.of());
    }
    List<ArticleMatch> ranked = new ArrayList<>(kb.hybrid(words, vector, fusion, CANDIDATES));
    // The intent lifts an article's retrieval score; the lag of its closest passage then comes off (see ArticleMatch).
    ranked.sort(Comparator.comparingDouble((ArticleMatch m) -> m.fused()
        * (1 + topicWeight * topicProbabilities.getOrDefault(m.article().topic(), 0.0)) - m.lag()).reversed());
    outranked(ranked, threshold).ifPresent(m -> {
      ranked.remove(m);
      ranked.add(0, m);
    });
    if (topicChosen) {
      ranked.sort(Comparator.comparing((ArticleMatch m) -> !m.article().topic().equals(intent.name())));
    }
    Optional<String> nowhere = answerability.neighbourNamedNowhere(text, known::usedAnywhere);
    if (nowhere.isPresent()) {
      return new Explanation(new Decision.Handoff(Decision.Reason.NOT_COVERED, intent, nowhere.get(), null), kind,
          NEIGHBOUR, ranked);
    }
    if (ranked.isEmpty() || ranked.get(0).fused() < threshold || ranked.get(0).passages().isEmpty()) {
      return new Explanation(new Decision.Handoff(Decision.Reason.WEAK_RETRIEVAL, intent), kind, "score", ranked);
    }
    boolean cover = Coverage.about(text, kind);
    // Only whether it is covered: how much is paid is the caps' to say, whatever the peril.
    List<String> perils = Coverage.asks(text) && !kind.specific() ? coverage.perilsTold(text) : List.of();
    // "我伢下河救人受了伤 民生保险赔不赔": asked of a covered peril, answered by an article naming it.
    naming(ranked, perils, threshold).ifPresent(m -> {
      ranked.remove(m);
      ranked.add(0, m);
    });
    Answerability.Verdict first = answerability.check(text, words, kind, ranked.get(0));
    // The best article states no fact of the kind asked ("徐家幸福食堂哪天开张的" finds where the canteen is): a
    // runner-up that states it answers instead (one rule, two ways to pass: see runnerUp).
    Optional<Stating> stating = first.answers() || !perils.isEmpty() ? Optional.empty()
        : runnerUp(ranked, first, text, words, kind, threshold);
    Answerability.Verdict v = first;
    if (stating.isPresent()) {
      ranked.remove(stating.get().match());
      ranked.add(0, stating.get().match());
      v = stating.get().verdict();
    }
    ArticleMatch top = ranked.get(0);
    if (!v.answers()) {
      return new Explanation(new Decision.Handoff(v.reason(), intent, v.missing(),
          v.passage() == null ? null : v.passage().passage()), kind, v.check(), ranked);
    }
    // Whether the insurance pays for what is asked is stated only for its perils and the losses it names.
    Optional<String> uncovered = cover ? coverage.notStated(text, top.article().title() + top.article().body())
        : Optional.empty();
    if (uncovered.isPresent()) {
      return new Explanation(new Decision.Handoff(Decision.Reason.MISSING_DETAIL, intent, uncovered.get(),
          v.passage().passage()), kind, "cover", ranked);
    }
    if (!perils.isEmpty()) {
      Optional<ArticleMatch.PassageMatch> naming = Optional.of(v.passage()).filter(p -> names(p.passage().text(), perils))
          .or(() -> top.passages().stream().filter(p -> names(p.passage().text(), perils)).findFirst());
      if (naming.isPresent()) {
        v = new Answerability.Verdict(PERIL, null, null, naming.get());
      }
    }
    // What is asked about must be something the knowledge base knows at all, whatever else the question shares.
    Optional<String> unknown = v.reason() == null ? known.unknown(text, words) : Optional.empty();
    if (unknown.isPresent()) {
      return new Explanation(new Decision.Handoff(Decision.Reason.MISSING_DETAIL, intent, unknown.get(),
          v.passage().passage()), kind, "unknown", ranked);
    }
    // A particular fact (where, who, how many) of something the article never names is a fact about its
    // neighbour: "about", as when a passage states the kind for something else.
    Optional<String> elsewhereKnown = kind.specific() ? known.notInArticle(text, words, top.article()) : Optional.empty();
    if (elsewhereKnown.isPresent()) {
      return new Explanation(new Decision.Handoff(Decision.Reason.MISSING_DETAIL, intent, elsewhereKnown.get(),
          v.passage().passage()), kind, "about", ranked);
    }
    List<SearchHit> hits = ranked.stream().limit(3).map(m -> new SearchHit(m.article(), m.fused())).toList();
    return new Explanation(new Decision.Answer(intent, hits, v.passage().passage()), kind, v.check(), ranked);
  }

  /** A runner-up article and the checks' verdict on it, which names the passage stating the kind asked for. */
  private record Stating(ArticleMatch match, Answerability.Verdict verdict) {
  }

  /**
   * The runner-up article that answers when the best one states no fact of the kind asked, the candidates tried in
   * the order they rank, each checked once. One passes in either of two ways: close to the best (within {@link
   * #RUNNER_UP_GAP}, at most {@link #RUNNER_UP_SLACK} under the threshold) for a particular fact (a date, a figure, a
   * name, a door number), its stating passage about what the question names ({@link Answerability#runnerUpAbout});
   * or, when no passage of the best article states the kind at all, over the threshold with a stating passage that
   * matches the question at least as well as the best article's best passage ("么时候开张" of the canteen: its
   * address article and its free-lunch article match alike, only the second states a date).
   */
  private Optional<Stating> runnerUp(List<ArticleMatch> ranked, Answerability.Verdict failed, String text,
      List<String> words, QuestionKind kind, double threshold) {
    boolean kindMissing = KIND.equals(failed.check());
    if (failed.reason() != Decision.Reason.MISSING_DETAIL || !kind.specific()
        || !(kindMissing || "about".equals(failed.check()))) {
      return Optional.empty();
    }
    boolean particular = RUNNER_UP_KINDS.contains(kind) && !AboutWhat.asksPart(text);
    double best = ranked.get(0).order();
    double passageFloor = ranked.get(0).passages().stream().mapToDouble(ArticleMatch.PassageMatch::fused).max()
        .orElse(0);
    for (ArticleMatch m : ranked.subList(1, ranked.size())) {
      boolean close = particular && m.fused() >= threshold - RUNNER_UP_SLACK && best - m.order() <= RUNNER_UP_GAP;
      boolean matching = kindMissing && m.fused() >= threshold;
      if (m.passages().isEmpty() || !(close || matching)) {
        continue;
      }
      Answerability.Verdict v = answerability.check(text, words, kind, m);
      if (!v.answers() || v.passage() == null) {
        continue;
      }
      if (close && answerability.runnerUpAbout(text, m.article().title() + m.article().body(),
              v.passage().passage().text(), known::usedAnywhere)
          || matching && v.passage().fused() >= passageFloor) {
        return Optional.of(new Stating(m, v));
      }
    }
    return Optional.empty();
  }

  /** The best candidate matching well enough whose text names the perils, unless the best one already does. */
  private static Optional<ArticleMatch> naming(List<ArticleMatch> ranked, List<String> perils, double threshold) {
    if (perils.isEmpty() || names(ranked.get(0).article().body(), perils)) {
      return Optional.empty();
    }
    return ranked.stream().filter(m -> m.fused() >= threshold && !m.passages().isEmpty()
        && names(m.article().body(), perils)).findFirst();
  }

  private static boolean names(String text, List<String> perils) {
    return perils.stream().allMatch(text::contains);
  }

  /**
   * The candidate that should answer instead of the one the intent lifted to the top: the intent narrows among
   * articles that match, it does not make one that does not match win. So a candidate under the threshold never
   * outranks one above it ("武昌模式搞了几年": the district-figures topic's article at 0.43, the award's at 0.61),
   * and the intent's lift decides only between close matches: one matching clearly better on its own (by
   * {@link #CLEARLY_BETTER}) wins over a topic's weaker article ("议事的平台分几级": deliberation 0.69, the grid
   * article 0.63 lifted by the community topic). "On its own" is retrieval's order (the fused score less the lag
   * of the article's closest passage); "under the threshold" reads the fused score alone.
   */
  static Optional<ArticleMatch> outranked(List<ArticleMatch> ranked, double threshold) {
    if (ranked.isEmpty()) {
      return Optional.empty();
    }
    ArticleMatch lifted = ranked.get(0);
    ArticleMatch best = ranked.stream().max(Comparator.comparingDouble(ArticleMatch::order)).get();
    boolean liftedOnly = lifted.fused() < threshold && best.fused() >= threshold;
    return best != lifted && (liftedOnly || best.order() - lifted.order() >= CLEARLY_BETTER)
        ? Optional.of(best) : Optional.empty();
  }

  double confidenceThreshold() {
    return confidenceThreshold;
  }

  /**
   * Whether the assistant acts on a claim intent here (starts the claim form, looks a claim up) instead of
   * answering: the intent is sure and the message asks for no particular fact ("报案要带么事证件" is answered).
   */
  public boolean claimAction(Understanding u) {
    Intent best = u.best();
    String text = ResidentWords.plain(u.text());
    // "家具能赔吗", "长沙有冇得这种保险赔": whether something is covered, or a claim elsewhere, is a question.
    return (best.name().equals(CLAIM_START) || best.name().equals(CLAIM_STATUS))
        && best.confidence() >= confidenceThreshold && !QuestionKind.of(text).specific() && !coverage.asksAboutCover(text)
        && !WHO_DOES.matcher(text).find() && !CHANNEL_ASKED.matcher(text).find()
        && answerability.place(text).isEmpty() && answerability.otherInsurance(text).isEmpty()
        && answerability.detailAsked(text).isEmpty();
  }

  /** Whether an intent is one the knowledge base answers (as opposed to small talk, hand-over, out of scope). */
  public boolean isTopic(String intent) {
    return !intent.isEmpty() && !SMALLTALK.contains(intent) && !OUT_OF_SCOPE.equals(intent) && !HUMAN.equals(intent)
        && !CLAIM_STATUS.equals(intent);
  }
}
