package minsheng.dialogue;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import minsheng.claims.Parsed;
import minsheng.kb.Article;
import minsheng.kb.KnowledgeBase;
import minsheng.kb.SearchHit;
import minsheng.nlu.Intent;
import minsheng.nlu.LiveIntents;
import minsheng.nlu.Understanding;

/**
 * The conversation: takes a resident's message on any channel, remembers what was asked before (a pending
 * "which one do you mean", the last article), lets {@link AnswerPolicy} decide, puts the decision into words,
 * and records the turn before the reply leaves.
 */
public final class Assistant {
  private final LiveIntents intents;
  private final AnswerPolicy policy;
  private final KnowledgeBase kb;
  private final Replies replies;
  private final Conversations conversations;
  private final AnswerMetrics metrics;
  private final int maxChars;
  private final ClaimDialogue claims;
  private final RecentQuestions recent;
  /** How sure the model must be that a message in the middle of a claim asks about claims or for a person. */
  private static final double CONFIDENT = 0.8;
  /** The decision recorded for a message that arrives while an operator has taken the conversation over. */
  public static final String OPERATOR = "operator";

  public Assistant(LiveIntents intents, AnswerPolicy policy, KnowledgeBase kb, Replies replies,
      Conversations conversations, AnswerMetrics metrics, int maxChars, ClaimDialogue claims) {
    this.claims = claims;
    this.intents = intents;
    this.policy = policy;
    this.kb = kb;
    this.replies = replies;
    this.conversations = conversations;
    this.metrics = metrics;
    this.maxChars = maxChars;
    this.recent = new RecentQuestions(intents, kb, 5_000);
  }

  public Future<Reply> respond(Message message) {
    long start = System.nanoTime();
    return conversations.open(message.channel(), message.user()).compose(state -> {
      if (state.takenOverBy() != null) {
        // An operator answers this resident in person: the message is only recorded, for the console to show.
        Reply silent = new Reply(state.id(), List.of(), null, 0, List.of(), false);
        return conversations.record(state, message, silent, OPERATOR, null, null, List.of(),
            (System.nanoTime() - start) / 1000).map(silent);
      }
      return claimsFirst(state, message).compose(turn -> {
        notAgain(turn, state.lastReply());
        Reply reply = turn.reply(state.id());
        long nanos = System.nanoTime() - start;
        return conversations.record(state, message, reply, turn.kind, turn.handoffReason, turn.articleId,
                turn.pendingChoices, nanos / 1000)
            .map(v -> {
              metrics.answered(turn.kind, reply.intent(), reply.handoff(), turn.handoffReason, System.nanoTime() - start);
              return reply;
            });
      });
    });
  }

  /**
   * An open claim takes the message first; a question in the middle of it is answered and the form resumes.
   * Otherwise "I want to claim" starts one and "how is my claim" lists the resident's claims.
   */
  private Future<Turn> claimsFirst(Conversations.State state, Message message) {
    String raw = message.text().strip();
    // Read as a question with its slips of the keyboard read as meant ("低饱" is 低保); the claim form reads what
    // was typed (a name, an address, a story are no slips for the articles' words).
    String text = kb.asMeant(raw);
    // Classified once; every branch below reads the same understanding.
    Understanding u = recent.understand(text);
    return Future.succeededFuture(state.claimOpen()).compose(open -> {
      if (open) {
        ClaimDialogue.Asks asks = asksSomething(text, u) ? ClaimDialogue.Asks.SURELY
            : (policy.isTopic(u.best().name()) || u.best().name().equals(AnswerPolicy.CLAIM_START))
                && u.best().confidence() >= policy.confidenceThreshold()
            ? ClaimDialogue.Asks.MAYBE : ClaimDialogue.Asks.NOTHING;
        return claims.handle(state.id(), raw, asks).compose(outcome -> {
          if (outcome.reply().isPresent()) {
            return Future.succeededFuture(claimTurn(outcome, new Intent("claim_start", 1.0)));
          }
          return digression(state, message, text, u, outcome.currentQuestion() != null).map(answer -> {
            if (outcome.currentQuestion() != null && !outcome.currentQuestion().isEmpty()) {
              answer.text = answer.text.isEmpty() ? outcome.currentQuestion()
                  : answer.text + "\n\n" + claimLine("resume") + outcome.currentQuestion();
            }
            return answer;
          });
        });
      }
      // Its words decide, not the intent model (which may read "那帮我报一下" as asking about a claim's progress).
      if (ClaimRequests.FILE_IT.matcher(text).find() && !claims.startsAClaim(text) && !asksInWords(text)) {
        return earlierLoss(state.id(), raw).compose(story -> story.isPresent()
            ? startClaim(state, message, story.get(), false, WORDS_FILE_A_CLAIM)
            : noClaimOpen(state, message, text, u));
      }
      return noClaimOpen(state, message, text, u);
    });
  }

