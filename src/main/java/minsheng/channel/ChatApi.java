package minsheng.channel;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import minsheng.dialogue.Assistant;
import minsheng.dialogue.Message;
import minsheng.dialogue.Reply;

/**
 * The JSON channel ({@code POST /api/chat}, {@code GET /api/chat/outbox}) for trusted front ends: a web chat,
 * a hotline platform, the console's simulator. Validation handlers check the wire; action handlers call the
 * dialogue and write the contract's JSON.
 */
public final class ChatApi {
  /** The channel name a JSON-channel message is recorded under. */
  public static final String CHANNEL = "api";
  private static final int MAX_USER_CHARS = 128;
  private static final int OUTBOX_PAGE = 100;

  private final Assistant assistant;
  private final Outbox outbox;
  private final int maxTextChars;

  public ChatApi(Assistant assistant, Outbox outbox, int maxTextChars) {
    this.assistant = assistant;
    this.outbox = outbox;
    this.maxTextChars = maxTextChars;
  }

  public void validateMessage(RoutingContext ctx) {
    Object parsed = ctx.body().buffer() == null || ctx.body().length() == 0 ? null : Json.decodeValue(ctx.body().buffer());
    if (!(parsed instanceof JsonObject body)) {
      throw HttpProblem.badRequest("invalid_json", "send a JSON object: {\"user\": \"…\", \"text\": \"…\"}");
    }
    String user = user(body.getValue("user"));
    if (!(body.getValue("text") instanceof String text) || text.isBlank()) {
      throw HttpProblem.badRequest("missing_text", "'text' must be a non-empty string");
    }
    if (text.codePointCount(0, text.length()) > maxTextChars) {
      throw HttpProblem.badRequest("text_too_long", "'text' is longer than " + maxTextChars + " characters");
    }
    ctx.put(Message.class.getName(), new Message(CHANNEL, user, text));
    ctx.next();
  }

  public void answer(RoutingContext ctx) {
    Message message = ctx.get(Message.class.getName());
    assistant.respond(message)
        .onSuccess(reply -> ctx.json(toJson(reply)))
        .onFailure(ctx::fail);
  }

  public void validateOutboxQuery(RoutingContext ctx) {
    String user = user(ctx.queryParams().get("user"));
    String since = ctx.queryParams().get("since");
    long cursor = 0;
    if (since != null && !since.isEmpty()) {
      try {
        cursor = Long.parseLong(since);
      } catch (NumberFormatException e) {
        cursor = -1;
      }
      if (cursor < 0) {
        throw HttpProblem.badRequest("invalid_cursor", "'since' must be a cursor returned as 'next'");
      }
    }
    ctx.put("user", user);
    ctx.put("cursor", cursor);
    ctx.next();
  }

  public void outboxPage(RoutingContext ctx) {
    outbox.since(ctx.get("user"), ctx.<Long>get("cursor"), OUTBOX_PAGE)
        .onSuccess(page -> {
          JsonArray messages = new JsonArray();
          page.messages().forEach(m -> messages.add(new JsonObject()
              .put("id", String.valueOf(m.seq()))
              .put("from", m.from())
              .put("text", m.text())
              .put("at", Instant.ofEpochMilli(m.at().getTime()).toString())));
          ctx.json(new JsonObject().put("messages", messages).put("next", String.valueOf(page.next())));
        })
        .onFailure(ctx::fail);
  }

  private static String user(Object value) {
    if (!(value instanceof String user) || user.isBlank()) {
      throw HttpProblem.badRequest("missing_user", "'user' must be a non-empty string: the resident's stable id");
    }
    if (user.length() > MAX_USER_CHARS) {
      throw HttpProblem.badRequest("user_too_long", "'user' is longer than " + MAX_USER_CHARS + " characters");
    }
    return user;
  }

  static JsonObject toJson(Reply reply) {
    JsonArray replies = new JsonArray();
    reply.texts().forEach(t -> replies.add(new JsonObject().put("text", t)));
    JsonArray sources = new JsonArray();
    reply.sources().forEach(s -> sources.add(new JsonObject().put("id", s.id()).put("title", s.title())));
    return new JsonObject()
        .put("conversationId", reply.conversationId())
        .put("replies", replies)
        .put("intent", reply.intent())
        .put("confidence", Math.round(reply.confidence() * 1000) / 1000.0)
        .put("sources", sources)
        .put("handoff", reply.handoff());
  }
}
