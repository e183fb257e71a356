package minsheng.console;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import minsheng.http.HttpProblem;
import minsheng.dialogue.AnswerPolicy;
import minsheng.dialogue.Decision;
import minsheng.kb.Article;
import minsheng.kb.ArticleMatch;
import minsheng.kb.ArticleRepository;
import minsheng.kb.KnowledgeBase;
import minsheng.nlu.LiveIntents;
import minsheng.nlu.Understanding;

/**
 * The console's knowledge-base desk: list and read articles, try a question the way a resident would and see
 * what the assistant would answer and why, preview how an article being written would read to residents, and
 * (admins) create, edit, retire and restore articles. An edit is saved in MongoDB and put into the live index in
 * the same request, so residents get the new answer at once.
 */
public final class KnowledgeConsole {
  private static final int MAX_BODY_CHARS = 2000;
  private static final int MAX_SUMMARY_CHARS = 300;

  private final KnowledgeBase kb;
  private final ArticleRepository repository;
  private final LiveIntents intents;
  private final AnswerPolicy policy;
  private final Function<Article, String> wording;
  private volatile java.util.function.Consumer<Article> onSaved = a -> { };

  /** {@code wording} is how the assistant words an article as an answer (for previews). */
  public KnowledgeConsole(KnowledgeBase kb, ArticleRepository repository, LiveIntents intents, AnswerPolicy policy,
      Function<Article, String> wording) {
    this.kb = kb;
    this.repository = repository;
    this.intents = intents;
    this.policy = policy;
    this.wording = wording;
  }

  /** The topics an article may have: asked of the model in service, which a retrain may have changed. */
  private Set<String> topicSet() {
    return Set.copyOf(intents.intents().stream().filter(policy::isTopic).toList());
  }

  /** The intents an article may be filed under (sorted), for the console's editor. */
  /** Sets who is told of each article saved into the live index (the other instances of a cluster). */
  public void onSaved(java.util.function.Consumer<Article> listener) {
    this.onSaved = listener;
  }

  public List<String> topics() {
    return topicSet().stream().sorted().toList();
  }

  public void list(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    kb.articles().forEach(a -> out.add(new JsonObject().put("id", a.id()).put("title", a.title()).put("topic", a.topic())));
    ctx.json(new JsonObject().put("articles", out));
  }

  public void one(RoutingContext ctx) {
    Article a = kb.article(ctx.pathParam("id"))
        .orElseThrow(() -> new HttpProblem(404, "not_found", "no active article with that id"));
    ctx.json(toJson(a));
  }