  /** How far back a loss told before a bare request to file is taken for it, in messages and in time. */
  private static final int EARLIER_MESSAGES = 5;
  private static final Duration EARLIER = Duration.ofMinutes(30);

  /**
   * The resident's recent messages and this one, together, when they tell a covered loss of their own (told at
   * once and answered or handed over, or told in pieces by an elderly resident): the claim starts from them.
   */
  private Future<Optional<String>> earlierLoss(String conversationId, String text) {
    Date since = new Date(System.currentTimeMillis() - EARLIER.toMillis());
    return conversations.turns(conversationId).map(turns -> {
      List<String> said = turns.stream().filter(t -> t.getDate("at") != null && !t.getDate("at").before(since))
          .map(t -> t.getString("text")).filter(t -> t != null && !t.isBlank()).toList();
      String story = String.join(" ", said.subList(Math.max(0, said.size() - EARLIER_MESSAGES), said.size()))
          + " " + text;
      return claims.tellsOwnLoss(story) ? Optional.of(story.strip()) : Optional.<String>empty();
    });
  }

  private Future<Turn> noClaimOpen(Conversations.State state, Message message, String text, Understanding u) {
    if (state.hasChoices() || state.lastArticleId() != null && replies.asksForMore(text)) {
      return decide(state, text, u);
    }
    Intent best = u.best();
    boolean asks = asksSomething(text, u);
    // "我叫刘芳 身份证… 前天暴雨家里进水 想报案": personal data drowns the intent model; the words decide. "我家昨天
    // 被水淹了 这个要怎么报案" asks how to file a loss of their own: the form is the answer. "屋里被淹了要报案找哪个"
    // names the claim too, but asks whom to go to: that is answered. (Only that kind: a first message that says
    // it all names a phone number or an amount without asking for one.)
    if (claims.startsAClaim(text) && (claims.asksHowToFileOwnLoss(text) && !STEPS.matcher(text).find()
        || !asks && QuestionKind.of(text) != QuestionKind.PROCEDURE)) {
      return startClaim(state, message, asks, WORDS_FILE_A_CLAIM);
    }
    // "我老公救了一个落水的小伙子 自己呛了水 住了几天院 民生保险可以报吗": a loss of their own told, then asked whether it
    // can be filed — the form is the answer; the story's own words (几天, 多少) are no question for the articles.
    if (claims.tellsOwnLoss(text) && ASKS_TO_FILE.matcher(text).find()) {
      return startClaim(state, message, false, WORDS_FILE_A_CLAIM);
    }
    // "见义勇为受伤了能不能申请民生保险 我想报": asked whether it is covered, then said to file it — the form.
    if (claims.wantsToFile(text)) {
      return startClaim(state, message, false, WORDS_FILE_A_CLAIM);
    }
    // "报案要带么事证件" names the claim but asks a question: the knowledge base answers it (or says it cannot).
    // "理赔的资料哪个来收", "有冇得人上门帮她搞": asked who does something for the resident — a question about the
    // service, answered (and the form offered when the loss is their own), not the form started.
    if (policy.claimAction(u) && !(asks && WHO_HELPS.matcher(text).find())) {
      if (best.name().equals(AnswerPolicy.CLAIM_START)) {
        return startClaim(state, message, false, best);
      }
      // "我11月12号救了一个跳湖的姑娘 自己呛了水 住了半个月院 能报民生保险吗": a loss of their own told and asked whether
      // it can be filed is a claim to start, not the progress of one filed (whatever the intent model makes of 报).
      if (best.name().equals(AnswerPolicy.CLAIM_STATUS) && claims.tellsOwnLoss(text)) {
        return startClaim(state, message, false, WORDS_FILE_A_CLAIM);
      }
      if (best.name().equals(AnswerPolicy.CLAIM_STATUS)) {
        return claims.statusOf(message.channel(), message.user(), text).map(status -> {
          Turn turn = new Turn();
          turn.kind = "claim_status";
          turn.intent = best;
          turn.text = status;
          return turn;
        });
      }
    }
    if (claims.tellsOwnLoss(text)) {
      return decideOffLoop(text, u).compose(answered -> offerAClaim(state, message, answered, asks));
    }
    return decideOffLoop(text, u);
  }

