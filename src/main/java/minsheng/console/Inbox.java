package minsheng.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import minsheng.http.HttpProblem;
import minsheng.channel.ResidentChannels;
import minsheng.dialogue.ConversationReads;
import minsheng.dialogue.Conversations;
import minsheng.dialogue.Replies;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's inbox handlers: conversations waiting for a person, their transcripts, taking one over from
 * the assistant, answering the resident on their own channel, handing back, assigning. The changes are made by
 * {@link Conversations} (single-document atomic updates, so two operators racing for one conversation cannot
 * both win); the live event stream and presence are {@link InboxEvents}, the round robin {@link Assignment}.
 * One object serves every HTTP verticle.
 */
public final class Inbox {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;
  static final int MAX_REPLY_CHARS = 1000;
  /** The platform refuses customer-service texts longer than this. */
  private static final int MAX_WECHAT_BYTES = 2048;
  private static final String INPUT_KEY = "inbox.input";
  private static final String ID_PATTERN = "[a-z]{2,16}-[0-9a-f]{24}";

  private final Conversations conversations;
  private final ConversationReads reads;
  private final Accounts accounts;
  private final ResidentChannels residents;
  private final Replies replies;
  private final List<JsonObject> canned;
  private final InboxEvents events;
  private final Assignment assignment;

  /** How many conversations one online operator is given at most, and how long they may be gone. */
  public record Settings(int maxPerOperator, long offlineGraceMs) {
  }

  public Inbox(Vertx vertx, Conversations conversations, Accounts accounts, ResidentChannels residents,
      Replies replies, List<JsonObject> canned, Settings settings) {
    this.conversations = conversations;
    this.reads = conversations.reads();
    this.accounts = accounts;
    this.residents = residents;
    this.replies = replies;
    this.canned = List.copyOf(canned);
    this.events = new InboxEvents(vertx);
    this.assignment = new Assignment(vertx, conversations, events, settings.maxPerOperator(),
        settings.offlineGraceMs());
    events.onPresence(assignment::assignWaiting, assignment::wentOffline);
    // Fail at start-up rather than at the first takeover.
    replies.line("operatorJoined");
    replies.line("assistantBack");
  }

  // ---- validation handlers

  private record ListQuery(ConversationReads.View view, int limit) {
  }

  private record Input(String id, String text) {
  }

  public void validateList(RoutingContext ctx) {
    String view = ctx.queryParams().get("view");
    view = view == null || view.isEmpty() ? "all" : view;
    if (!List.of("waiting", "mine", "all").contains(view)) {
      throw HttpProblem.badRequest("invalid_view", "view is one of waiting, mine, all");
    }
    int limit = DEFAULT_LIMIT;
    String given = ctx.queryParams().get("limit");
    if (given != null && !given.isEmpty()) {
      limit = given.matches("\\d{1,4}") ? Integer.parseInt(given) : -1;
      if (limit < 1 || limit > MAX_LIMIT) {
        throw HttpProblem.badRequest("invalid_limit", "limit is a number from 1 to " + MAX_LIMIT);
      }
    }
    ctx.put(INPUT_KEY, new ListQuery(ConversationReads.View.valueOf(view.toUpperCase(Locale.ROOT)), limit));
    ctx.next();
  }

  public void validateId(RoutingContext ctx) {
    ctx.put(INPUT_KEY, new Input(conversationId(ctx), null));
    ctx.next();
  }