  /**
   * What the assistant would do with a question, and why: the intents it saw, the kind of information asked
   * for, the articles and passages retrieval found with their BM25, vector and fused scores, and which check
   * decided. Embedding and retrieval run on a worker thread.
   */
  public void tryQuestion(RoutingContext ctx) {
    Object parsed = ctx.body().length() == 0 ? null : Json.decodeValue(ctx.body().buffer());
    if (!(parsed instanceof JsonObject body) || !(body.getValue("text") instanceof String text) || text.isBlank()) {
      throw HttpProblem.badRequest("missing_text", "send {\"text\": \"…\"}");
    }
    ctx.vertx().executeBlocking(() -> explain(text), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private JsonObject explain(String typed) {
    // As the assistant reads it: slips of the keyboard read as meant.
    String text = kb.asMeant(typed);
    Understanding u = intents.understand(text);
    AnswerPolicy.Explanation e = policy.explain(u, kb.embedder().embed(text));
    Decision d = e.decision();
    JsonArray ranked = new JsonArray();
    u.ranked().stream().limit(5).forEach(i -> ranked.add(new JsonObject().put("intent", i.name())
        .put("confidence", round(i.confidence(), 1000))));
    JsonObject out = new JsonObject().put("words", new JsonArray(u.words())).put("intents", ranked)
        .put("decision", d.getClass().getSimpleName()).put("kind", e.kind().name()).put("check", e.check());
    if (!text.equals(typed)) {
      out.put("readAs", text);
    }
    JsonArray hits = new JsonArray();
    for (ArticleMatch m : e.matches()) {
      JsonArray passages = new JsonArray();
      m.passages().stream().limit(4).forEach(p -> passages.add(new JsonObject().put("text", p.passage().text())
          .put("bm25", round(p.bm25(), 100)).put("vector", round(p.vector(), 1000)).put("fused", round(p.fused(), 1000))));
      hits.add(new JsonObject().put("id", m.article().id()).put("title", m.article().title())
          .put("score", round(m.fused(), 1000)).put("bm25", round(m.bm25(), 100)).put("vector", round(m.vector(), 1000))
          .put("fused", round(m.fused(), 1000)).put("lag", round(m.lag(), 1000)).put("passages", passages));
    }
    out.put("articles", hits);
    if (d instanceof Decision.Answer a) {
      out.put("answer", a.passage() == null ? a.hits().get(0).article().summary() : a.passage().text());
    } else if (d instanceof Decision.Handoff h) {
      out.put("reason", h.reason().name());
      if (h.missing() != null) {
        out.put("missing", h.missing());
      }
      if (h.known() != null) {
        out.put("known", h.known().text());
      }
    } else if (d instanceof Decision.Clarify c) {
      out.put("choices", new JsonArray(List.of(c.first().name(), c.second().name())));
    }
    return out;
  }

  private static double round(double v, int scale) {
    return Math.round(v * scale) / (double) scale;
  }

  /** PUT /articles/:id (admin): the whole article; created if new, restored if it was retired. */
  public void validateArticle(RoutingContext ctx) {
    Checked checked = check(ctx.pathParam("id"), jsonObject(ctx));
    if (!checked.problems().isEmpty()) {
      throw checked.problems().get(0);
    }
    ctx.put(Article.class.getName(), checked.article());
    ctx.next();
  }

  /**
   * POST /kb/preview: the answer residents would get from an article as written, and what PUT would refuse in
   * it, without saving anything. The body is what PUT takes, with an optional "id".
   */
  public void preview(RoutingContext ctx) {
    JsonObject b = jsonObject(ctx);
    Checked checked = check(b.getValue("id") instanceof String id ? id : "preview", b);
    JsonArray errors = new JsonArray();
    checked.problems().forEach(p -> errors.add(new JsonObject().put("error", p.code()).put("message", p.getMessage())));
    ctx.json(new JsonObject()
        .put("summary", checked.article() == null ? null : wording.apply(checked.article()))
        .put("valid", checked.problems().isEmpty())
        .put("errors", errors));
  }

  private static JsonObject jsonObject(RoutingContext ctx) {
    Object parsed = ctx.body().length() == 0 ? null : Json.decodeValue(ctx.body().buffer());
    if (!(parsed instanceof JsonObject b)) {
      throw HttpProblem.badRequest("invalid_json", "send the article as a JSON object");
    }
    return b;
  }

  /**
   * An article read from a request, and every reason PUT would refuse it. The article is there whenever it has
   * a title and a body, so a preview can show the wording while other fields still need work.
   */
  private record Checked(Article article, List<HttpProblem> problems) {
  }

  private Checked check(String id, JsonObject b) {
    List<HttpProblem> problems = new ArrayList<>();
    if (!id.matches("[a-z0-9][a-z0-9-]{1,80}")) {
      problems.add(HttpProblem.badRequest("invalid_id", "an id is lower-case letters, digits and dashes"));
    }
    String title = text(b, "title", 80, problems);
    String topic = text(b, "topic", 40, problems);
    Set<String> topics = topicSet();
    if (topic != null && !topics.contains(topic)) {
      problems.add(HttpProblem.badRequest("invalid_topic", "'topic' must be one of " + topics));
    }
    String body = text(b, "body", MAX_BODY_CHARS, problems);
    String source = text(b, "source", 200, problems);
    List<String> passages = strings(b, "passages", problems);
    Article article = title == null || body == null ? null
        : new Article(id, title, topic == null ? "" : topic, source == null ? "" : source, passages,
            strings(b, "questions", problems), strings(b, "keywords", problems), body, false);
    if (article != null && article.summary().length() > MAX_SUMMARY_CHARS) {
      problems.add(HttpProblem.badRequest("summary_too_long",
          "the first paragraph is the answer residents see: at most " + MAX_SUMMARY_CHARS + " characters"));
    }
    if (passages.isEmpty()) {
      problems.add(HttpProblem.badRequest("missing_passages", "quote the source passages the article rests on"));
    }
    return new Checked(article, List.copyOf(problems));
  }

  public void save(RoutingContext ctx) {
    Article article = ctx.get(Article.class.getName());
    String editor = ConsoleAuth.account(ctx).map(Accounts.Account::user).orElse("console");
    // Re-indexing embeds the article's new sentences: milliseconds each, so off the event loop.
    repository.save(article, editor).compose(created -> ctx.vertx().executeBlocking(() -> {
      kb.put(article);
      return created;
    }, false)).onSuccess(created -> {
      onSaved.accept(article);
      ctx.response().setStatusCode(created ? 201 : 200);
      ctx.json(toJson(article));
    }).onFailure(ctx::fail);
  }

  /** DELETE /articles/:id (admin): retired, kept in the store, gone from answers. */
  public void retire(RoutingContext ctx) {
    Article a = kb.article(ctx.pathParam("id"))
        .orElseThrow(() -> new HttpProblem(404, "not_found", "no active article with that id"));
    String editor = ConsoleAuth.account(ctx).map(Accounts.Account::user).orElse("console");
    repository.save(a.retire(), editor).compose(v -> ctx.vertx().executeBlocking(() -> {
      kb.put(a.retire());
      return v;
    }, false)).onSuccess(v -> {
      onSaved.accept(a.retire());
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  /** The stripped text, or null with a problem noted. */
  private static String text(JsonObject b, String key, int max, List<HttpProblem> problems) {
    if (!(b.getValue(key) instanceof String s) || s.isBlank() || s.length() > max) {
      problems.add(HttpProblem.badRequest("invalid_" + key,
          "'" + key + "' must be a non-empty text of at most " + max + " characters"));
      return null;
    }
    return s.strip();
  }

  /** The texts, or none with a problem noted. */
  private static List<String> strings(JsonObject b, String key, List<HttpProblem> problems) {
    Object v = b.getValue(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String))) {
      problems.add(HttpProblem.badRequest("invalid_" + key, "'" + key + "' must be a list of texts"));
      return List.of();
    }
    return a.stream().map(String::valueOf).toList();
  }

  static JsonObject toJson(Article a) {
    return new JsonObject().put("id", a.id()).put("title", a.title()).put("topic", a.topic())
        .put("source", a.source()).put("passages", new JsonArray(a.passages()))
        .put("questions", new JsonArray(a.questions())).put("keywords", new JsonArray(a.keywords()))
        .put("body", a.body());
  }
}