  /**
   * A loss of the resident's own told without asking to file ("救人落了残疾 听说民生保险能赔"): the answer, if the
   * knowledge base has one, and the offer of the form; instead of anything else, the offer alone — a statement
   * asks for no detail the articles lack. A question it cannot answer, a resident of another place and one who
   * asked for a person go their usual way.
   */
  private Future<Turn> offerAClaim(Conversations.State state, Message message, Turn answered, boolean asks) {
    boolean answer = "answer".equals(answered.kind);
    if (!answer && (asks || answered.handoff && KEPT_HANDOFFS.contains(answered.handoffReason))) {
      return Future.succeededFuture(answered);
    }
    return claims.offer(state.id(), message.channel(), message.user(), message.text(), answer).map(offer -> {
      if (offer.isEmpty()) {
        return answered;
      }
      if (answer) {
        answered.text = answered.text + "\n\n" + offer.get();
        return answered;
      }
      Turn turn = new Turn();
      turn.kind = "claim";
      turn.intent = WORDS_FILE_A_CLAIM;
      turn.text = offer.get();
      return turn;
    });
  }

  /**
   * Never the same reply twice in a row, so never three times: a reply that would repeat the last one word for
   * word is said the other way — a hand-over or a "what do you mean" in other words (with the way to a person or
   * to the claim form), anything else led by "还是刚才说的".
   */
  private void notAgain(Turn turn, String last) {
    if (turn.text == null || turn.text.isEmpty() || !turn.text.equals(last)) {
      return;
    }
    turn.text = switch (String.valueOf(turn.kind)) {
      case "handoff" -> replies.line("handoffAgain");
      case "empty", "smalltalk" -> replies.line("emptyAgain");
      default -> replies.line("sameAgain") + "\n" + turn.text;
    };
  }

  /** The policy's decision, the question embedded on a worker thread first (or served from the cache). */
  private Future<Turn> decideOffLoop(String text, Understanding u) {
    Optional<Decision> known = recent.decided(text, u);
    if (known.isPresent()) {
      return Future.succeededFuture(words(known.get()));
    }
    return kb.embedder().embedOffLoop(text).map(vector -> words(recent.decide(text, u, x -> policy.decide(x, vector))));
  }

  /**
   * A question rather than an answer: it ends like one, says it asks (问一下, 多少, 能不能…), or asks about a
   * claim or for a person.
   */
  private boolean asksSomething(String text, Understanding u) {
    if (text.contains("://") || text.matches(".*\\d{3,}.*")) {
      return false; // a link or a number is an answer (a photo, an address, an ID), not a question
    }
    if (asksInWords(text)) {
      return true;
    }
    Intent best = u.best();
    return best.confidence() >= CONFIDENT
        && (best.name().equals(AnswerPolicy.CLAIM_STATUS) || best.name().equals(AnswerPolicy.HUMAN));
  }