  public void validateReply(RoutingContext ctx) {
    String text = bodyText(ctx, "text");
    if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_REPLY_CHARS) {
      throw HttpProblem.badRequest("invalid_text", "'text' must be 1 to " + MAX_REPLY_CHARS + " characters");
    }
    ctx.put(INPUT_KEY, new Input(conversationId(ctx), text));
    ctx.next();
  }

  public void validateAssign(RoutingContext ctx) {
    String operator = bodyText(ctx, "operator");
    if (operator.isEmpty() || operator.length() > 64) {
      throw HttpProblem.badRequest("invalid_operator", "send {\"operator\": \"<user>\"}");
    }
    ctx.put(INPUT_KEY, new Input(conversationId(ctx), operator));
    ctx.next();
  }

  private static String conversationId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !id.matches(ID_PATTERN)) {
      throw new HttpProblem(404, "not_found", "no conversation with that id");
    }
    return id;
  }

  private static String bodyText(RoutingContext ctx, String key) {
    Object parsed = ctx.body() == null || ctx.body().length() == 0 ? null : Json.decodeValue(ctx.body().buffer());
    if (!(parsed instanceof JsonObject body) || !(body.getValue(key) instanceof String value)) {
      throw HttpProblem.badRequest("invalid_" + key, "send {\"" + key + "\": \"…\"}");
    }
    return value.strip();
  }

  // ---- action handlers

  public void list(RoutingContext ctx) {
    ListQuery q = ctx.get(INPUT_KEY);
    reads.list(q.view(), me(ctx), q.limit()).onSuccess(docs -> {
      JsonArray out = new JsonArray();
      docs.forEach(d -> out.add(ConversationJson.summary(d)));
      ctx.json(new JsonObject().put("conversations", out));
    }).onFailure(ctx::fail);
  }

  public void one(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    find(in.id()).compose(d -> conversations.turns(in.id()).map(ts -> {
      JsonArray out = new JsonArray();
      ts.forEach(t -> ConversationJson.transcript(t, out));
      return new JsonObject().put("conversation", ConversationJson.summary(d)).put("turns", out);
    })).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void takeover(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    takeOver(in.id(), me(ctx)).onSuccess(d -> ctx.json(ConversationJson.summary(d))).onFailure(ctx::fail);
  }

  public void reply(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    String me = me(ctx);
    find(in.id()).compose(d -> {
      if ("wechat".equals(d.getString("channel"))
          && in.text().getBytes(StandardCharsets.UTF_8).length > MAX_WECHAT_BYTES) {
        throw HttpProblem.badRequest("text_too_long", "WeChat takes at most " + MAX_WECHAT_BYTES
            + " bytes in one message (about 680 Chinese characters); send it in two parts");
      }
      return d.getString("takenOverBy") == null ? takeOver(in.id(), me) : Future.succeededFuture(d);
    }).compose(d -> {
      if (!me.equals(d.getString("takenOverBy"))) {
        return Future.failedFuture(takenByOther(d));
      }
      return deliver(d, ResidentChannels.From.OPERATOR, in.text())
          .compose(v -> conversations.addTurn(d, "operator", me, in.text()))
          .compose(v -> conversations.operatorReplied(in.id()));
    }).onSuccess(after -> {
      after.ifPresent(events::publish);
      ctx.json(new JsonObject().put("delivered", "queued"));
    }).onFailure(ctx::fail);
  }

  public void handback(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    conversations.handBack(in.id(), me(ctx))
        .compose(before -> {
          Document d = before.orElseThrow(Inbox::notFound);
          boolean wasWithPeople = d.getString("takenOverBy") != null || d.getBoolean("needsHuman", false);
          // Only a resident who was with (or waiting for) a person is told the assistant is back.
          return (wasWithPeople ? tell(d, "assistantBack") : Future.<Void>succeededFuture())
              .compose(v -> find(in.id()));
        })
        .onSuccess(d -> {
          events.publish(d);
          ctx.json(ConversationJson.summary(d));
          assignment.assignWaiting();
        })
        .onFailure(ctx::fail);
  }

  public void assign(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    String operator = in.text();
    accounts.exists(operator).compose(exists -> {
      if (!exists) {
        return Future.failedFuture(HttpProblem.badRequest("unknown_operator", "no operator named '" + operator + "'"));
      }
      return conversations.assign(in.id(), operator).map(after -> after.orElseThrow(Inbox::notFound));
    }).onSuccess(d -> {
      log.info("console: '{}' assigned conversation {} to '{}'", me(ctx), d.getString("_id"), operator);
      events.publish(d);
      ctx.json(ConversationJson.summary(d));
    }).onFailure(ctx::fail);
  }

  public void canned(RoutingContext ctx) {
    ctx.json(new JsonObject().put("replies", new JsonArray(new ArrayList<>(canned))));
  }

  /** The live event stream (see {@link InboxEvents}); an open stream is what makes an operator online. */
  public void events(RoutingContext ctx) {
    events.stream(me(ctx), ctx);
  }

  // ---- changes

  /** A conversation got a turn (called by {@link Conversations#record}); nothing to do while nobody watches. */
  public void changed(String conversationId) {
    if (!events.watched()) {
      return;
    }
    reads.find(conversationId).onSuccess(found -> found.ifPresent(d -> {
      events.publish(d);
      if (isUnassignedWaiting(d)) {
        assignment.assignWaiting();
      }
    })).onFailure(e -> log.warn("inbox: cannot read conversation {}: {}", conversationId, e.toString()));
  }

  private static boolean isUnassignedWaiting(Document d) {
    return d.getBoolean("needsHuman", false) && d.getString("takenOverBy") == null && d.getString("assignedTo") == null;
  }

  /** Operators who have an event stream open right now. */
  public List<String> onlineOperators() {
    return events.onlineOperators();
  }

  private Future<Document> takeOver(String id, String me) {
    return conversations.takeOver(id, me)
        .compose(won -> {
          if (won.isPresent()) {
            log.info("console: '{}' took over conversation {}", me, id);
            return tell(won.get(), "operatorJoined").map(won.get());
          }
          // Lost the race or already taken: taking over one's own conversation again is harmless.
          return find(id).compose(d -> me.equals(d.getString("takenOverBy"))
              ? Future.succeededFuture(d) : Future.failedFuture(takenByOther(d)));
        })
        .onSuccess(events::publish);
  }

  /**
   * One of the inbox's own lines to the resident, on their channel, kept in the transcript as from "system".
   * A line that cannot be sent does not undo the change it announces; it is logged.
   */
  private Future<Void> tell(Document conversation, String key) {
    String text = replies.line(key);
    return deliver(conversation, ResidentChannels.From.SYSTEM, text)
        .compose(v -> conversations.addTurn(conversation, "system", null, text))
        .recover(e -> {
          log.warn("inbox: could not tell conversation {} '{}': {}", conversation.getString("_id"), key, e.toString());
          return Future.succeededFuture();
        });
  }

  private Future<Void> deliver(Document conversation, ResidentChannels.From from, String text) {
    return residents.tell(conversation.getString("channel"), conversation.getString("user"), text, from);
  }

  private Future<Document> find(String id) {
    return reads.find(id).map(d -> d.orElseThrow(Inbox::notFound));
  }

  private static HttpProblem notFound() {
    return new HttpProblem(404, "not_found", "no conversation with that id");
  }

  private static HttpProblem takenByOther(Document d) {
    return new HttpProblem(409, "taken_over", "'" + d.getString("takenOverBy")
        + "' is answering this resident; ask to have it assigned to you");
  }

  private static String me(RoutingContext ctx) {
    return ConsoleAuth.account(ctx).map(Accounts.Account::user).orElseThrow();
  }
}
