package minsheng.insurer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import minsheng.claims.ClaimDeliveries;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link Forwarder} makes of each try, written to the claim through {@link ClaimDeliveries}: delivered
 * (with the insurer's reference), held for an operator (with the insurer's answer), or due again after a back-off;
 * and the metrics of each outcome.
 */
final class DeliveryRecorder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
  private static final int MAX_KEPT_RESPONSE_CHARS = Forwarder.MAX_KEPT_RESPONSE_CHARS;
  private static final int MAX_NOTE_BODY_CHARS = 200;
  private static final int MAX_INSURER_REF_CHARS = 200;
  private static final int RECORD_TRIES = 4;
  private static final String BY = Forwarder.BY;

  private final Vertx vertx;
  private final ClaimDeliveries deliveries;
  private final String owner;
  private final Clock clock;
  private final IntToLongFunction backoff;
  private final AtomicLong heldGauge;
  private final Counter deliveredCounter;
  private final Counter retryCounter;
  private final Counter heldCounter;
  private final Timer latency;

  DeliveryRecorder(Vertx vertx, ClaimDeliveries deliveries, String owner, Clock clock, IntToLongFunction backoff,
      AtomicLong heldGauge, MeterRegistry registry) {
    this.vertx = vertx;
    this.deliveries = deliveries;
    this.owner = owner;
    this.clock = clock;
    this.backoff = backoff;
    this.heldGauge = heldGauge;
    this.deliveredCounter = attempts(registry, "delivered");
    this.retryCounter = attempts(registry, "retry");
    this.heldCounter = attempts(registry, "held");
    this.latency = Timer.builder("minsheng.insurer.delivery.latency")
        .description("from a claim's submission to its delivery to the insurer").register(registry);
  }

  private static Counter attempts(MeterRegistry registry, String outcome) {
    return Counter.builder("minsheng.insurer.delivery.attempts").tag("outcome", outcome)
        .description("deliveries tried, by outcome").register(registry);
  }

  enum Kind { DELIVERED, RETRY, HELD, SHORT_CIRCUITED }

  /** One try's outcome; {@code reason} says why a claim is held when the answer alone does not. */
  record Outcome(Kind kind, int status, String body, String error, String reason) {
    Outcome(Kind kind, int status, String body, String error) {
      this(kind, status, body, error, null);
    }
  }

  /**
   * Writes the outcome to the claim, trying again a few times if the store refuses (the insurer has answered; a
   * lost answer would mean sending the claim again once its lease expires, which is safe but slow).
   */
  Future<Void> record(Document doc, int attempts, Outcome outcome) {
    switch (outcome.kind()) {
      case DELIVERED -> deliveredCounter.increment();
      case HELD -> heldCounter.increment();
      case RETRY -> retryCounter.increment();
      default -> { }
    }
    return recordTrying(doc, attempts, outcome, 1);
  }

  private Future<Void> recordTrying(Document doc, int attempts, Outcome outcome, int tryNo) {
    return write(doc, attempts, outcome).recover(e -> {
      if (tryNo >= RECORD_TRIES) {
        return Future.failedFuture(e);
      }
      log.warn("claim {}: recording the insurer's answer failed ({}); trying again", doc.getString("_id"),
          e.toString());
      Promise<Void> pause = Promise.promise();
      vertx.setTimer(100L << tryNo, t -> pause.complete());
      return pause.future().compose(v -> recordTrying(doc, attempts, outcome, tryNo + 1));
    });
  }

  private Future<Void> write(Document doc, int attempts, Outcome outcome) {
    String claimNo = doc.getString("_id");
    return switch (outcome.kind()) {
      case DELIVERED -> delivered(doc, attempts, outcome);
      case HELD -> held(doc, attempts, outcome);
      case RETRY -> retry(claimNo, attempts, outcome);
      case SHORT_CIRCUITED -> deliveries.unlease(claimNo, owner);
    };
  }

  private Future<Void> delivered(Document doc, int attempts, Outcome outcome) {
    String claimNo = doc.getString("_id");
    String insurerRef = insurerRef(outcome.body());
    Instant at = clock.instant();
    return deliveries.delivered(claimNo, attempts, tried(Date.from(at), outcome, null), insurerRef, BY).map(recorded -> {
      Date created = doc.getDate("createdAt");
      if (created != null && recorded) {
        latency.record(Duration.between(created.toInstant(), at));
      }
      log.info("claim {} delivered to the insurer (HTTP {}, try {}{})", claimNo, outcome.status(), attempts,
          insurerRef == null ? "" : ", insurer reference " + insurerRef);
      return null;
    });
  }

  private Future<Void> held(Document doc, int attempts, Outcome outcome) {
    String claimNo = doc.getString("_id");
    String body = outcome.body() == null ? "" : outcome.body();
    String note = (outcome.reason() == null ? "" : outcome.reason() + ": ") + "insurer answered " + outcome.status()
        + (body.isBlank() ? "" : ": " + truncate(body.strip(), MAX_NOTE_BODY_CHARS));
    Date now = Date.from(clock.instant());
    Document response = new Document("status", outcome.status())
        .append("body", truncate(body, MAX_KEPT_RESPONSE_CHARS)).append("at", now);
    return deliveries.held(claimNo, owner, attempts, tried(now, outcome, note), outcome.reason(), response, note, BY)
        .map(recorded -> {
          if (recorded) {
            heldGauge.incrementAndGet();
          }
          log.warn("claim {} held for an operator: {}", claimNo, truncate(note, 300));
          return null;
        });
  }

  private Future<Void> retry(String claimNo, int attempts, Outcome outcome) {
    long delay = backoff.applyAsLong(attempts);
    Date now = Date.from(clock.instant());
    log.info("claim {} not delivered (try {}: {}); next try in {} ms", claimNo, attempts, outcome.error(), delay);
    return deliveries.retry(claimNo, owner, attempts, tried(now, outcome, outcome.error()),
        new Date(now.getTime() + delay), truncate(outcome.error(), 500));
  }

  /** This try as the claim's list of tries keeps it. */
  private static ClaimDeliveries.Try tried(Date at, Outcome outcome, String error) {
    return new ClaimDeliveries.Try(at, outcome.kind().name().toLowerCase(Locale.ROOT), outcome.status(),
        error == null ? null : truncate(error, MAX_NOTE_BODY_CHARS + 40));
  }

  private static String insurerRef(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      Object ref = new JsonObject(body).getValue("insurerRef");
      if (ref instanceof String s && !s.isBlank()) {
        return truncate(s.strip(), MAX_INSURER_REF_CHARS);
      }
    } catch (RuntimeException ignored) {
      // a 2xx without a JSON object is a delivery all the same
    }
    return null;
  }

  static String truncate(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