  /** It ends like a question or says it asks (问一下, 多少, 能不能…). */
  private static boolean asksInWords(String said) {
    // "不晓得哪个把纸箱子堆在楼道里": someone unknown, not a question.
    String text = ResidentWords.withoutNotKnowing(said);
    return text.matches(".*(吗|么|呢|[??])\\s*$") || ASKS.matcher(text).find() || Coverage.asks(text);
  }

  /** Hand-overs the offer of the form does not replace: the resident is elsewhere, or asked for a person. */
  private static final Set<String> KEPT_HANDOFFS = Set.of(
      Decision.Reason.OTHER_PLACE.name().toLowerCase(), Decision.Reason.REQUESTED.name().toLowerCase(),
      Decision.Reason.CLAIM_STATUS.name().toLowerCase());

  /**
   * Asking who does something for the resident: 哪个来收, 有冇得人帮, 叫人上门, 请人代办, 帮他跑一哈 — someone other
   * than the assistant and the resident acts.
   */
  private static final Pattern WHO_HELPS = Pattern.compile(
      "(哪个|谁|哪位)(来|能|会|可以|帮|负责|管)|(联系|找|问)(哪个|谁)|有(没有|冇得|冇|没得)人|(叫|请|找)(个)?人|上门|代办|帮(他|她|我爸|我妈)(跑|办|搞|弄|收)");

  /**
   * Asked whether it can be filed, at the end of the message: "能报吗", "民生保险可以报吗", "可不可以申请", "还来得及吗" (not
   * 报销, a reimbursement, nor what to bring).
   */
  private static final Pattern ASKS_TO_FILE = Pattern.compile(
      "(?:(?:能|可以|能不能|可不可以)[^,,。\\s]{0,2}(?:报|申请|理赔)(?!销)|报不报|来得及)[^,,。\\s]{0,4}$");

  /** The intent recorded when the resident's words, not the intent model, decided that a claim is to be filed. */
  private static final Intent WORDS_FILE_A_CLAIM = new Intent(AnswerPolicy.CLAIM_START, 1.0);

  /** "理赔第一步么样搞": asked for the steps, which the knowledge base answers (with the offer of the form). */
  private static final Pattern STEPS = Pattern.compile("第一步|头一步|步骤|流程|先找|先去找|先干");

  /** Words that make a message a question whatever its ending (voice input has no question mark). */
  private static final Pattern ASKS = Pattern.compile(
      "问一下|问一哈|问下|请问|想问|多少钱|几多|好多钱|怎么|么样|为么|为什么|能不能|可不可以|是不是|有没有|有冇|要不要|哪里|哪个|哪家|哪些"
          + "|么地方|什么地方|什么时候|么时候|啥时候|咋");

  /**
   * A message in the middle of a claim that is not an answer to the form ({@code underWay}: the form goes on after
   * it; false when the offer of one was just dropped).
   */
  private Future<Turn> digression(Conversations.State state, Message message, String text, Understanding u,
      boolean underWay) {
    if (!underWay && claims.startsAClaim(text) && !asksSomething(text, u)) {
      // Only a supplement was open, or the offer of the form was just dropped: this is a claim of its own.
      return startClaim(state, message, false, WORDS_FILE_A_CLAIM);
    }
    if (underWay && u.best().name().equals(AnswerPolicy.CLAIM_START) && !asksSomething(text, u)) {
      // "我要报案" again: the claim is already under way; only the current question is repeated. A question about
      // claims ("请问报案要带么事材料") is answered like any other.
      Turn turn = new Turn();
      turn.kind = "claim";
      turn.intent = u.best();
      turn.text = "";
      return Future.succeededFuture(turn);
    }
    if (u.best().name().equals(AnswerPolicy.CLAIM_STATUS)) {
      return claims.statusOf(message.channel(), message.user(), text).map(status -> {
        Turn turn = new Turn();
        turn.kind = "claim_status";
        turn.intent = u.best();
        turn.text = status;
        return turn;
      });
    }
    return decide(state, text, u);
  }

