package minsheng.console;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import minsheng.channel.HttpProblem;
import minsheng.channel.Outbox;
import minsheng.channel.wechat.OutboundQueue;
import minsheng.claims.PersonalData;
import minsheng.dialogue.Conversations;
import minsheng.dialogue.Replies;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The console's inbox: conversations waiting for a person, their transcripts, taking one over from the
 * assistant, answering the resident on their own channel, handing back, and a live event stream.
 *
 * <p>One object serves every HTTP verticle, so its own state (who is online, the assignment lane) is held in
 * concurrent structures; each event stream lives on the event loop of the connection that opened it.
 * Conversation changes are single-document atomic updates, so two operators racing for one conversation
 * cannot both win.
 */
public final class Inbox {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);
  /** Local event-bus address carrying a conversation's Summary whenever it changes. */
  public static final String ADDRESS = "minsheng.console.conversation";
  static final long PING_MS = 15_000;
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;
  private static final int MAX_REPLY_CHARS = 1000;
  /** The platform refuses customer-service texts longer than this. */
  private static final int MAX_WECHAT_BYTES = 2048;
  private static final int ASSIGN_BATCH = 200;
  private static final String INPUT_KEY = "inbox.input";
  private static final String ID_PATTERN = "[a-z]{2,16}-[0-9a-f]{24}";

  private final Vertx vertx;
  private final MongoCollection<Document> conversations;
  private final MongoCollection<Document> turns;
  private final Conversations dialogue;
  private final Accounts accounts;
  private final Outbox outbox;
  private final OutboundQueue wechat;
  private final Replies replies;
  private final List<JsonObject> canned;
  private final int maxPerOperator;
  /**
   * Operators with an open event stream on this instance, and how many streams each has open (several tabs).
   * Per instance: automatic assignment hands waiting conversations to the operators online here; with several
   * instances each assigns to its own, and the conditional update in the store keeps one conversation to one.
   */
  private final Map<String, Integer> online = new ConcurrentHashMap<>();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicInteger roundRobin = new AtomicInteger();
  /** Assignment runs one pass at a time, so that two passes cannot both fill an operator's last place. */
  private Future<Void> assigning = Future.succeededFuture();

  public Inbox(Vertx vertx, Store store, Conversations dialogue, Accounts accounts, Outbox outbox,
      OutboundQueue wechat, Replies replies, List<JsonObject> canned, int maxPerOperator) {
    this.vertx = vertx;
    this.conversations = store.collection("conversations");
    this.turns = store.collection("turns");
    this.dialogue = dialogue;
    this.accounts = accounts;
    this.outbox = outbox;
    this.wechat = wechat;
    this.replies = replies;
    this.canned = List.copyOf(canned);
    this.maxPerOperator = maxPerOperator;
    // Fail at start-up rather than at the first takeover.
    replies.line("operatorJoined");
    replies.line("assistantBack");
  }

  public Future<Void> createIndexes() {
    return Reactive.first(conversations.createIndex(Indexes.ascending("assignedTo"))).mapEmpty();
  }

  /** The canned replies file: a YAML mapping of key to text, kept in file order. */
  public static List<JsonObject> loadCanned(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Object raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
        throw new IllegalStateException("canned replies file " + file + " must map keys to texts");
      }
      List<JsonObject> out = new ArrayList<>();
      map.forEach((k, v) -> {
        if (!(v instanceof String text) || text.isBlank() || text.strip().length() > MAX_REPLY_CHARS) {
          throw new IllegalStateException("canned reply '" + k + "' in " + file + " must be a text of 1 to "
              + MAX_REPLY_CHARS + " characters");
        }
        out.add(new JsonObject().put("key", String.valueOf(k)).put("text", text.strip()));
      });
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read canned replies from " + file, e);
    }
  }

  // ---- validation handlers

  private record ListQuery(String view, int limit) {
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
    ctx.put(INPUT_KEY, new ListQuery(view, limit));
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
    String me = me(ctx);
    Bson view = switch (q.view()) {
      case "waiting" -> Filters.and(Filters.eq("needsHuman", true), Filters.eq("takenOverBy", null));
      case "mine" -> Filters.or(Filters.eq("assignedTo", me), Filters.eq("takenOverBy", me));
      default -> Filters.empty();
    };
    // Handed-over conversations come first whatever their age: two reads rather than one sort on a computed key.
    Bson handedOver = Filters.or(Filters.eq("needsHuman", true), Filters.ne("takenOverBy", null));
    Bson rest = Filters.and(Filters.ne("needsHuman", true), Filters.eq("takenOverBy", null));
    page(Filters.and(view, handedOver), q.limit()).compose(first -> first.size() >= q.limit()
            ? Future.succeededFuture(first)
            : page(Filters.and(view, rest), q.limit() - first.size()).map(more -> {
              List<Document> all = new ArrayList<>(first);
              all.addAll(more);
              return all;
            }))
        .onSuccess(docs -> {
          JsonArray out = new JsonArray();
          docs.forEach(d -> out.add(summary(d)));
          ctx.json(new JsonObject().put("conversations", out));
        })
        .onFailure(ctx::fail);
  }

  private Future<List<Document>> page(Bson filter, int limit) {
    return Reactive.all(conversations.find(filter).sort(Indexes.descending("lastMessageAt")).limit(limit));
  }

  public void one(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    find(in.id()).compose(d -> dialogue.turns(in.id()).map(ts -> {
      JsonArray out = new JsonArray();
      ts.forEach(t -> transcript(t, out));
      return new JsonObject().put("conversation", summary(d)).put("turns", out);
    })).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void takeover(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    takeOver(in.id(), me(ctx)).onSuccess(d -> ctx.json(summary(d))).onFailure(ctx::fail);
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
      return deliver(d, "operator", in.text())
          .compose(v -> addTurn(d, "operator", me, in.text()))
          .compose(v -> Reactive.first(conversations.findOneAndUpdate(Filters.eq("_id", in.id()),
              Updates.min("firstOperatorReplyAt", new Date()),
              new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
    }).onSuccess(after -> {
      after.ifPresent(this::publish);
      ctx.json(new JsonObject().put("delivered", "queued"));
    }).onFailure(ctx::fail);
  }

  public void handback(RoutingContext ctx) {
    Input in = ctx.get(INPUT_KEY);
    String me = me(ctx);
    Reactive.first(conversations.findOneAndUpdate(Filters.eq("_id", in.id()),
            Updates.combine(Updates.set("needsHuman", false), Updates.unset("takenOverBy"), Updates.unset("assignedTo"),
                Updates.set("handedBackAt", new Date()), Updates.set("handedBackBy", me), Conversations.stateChanged()),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)))
        .onComplete(ar -> dialogue.forget(in.id()))
        .compose(before -> dialogue.forgetEverywhere(in.id()).map(before))
        .compose(before -> {
          Document d = before.orElseThrow(Inbox::notFound);
          boolean wasWithPeople = d.getString("takenOverBy") != null || d.getBoolean("needsHuman", false);
          // Only a resident who was with (or waiting for) a person is told the assistant is back.
          return (wasWithPeople ? tell(d, "assistantBack") : Future.<Void>succeededFuture())
              .compose(v -> find(in.id()));
        })
        .onSuccess(d -> {
          publish(d);
          ctx.json(summary(d));
          assignWaiting();
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
      // A conversation someone has taken over moves with the assignment: the new operator answers it.
      return Reactive.first(conversations.updateOne(Filters.and(Filters.eq("_id", in.id()),
              Filters.ne("takenOverBy", null)), Updates.combine(Updates.set("takenOverBy", operator),
              Conversations.stateChanged())))
          .onComplete(ar -> dialogue.forget(in.id()))
          .compose(r -> dialogue.forgetEverywhere(in.id()).map(r))
          .compose(r -> Reactive.first(conversations.findOneAndUpdate(Filters.eq("_id", in.id()),
              Updates.set("assignedTo", operator), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))))
          .map(after -> after.orElseThrow(Inbox::notFound));
    }).onSuccess(d -> {
      log.info("console: '{}' assigned conversation {} to '{}'", me(ctx), d.getString("_id"), operator);
      publish(d);
      ctx.json(summary(d));
    }).onFailure(ctx::fail);
  }

  public void canned(RoutingContext ctx) {
    ctx.json(new JsonObject().put("replies", new JsonArray(new ArrayList<>(canned))));
  }

  /**
   * Server-Sent Events: every conversation change as {@code event: conversation}, a comment line every
   * {@value #PING_MS} ms so proxies keep the stream open. An open stream is what makes an operator online.
   */
  public void events(RoutingContext ctx) {
    String me = me(ctx);
    HttpServerResponse res = ctx.response();
    // "identity" keeps the compressor from holding events back until a buffer fills.
    res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Content-Encoding", "identity").putHeader("X-Accel-Buffering", "no");
    MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(ADDRESS, m -> {
      if (res.writeQueueFull()) {
        // A reader this far behind reconnects and reloads the list rather than get a backlog.
        res.reset();
        return;
      }
      res.write("event: conversation\ndata: " + m.body().encode() + "\n\n");
    });
    long ping = vertx.setPeriodic(PING_MS, t -> res.write(": ping\n\n"));
    AtomicBoolean closed = new AtomicBoolean();
    Runnable cleanup = () -> {
      if (closed.compareAndSet(false, true)) {
        consumer.unregister();
        vertx.cancelTimer(ping);
        openStreams.decrementAndGet();
        if (online.computeIfPresent(me, (k, n) -> n > 1 ? n - 1 : null) == null) {
          wentOffline(me);
        }
      }
    };
    res.closeHandler(v -> cleanup.run());
    res.endHandler(v -> cleanup.run());
    // A draining server ends the streams at once instead of waiting out the drain for them.
    ctx.request().connection().shutdownHandler(v -> {
      if (!res.ended()) {
        res.end();
      }
    });
    openStreams.incrementAndGet();
    online.merge(me, 1, Integer::sum);
    // The first bytes go out once the subscription is in place, so a reader that sees them misses nothing.
    consumer.completion().onComplete(ar -> {
      if (!res.ended() && !closed.get()) {
        res.write("retry: 3000\n\n");
      }
      assignWaiting();
    });
  }

  // ---- changes

  /** A conversation got a turn (called by {@link Conversations#record}); nothing to do while nobody watches. */
  public void changed(String conversationId) {
    if (openStreams.get() == 0) {
      return;
    }
    Reactive.first(conversations.find(Filters.eq("_id", conversationId)).limit(1)).onSuccess(found -> found.ifPresent(d -> {
      publish(d);
      if (isUnassignedWaiting(d)) {
        assignWaiting();
      }
    })).onFailure(e -> log.warn("inbox: cannot read conversation {}: {}", conversationId, e.toString()));
  }

  private static boolean isUnassignedWaiting(Document d) {
    return d.getBoolean("needsHuman", false) && d.getString("takenOverBy") == null && d.getString("assignedTo") == null;
  }

  private void publish(Document d) {
    vertx.eventBus().publish(ADDRESS, summary(d));
  }

  /** Operators who have an event stream open right now. */
  public List<String> onlineOperators() {
    return online.keySet().stream().sorted().toList();
  }

  private Future<Document> takeOver(String id, String me) {
    return Reactive.first(conversations.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("takenOverBy", null)),
            Updates.combine(Updates.set("takenOverBy", me), Updates.set("takenOverAt", new Date()),
                Updates.set("assignedTo", me), Conversations.stateChanged()),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .onComplete(ar -> dialogue.forget(id))
        .compose(won -> dialogue.forgetEverywhere(id).map(won))
        .compose(won -> {
          if (won.isPresent()) {
            log.info("console: '{}' took over conversation {}", me, id);
            return tell(won.get(), "operatorJoined").map(won.get());
          }
          // Lost the race or already taken: taking over one's own conversation again is harmless.
          return find(id).compose(d -> me.equals(d.getString("takenOverBy"))
              ? Future.succeededFuture(d) : Future.failedFuture(takenByOther(d)));
        })
        .onSuccess(this::publish);
  }

  /**
   * One of the inbox's own lines to the resident, on their channel, kept in the transcript as from "system".
   * A line that cannot be sent does not undo the change it announces; it is logged.
   */
  private Future<Void> tell(Document conversation, String key) {
    String text = replies.line(key);
    return deliver(conversation, "system", text).compose(v -> addTurn(conversation, "system", null, text))
        .recover(e -> {
          log.warn("inbox: could not tell conversation {} '{}': {}", conversation.getString("_id"), key, e.toString());
          return Future.succeededFuture();
        });
  }

  private Future<Void> deliver(Document conversation, String from, String text) {
    String user = conversation.getString("user");
    String channel = String.valueOf(conversation.getString("channel"));
    return switch (channel) {
      case "api" -> outbox.post(user, from, text).mapEmpty();
      case "wechat" -> wechat.enqueueText(user, text, from).mapEmpty();
      default -> Future.failedFuture(new HttpProblem(409, "no_channel",
          "residents on the '" + channel + "' channel cannot be answered from the console"));
    };
  }

  /** Operator and system turns carry "from"; the resident's own turns (written by the dialogue) do not. */
  private Future<Void> addTurn(Document conversation, String from, String operator, String text) {
    Document turn = new Document("conversationId", conversation.getString("_id"))
        .append("channel", conversation.getString("channel"))
        .append("at", new Date())
        .append("from", from)
        .append("operator", operator)
        .append("text", text)
        .append("decision", from);
    return Reactive.first(turns.insertOne(turn)).mapEmpty();
  }

  // ---- assignment

  /**
   * How long an operator may be gone (every console tab closed, the network down) before the residents waiting
   * for them go to someone else. Long enough that a page reload or a reconnect shuffles nothing.
   */
  static volatile long offlineGraceMs = 60_000;

  /** After the grace period, if they have not come back: their waiting residents go back into the round. */
  private void wentOffline(String operator) {
    vertx.setTimer(offlineGraceMs, t -> {
      if (online.containsKey(operator)) {
        return;
      }
      // Only conversations still waiting: one the operator took over stays theirs until handed back.
      lane(() -> Reactive.one(conversations.updateMany(Filters.and(Filters.eq("assignedTo", operator),
              Filters.eq("takenOverBy", null)), Updates.unset("assignedTo")))
          .compose(r -> {
            if (r.getModifiedCount() > 0) {
              log.info("console: '{}' went offline; {} waiting conversations go to others", operator,
                  r.getModifiedCount());
            }
            return assignPass();
          }));
    });
  }

  /** Queues an assignment pass behind the one running, if any. */
  private void assignWaiting() {
    lane(this::assignPass);
  }

  private synchronized void lane(Supplier<Future<Void>> pass) {
    assigning = assigning.transform(ar -> pass.get()).recover(e -> {
      log.warn("inbox: assignment failed: {}", e.toString());
      return Future.succeededFuture();
    });
  }

  /**
   * Handed-over conversations nobody has yet, oldest hand-off first, each to the next online operator (in
   * turn) who has fewer than the limit. An operator's load is what is assigned to them, read from the store.
   */
  private Future<Void> assignPass() {
    List<String> operators = onlineOperators();
    if (operators.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, Integer> load = new HashMap<>();
    Future<Void> counted = Future.succeededFuture();
    for (String op : operators) {
      counted = counted.compose(v -> Reactive.one(conversations.countDocuments(Filters.eq("assignedTo", op)))
          .map(n -> {
            load.put(op, n.intValue());
            return null;
          }));
    }
    return counted.compose(v -> Reactive.all(conversations.find(Filters.and(Filters.eq("needsHuman", true),
            Filters.eq("takenOverBy", null), Filters.eq("assignedTo", null)))
        .sort(Indexes.ascending("handoffAt")).limit(ASSIGN_BATCH)))
        .compose(waiting -> assignEach(waiting, 0, operators, load));
  }

  private Future<Void> assignEach(List<Document> waiting, int i, List<String> operators, Map<String, Integer> load) {
    if (i >= waiting.size()) {
      return Future.succeededFuture();
    }
    String op = nextOperator(operators, load);
    if (op == null) {
      return Future.succeededFuture();
    }
    String id = waiting.get(i).getString("_id");
    return Reactive.first(conversations.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
            Filters.eq("needsHuman", true), Filters.eq("takenOverBy", null), Filters.eq("assignedTo", null)),
            Updates.set("assignedTo", op), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .compose(after -> {
          after.ifPresent(d -> {
            load.merge(op, 1, Integer::sum);
            log.info("console: conversation {} assigned to '{}'", id, op);
            publish(d);
          });
          return assignEach(waiting, i + 1, operators, load);
        });
  }

  /** The next operator in turn who is under the limit, or null when everyone is full. */
  private String nextOperator(List<String> operators, Map<String, Integer> load) {
    int start = roundRobin.get();
    for (int k = 0; k < operators.size(); k++) {
      int index = Math.floorMod(start + k, operators.size());
      String op = operators.get(index);
      if (load.getOrDefault(op, 0) < maxPerOperator) {
        roundRobin.set(index + 1);
        return op;
      }
    }
    return null;
  }

  // ---- JSON

  private Future<Document> find(String id) {
    return Reactive.first(conversations.find(Filters.eq("_id", id)).limit(1)).map(d -> d.orElseThrow(Inbox::notFound));
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

  /**
   * A conversation for the console. The resident appears as a label derived from the conversation id (itself a
   * hash of channel and platform id), never as the platform id stored in the document.
   */
  static JsonObject summary(Document d) {
    String id = d.getString("_id");
    String channel = d.getString("channel");
    String takenOverBy = d.getString("takenOverBy");
    boolean needsHuman = d.getBoolean("needsHuman", false);
    Object messages = d.get("messages");
    return new JsonObject()
        .put("id", id)
        .put("channel", channel)
        .put("user", label(id))
        .put("lastText", d.getString("lastText"))
        .put("lastMessageAt", iso(d.getDate("lastMessageAt")))
        .put("messages", messages instanceof Number n ? n.intValue() : 0)
        .put("state", takenOverBy != null ? "operator" : needsHuman ? "waiting" : "assistant")
        .put("needsHuman", needsHuman)
        .put("handoffAt", iso(d.getDate("handoffAt")))
        .put("assignedTo", d.getString("assignedTo"))
        .put("takenOverBy", takenOverBy)
        .put("takenOverAt", takenOverBy == null ? null : iso(d.getDate("takenOverAt")));
  }

  /** "wechat-3fa2b1": the channel and the first six hex digits of the conversation id's hash. */
  static String label(String conversationId) {
    int dash = conversationId.lastIndexOf('-');
    String hash = conversationId.substring(dash + 1);
    return conversationId.substring(0, Math.max(dash, 0)) + "-" + hash.substring(0, Math.min(6, hash.length()));
  }

  /** A stored turn as transcript entries: the resident's message, then the assistant's reply if it gave one. */
  private static void transcript(Document t, JsonArray out) {
    String from = t.getString("from");
    if (from != null) {
      out.add(entry(t, from, t.getString("text")));
      return;
    }
    out.add(entry(t, "resident", t.getString("text")));
    List<String> texts = t.getList("replies", String.class, List.of());
    if (!texts.isEmpty()) {
      // Replies are stored as sent; a claim summary read back to the resident holds their ID and phone.
      out.add(entry(t, "assistant", PersonalData.mask(String.join("\n\n", texts))));
    }
  }

  private static JsonObject entry(Document t, String from, String text) {
    JsonArray sources = new JsonArray();
    if ("assistant".equals(from)) {
      t.getList("sources", Document.class, List.of()).forEach(s -> sources.add(new JsonObject()
          .put("id", s.getString("id")).put("title", s.getString("title"))));
    }
    Object confidence = t.get("confidence");
    return new JsonObject()
        .put("at", iso(t.getDate("at")))
        .put("from", from)
        .put("text", text)
        .put("intent", t.getString("intent"))
        .put("confidence", confidence instanceof Number n ? Math.round(n.doubleValue() * 1000) / 1000.0 : null)
        .put("decision", t.getString("decision"))
        .put("sources", sources)
        .put("handoff", t.getBoolean("handoff", false))
        .put("operator", t.getString("operator"));
  }

  private static String iso(Date date) {
    return date == null ? null : date.toInstant().toString();
  }
}
