package minsheng.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import minsheng.dialogue.Conversations;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Round-robin assignment of handed-over conversations to the operators online, each up to a limit; and, when an
 * operator has been gone for the grace period, their waiting residents back into the round.
 */
final class Assignment {
  private static final Logger log = LoggerFactory.getLogger(Assignment.class);
  private static final int ASSIGN_BATCH = 200;

  private final Vertx vertx;
  private final Conversations conversations;
  private final InboxEvents events;
  private final int maxPerOperator;
  private final long offlineGraceMs;
  private final AtomicInteger roundRobin = new AtomicInteger();
  /** Assignment runs one pass at a time, so that two passes cannot both fill an operator's last place. */
  private Future<Void> assigning = Future.succeededFuture();

  /**
   * {@code offlineGraceMs}: how long an operator may be gone (every console tab closed, the network down) before
   * the residents waiting for them go to someone else; long enough that a page reload or a reconnect shuffles
   * nothing.
   */
  Assignment(Vertx vertx, Conversations conversations, InboxEvents events, int maxPerOperator, long offlineGraceMs) {
    this.vertx = vertx;
    this.conversations = conversations;
    this.events = events;
    this.maxPerOperator = maxPerOperator;
    this.offlineGraceMs = offlineGraceMs;
  }

  /** After the grace period, if they have not come back: their waiting residents go back into the round. */
  void wentOffline(String operator) {
    vertx.setTimer(offlineGraceMs, t -> {
      if (events.isOnline(operator)) {
        return;
      }
      // Only conversations still waiting: one the operator took over stays theirs until handed back.
      lane(() -> conversations.unassignWaiting(operator).compose(n -> {
        if (n > 0) {
          log.info("console: '{}' went offline; {} waiting conversations go to others", operator, n);
        }
        return assignPass();
      }));
    });
  }

  /** Queues an assignment pass behind the one running, if any. */
  void assignWaiting() {
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
    List<String> operators = events.onlineOperators();
    if (operators.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, Integer> load = new HashMap<>();
    Future<Void> counted = Future.succeededFuture();
    for (String op : operators) {
      counted = counted.compose(v -> conversations.reads().assignedTo(op).map(n -> {
        load.put(op, n.intValue());
        return null;
      }));
    }
    return counted.compose(v -> conversations.reads().waitingUnassigned(ASSIGN_BATCH))
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
    return conversations.assignIfWaiting(id, op).compose(after -> {
      after.ifPresent(d -> {
        load.merge(op, 1, Integer::sum);
        log.info("console: conversation {} assigned to '{}'", id, op);
        events.publish(d);
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
}