  private Future<Turn> startClaim(Conversations.State state, Message message, boolean howTo, Intent intent) {
    return startClaim(state, message, message.text().strip(), howTo, intent);
  }

  private Future<Turn> startClaim(Conversations.State state, Message message, String story, boolean howTo,
      Intent intent) {
    return claims.start(state.id(), message.channel(), message.user(), story, howTo).map(o -> claimTurn(o, intent));
  }

  private Turn claimTurn(ClaimDialogue.Outcome outcome, Intent intent) {
    Turn turn = new Turn();
    turn.kind = "claim";
    turn.intent = intent;
    turn.text = outcome.reply().orElse("");
    turn.handoff = outcome.handoff();
    turn.handoffReason = outcome.handoff() ? outcome.handoffReason() : null;
    return turn;
  }

  private String claimLine(String key) {
    return String.valueOf(replies.section("claim").get(key));
  }

  /**
   * A photo from the resident: attached to the claim they are filing, otherwise kept with the conversation.
   * Returns what to tell them.
   */
  public Future<String> receivedPhoto(String channel, String user, String mediaId, String url) {
    String conversationId = Conversations.conversationId(channel, user);
    Parsed<String> photo = claims.platformPhoto(mediaId, url);
    if (photo instanceof Parsed.Invalid<String> refused) {
      // Not the platform's own media: not attached, not kept, and the resident is asked to send it again.
      return Future.succeededFuture(refused.reasonForResident());
    }
    return claims.attachPhoto(conversationId, photo.orElseThrow()).compose(attached -> attached.isPresent()
        ? Future.succeededFuture(attached.get())
        : keep(channel, user, new org.bson.Document("type", "image").append("mediaId", mediaId).append("url", url))
            .map(v -> replies.line("wechatImage")));
  }

  /** Keeps a photo or a location a resident sent (see {@link Conversations#keep}). */
  public Future<Void> keep(String channel, String user, org.bson.Document item) {
    return conversations.keep(channel, user, item);
  }

  /**
   * How an article is worded as the answer to a resident: its summary fitted to the reply length, the source
   * line, and the offer of details when there are any. The console's preview shows editors exactly this.
   */
  public String answerText(Article article) {
    return answerText(article, article.summary());
  }

  /** The same, quoting the passage that answers instead of the summary. */
  private String answerText(Article article, String quote) {
    String source = replies.line("source", Map.of("title", article.title()));
    String more = article.details().isEmpty() ? "" : "\n" + replies.line("moreOffer");
    int room = maxChars - source.length() - more.length() - 1;
    return PhoneText.fit(quote, room) + "\n" + source + more;
  }

  /**
   * A question the knowledge base cannot answer, put into words: what is missing (the place, the kind of
   * information, today's figure), the one related fact it does know, marked as such, and the hand-over.
   */
  private String unanswerable(Decision.Handoff h, Article known) {
    String fact = "";
    if (known != null && h.known() != null) {
      String source = replies.line("source", Map.of("title", known.title()));
      fact = PhoneText.fit(h.known().text(), maxChars / 2) + source;
    }
    return switch (h.reason()) {
      case OTHER_PLACE -> replies.line("otherPlace", Map.of("place", h.missing()));
      case NOT_CURRENT -> replies.line("notCurrent", Map.of("year", h.missing(), "known", fact));
      case NOT_COVERED -> replies.line("notCovered", Map.of("missing", h.missing()));
      default -> fact.isEmpty() ? replies.line("missingDetail", Map.of("missing", h.missing()))
          : replies.line("missingDetailKnown", Map.of("missing", h.missing(), "known", fact));
    };
  }

  /** The assistant's own line for a key of the replies file. */
  public String line(String key) {
    return replies.line(key);
  }

  /** A decision put into words, with what the conversation must remember after it. */
  private static final class Turn {
    String kind;
    String text;
    Intent intent;
    Article article;
    String articleId;
    List<String> pendingChoices = List.of();
    boolean handoff;
    String handoffReason;

