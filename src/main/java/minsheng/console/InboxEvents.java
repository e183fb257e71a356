package minsheng.console;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * The inbox's live event stream and the operators' presence: an operator is online while they have an event
 * stream open (several tabs count once). Every conversation change goes out to every open stream.
 *
 * <p>One object serves every HTTP verticle, so presence is held in concurrent structures; each event stream
 * lives on the event loop of the connection that opened it.
 */
final class InboxEvents {
  /** Local event-bus address carrying a conversation's summary whenever it changes. */
  static final String ADDRESS = "minsheng.console.conversation";
  static final long PING_MS = 15_000;

  private final Vertx vertx;
  /** Operators with an open event stream, and how many streams each has open (several tabs). */
  private final Map<String, Integer> online = new ConcurrentHashMap<>();
  private final AtomicInteger openStreams = new AtomicInteger();
  private volatile Runnable onStreamOpened = () -> { };
  private volatile Consumer<String> onWentOffline = op -> { };

  InboxEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Told when a stream is subscribed (someone came online) and when an operator's last stream closed. */
  void onPresence(Runnable streamOpened, Consumer<String> wentOffline) {
    this.onStreamOpened = streamOpened;
    this.onWentOffline = wentOffline;
  }

  /**
   * Server-Sent Events: every conversation change as {@code event: conversation}, a comment line every
   * {@value #PING_MS} ms so proxies keep the stream open. An open stream is what makes an operator online.
   */
  void stream(String me, io.vertx.ext.web.RoutingContext ctx) {
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
          onWentOffline.accept(me);
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
      onStreamOpened.run();
    });
  }

  /** Whether anyone watches: nothing needs publishing while nobody does. */
  boolean watched() {
    return openStreams.get() > 0;
  }

  void publish(Document conversation) {
    vertx.eventBus().publish(ADDRESS, ConversationJson.summary(conversation));
  }

  /** Operators who have an event stream open right now. */
  List<String> onlineOperators() {
    return online.keySet().stream().sorted().toList();
  }

  boolean isOnline(String operator) {
    return online.containsKey(operator);
  }
}