    Reply reply(String conversationId) {
      List<Reply.Source> sources = article == null ? List.of() : List.of(new Reply.Source(article.id(), article.title()));
      return new Reply(conversationId, List.of(text), handoff || intent == null ? null : intent.name(),
          intent == null ? 0 : intent.confidence(), sources, handoff);
    }
  }

  private Future<Turn> decide(Conversations.State state, String text, Understanding u) {
    String t = text.strip();
    if (state.hasChoices()) {
      int choice = choice(t, state.pendingChoices());
      if (choice >= 0) {
        Intent chosen = new Intent(state.pendingChoices().get(choice), 1.0);
        return kb.embedder().embedOffLoop(state.pendingQuestion())
            .map(v -> words(policy.answer(chosen, state.pendingQuestion(), v)));
      }
    }
    if (state.lastArticleId() != null && replies.asksForMore(t)) {
      Article last = kb.article(state.lastArticleId()).orElse(null);
      if (last != null) {
        Turn turn = new Turn();
        turn.kind = "details";
        turn.article = last;
        turn.intent = new Intent(last.topic(), 1.0);
        turn.text = last.details().isEmpty() ? replies.line("noMoreDetail")
            : PhoneText.fit(last.details(), maxChars) + "\n" + replies.line("source", Map.of("title", last.title()));
        return Future.succeededFuture(turn);
      }
    }
    return decideOffLoop(t, u);
  }

  /** 1 or 2, or the words of one of the two labels; -1 when the message is something else. */
  private int choice(String text, List<String> choices) {
    String digits = text.replace("1", "1").replace("2", "2");
    if (digits.equals("1") || digits.equals("第一个")) {
      return 0;
    }
    if (digits.equals("2") || digits.equals("第二个")) {
      return 1;
    }
    for (int i = 0; i < choices.size(); i++) {
      String label = replies.topicLabel(choices.get(i)).orElse("");
      if (!label.isEmpty() && (label.equals(text) || text.length() >= 2 && label.contains(text))) {
        return i;
      }
    }
    return -1;
  }

  private Turn words(Decision decision) {
    Turn turn = new Turn();
    if (decision instanceof Decision.Answer a) {
      SearchHit top = a.hits().get(0);
      turn.kind = "answer";
      turn.intent = a.intent();
      turn.article = top.article();
      turn.articleId = top.article().id();
      // The passage that answers, with the rest of its paragraph: "后来么样了" is answered by the next sentence.
      turn.text = a.passage() == null ? answerText(top.article()) : answerText(top.article(), kb.paragraph(a.passage()));
    } else if (decision instanceof Decision.Clarify c) {
      turn.kind = "clarify";
      turn.intent = c.first();
      turn.pendingChoices = List.of(c.first().name(), c.second().name());
      turn.text = replies.line("clarify", Map.of(
          "first", replies.topicLabel(c.first().name()).orElse(c.first().name()),
          "second", replies.topicLabel(c.second().name()).orElse(c.second().name())));
    } else if (decision instanceof Decision.Smalltalk s) {
      turn.kind = "smalltalk";
      turn.intent = s.intent();
      turn.text = replies.line(s.intent().name());
    } else if (decision instanceof Decision.Handoff h) {
      turn.kind = "handoff";
      turn.handoff = true;
      turn.handoffReason = h.reason().name().toLowerCase();
      turn.intent = h.intent();
      Article known = h.known() == null ? null : kb.article(h.known().articleId()).orElse(null);
      turn.article = known;
      turn.text = switch (h.reason()) {
        case REQUESTED -> replies.line("humanRequested");
        case CLAIM_STATUS -> replies.line("claimStatus");
        case OTHER_PLACE, MISSING_DETAIL, NOT_CURRENT, NOT_COVERED -> unanswerable(h, known);
        default -> replies.line("handoff");
      };
    } else {
      turn.kind = "empty";
      turn.text = replies.line("empty");
    }
    return turn;
  }
}
