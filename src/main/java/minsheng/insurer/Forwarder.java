package minsheng.insurer;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import minsheng.claims.ClaimStatus;
import minsheng.claims.ClaimStore;
import minsheng.retry.RetryDelays;
import minsheng.store.FieldCipher;
import minsheng.store.Reactive;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes submitted claims to the insurer ({@code MINSHENG_INSURER_URL}) as the contract says: one POST per
 * claim with {@code Idempotency-Key: <claimNo>}, a timestamp and an HMAC-SHA256 signature.
 *
 * <p>The claim's delivery mark ({@code delivery.state = "pending"}) is written in the same insert as the claim,
 * so nothing is lost between submitting and forwarding. A worker leases one due claim at a time with
 * {@code findOneAndUpdate} ({@code delivery.leaseUntil}, {@code delivery.leaseOwner}): two instances never send
 * the same claim at once, a crashed sender's claim is picked up again when its lease expires, and pending
 * deliveries resume after a restart. The body is built once per claim and kept sealed in the claim document
 * ({@code delivery.body}), so every try of one {@code Idempotency-Key} carries the same bytes.
 *
 * <p>Every POST also carries {@code X-Minsheng-Body-Digest: sha256=<hex of the body>}. 2xx = delivered (status
 * SUBMITTED → FORWARDED); so is 409, but only when the insurer's answer echoes the same digest (header
 * {@code X-Minsheng-Body-Digest} or JSON field {@code bodyDigest}): the insurer then holds this very claim. A 409
 * with another digest means the insurer holds a different claim under this number, and one without a digest
 * cannot be told apart from that; both hold the claim ({@value #DIFFERENT_BODY}, {@value #UNCONFIRMED}) for an
 * operator instead of counting a claim the insurer never got as delivered. 408, 429, 5xx, timeouts and refused or
 * dropped connections are retried with exponential backoff and jitter ({@link minsheng.retry.RetryDelays}: 0.5–1 s first, up to 5–10 min,
 * without giving up); any other 4xx holds the claim (status HELD, the insurer's answer kept) for an operator, who can
 * {@link #retryHeld retry} it. Every try's outcome is also appended to {@code delivery.tries} (the last
 * {@value #TRIES_KEPT}) in the update that records it, for the operators' claims desk. A circuit breaker stops
 * the worker from leasing anything while the insurer is down, so memory and connections stay flat during an
 * outage of any length.
 */
public final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  static final String PENDING = "pending";
  static final String DELIVERED = "delivered";
  static final String HELD = "held";
  static final String BY = "forwarder";
  static final String DIGEST_HEADER = "X-Minsheng-Body-Digest";
  /** Held: the insurer answered 409 with the digest of another body under this claim number. */
  static final String DIFFERENT_BODY = "DUPLICATE_NUMBER_DIFFERENT_BODY";
  /** Held: the insurer answered 409 without saying which body it holds. */
  static final String UNCONFIRMED = "DUPLICATE_UNCONFIRMED";
  private static final int MAX_KEPT_RESPONSE_CHARS = 4000;
  private static final int MAX_NOTE_BODY_CHARS = 200;
  private static final int MAX_INSURER_REF_CHARS = 200;
  private static final int RECORD_TRIES = 4;
  /** Tries kept on the claim for operators ({@code delivery.tries}); older ones drop off in the same update. */
  static final int TRIES_KEPT = 20;

  /** Timings and limits; {@link #defaults()} is what the service runs with, tests shorten them. */
  record Settings(long connectTimeoutMs, long requestTimeoutMs, long leaseMs, long idlePollMs, long backoffBaseMs,
      long backoffCapMs, int breakerMaxFailures, long breakerResetMs, long metricsRefreshMs, int lanes) {
    static Settings defaults() {
      return new Settings(2_000, 10_000, 60_000, 750, 1_000, 10 * 60_000, 5, 30_000, 10_000, 1);
    }
  }

  private final Vertx vertx;
  private final ClaimStore claims;
  private final MongoCollection<Document> collection;
  private final MongoCollection<Document> leases;
  private final FieldCipher cipher;
  private final WebClient client;
  private final Optional<URI> insurerUrl;
  private final Optional<SecretKeySpec> signingKey;
  private final Clock clock;
  private final Settings settings;
  private final String owner;
  private final CircuitBreaker breaker;

  // Gauges of this instance's last count; the counts themselves come from the store, so every instance shows the same.
  private final AtomicLong pendingGauge = new AtomicLong();
  private final AtomicLong heldGauge = new AtomicLong();
  private final Counter deliveredCounter;
  private final Counter retryCounter;
  private final Counter heldCounter;
  private final Timer latency;

  // Touched only on `context` once started.
  private volatile Context context;
  private volatile boolean running;
  private final List<Lane> lanes = new ArrayList<>();
  private Lane probe;
  private long metricsTimer = -1;
  private Promise<Void> stopped;

  public Forwarder(Vertx vertx, ClaimStore claims, FieldCipher cipher, WebClient client, Optional<URI> insurerUrl,
      Optional<String> secret, MeterRegistry registry, Clock clock) {
    this(vertx, claims, cipher, client, insurerUrl, secret, registry, clock, Settings.defaults());
  }

  Forwarder(Vertx vertx, ClaimStore claims, FieldCipher cipher, WebClient client, Optional<URI> insurerUrl,
      Optional<String> secret, MeterRegistry registry, Clock clock, Settings settings) {
    this.vertx = vertx;
    this.claims = claims;
    this.collection = claims.collection();
    this.leases = claims.leaseCollection();
    this.cipher = cipher;
    this.client = client;
    this.insurerUrl = insurerUrl;
    this.signingKey = secret.filter(s -> !s.isEmpty())
        .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    this.clock = clock;
    this.settings = settings;
    this.owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.breaker = CircuitBreaker.create("insurer-" + owner, vertx, new CircuitBreakerOptions()
        .setMaxFailures(settings.breakerMaxFailures())
        .setResetTimeout(settings.breakerResetMs())
        // Failures count within this window; a success resets the count (see send), so it is "N in a row".
        .setFailuresRollingWindow(Math.max(60_000, settings.breakerResetMs()))
        // The HTTP request carries its own timeouts; a breaker timeout would leave the request running.
        .setTimeout(-1)
        .setNotificationAddress(null));
    breaker.openHandler(v -> log.warn("insurer unreachable: forwarding paused for {} ms", settings.breakerResetMs()));
    breaker.halfOpenHandler(v -> {
      log.info("insurer: trying one delivery to see whether it is back");
      nudge();
    });
    breaker.closeHandler(v -> log.info("insurer reachable again: forwarding resumed"));
    Gauge.builder("minsheng.claims.pending", pendingGauge, AtomicLong::get)
        .description("claims waiting to be delivered to the insurer").register(registry);
    Gauge.builder("minsheng.claims.held", heldGauge, AtomicLong::get)
        .description("claims the insurer refused, waiting for an operator").register(registry);
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

  /** A Web Client with the forwarder's connect timeout (each request also sets its own timeouts). */
  public static WebClient webClient(Vertx vertx) {
    return WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) Settings.defaults().connectTimeoutMs()).setUserAgent("minsheng-forwarder"));
  }

  /** The index the worker's lease query and the gauges use. */
  public Future<Void> createIndexes() {
    return Reactive.first(collection.createIndex(Indexes.ascending("delivery.state", "delivery.nextAttemptAt")))
        .mapEmpty();
  }

  /** Starts the worker (only when an insurer URL is configured) and the gauges' refresh. */
  public synchronized void start() {
    if (context != null) {
      return;
    }
    context = vertx.getOrCreateContext();
    running = true;
    context.runOnContext(v -> {
      refreshGauges();
      metricsTimer = vertx.setPeriodic(settings.metricsRefreshMs(), t -> refreshGauges());
      if (insurerUrl.isEmpty()) {
        log.info("MINSHENG_INSURER_URL is not set: claims wait in the store and are not forwarded");
        return;
      }
      if (signingKey.isEmpty()) {
        log.warn("MINSHENG_INSURER_SECRET is not set: claims are forwarded without a signature");
      }
      log.info("forwarding claims to {} (instance {})", insurerUrl.get(), owner);
      for (int i = 0; i < Math.max(1, settings.lanes()); i++) {
        Lane lane = new Lane();
        lanes.add(lane);
        lane.run();
      }
    });
  }

  /**
   * Stops leasing claims; completes once the deliveries in flight have been recorded (at most about the request
   * timeout). A claim whose outcome is not recorded keeps its lease until it expires and is then sent again.
   */
  public Future<Void> stop() {
    Context ctx;
    synchronized (this) {
      ctx = context;
    }
    if (ctx == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    ctx.runOnContext(v -> {
      running = false;
      if (metricsTimer >= 0) {
        vertx.cancelTimer(metricsTimer);
        metricsTimer = -1;
      }
      lanes.forEach(Lane::cancelTimer);
      if (stopped == null) {
        stopped = Promise.promise();
      }
      stopped.future().onComplete(ar -> {
        breaker.close();
        done.complete();
      });
      checkStopped();
    });
    return done.future();
  }

  /** Wakes the worker now (after a claim was submitted or released), instead of at its next poll. */
  public void nudge() {
    Context ctx = context;
    if (ctx != null && running) {
      ctx.runOnContext(v -> lanes.forEach(Lane::wake));
    }
  }

  /**
   * An operator's retry of a claim the insurer refused: HELD → SUBMITTED (history entry by {@code operator},
   * new change sequence) and due for delivery now, with the same body and {@code Idempotency-Key} as before.
   * Completes with false when the claim does not exist or is not HELD.
   */
  public Future<Boolean> retryHeld(String claimNo, String operator) {
    // Checked first so that a retry of a claim that is not held does not take (and waste) a change number.
    return Reactive.first(collection.find(Filters.and(Filters.eq("_id", claimNo),
            Filters.eq("status", ClaimStatus.HELD.name()))).projection(new Document("_id", 1)).first())
        .compose(found -> found.isEmpty() ? Future.succeededFuture(false) : release(claimNo, operator));
  }

  private Future<Boolean> release(String claimNo, String operator) {
    return claims.nextChangeSeq(claimNo).compose(seq -> {
      Date now = Date.from(clock.instant());
      return Reactive.one(collection.updateOne(
          Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", ClaimStatus.HELD.name())),
          Updates.combine(
              Updates.set("status", ClaimStatus.SUBMITTED.name()),
              Updates.push("history", history(now, ClaimStatus.SUBMITTED, operator, "retry after hold")),
              Updates.set("updatedAt", now),
              Updates.set("changeSeq", seq),
              Updates.set("delivery.state", PENDING),
              Updates.set("delivery.attempts", 0),
              Updates.set("delivery.nextAttemptAt", now),
              Updates.unset("delivery.heldReason"),
              Updates.unset("delivery.leaseUntil"),
              Updates.unset("delivery.leaseOwner"))));
    }).map(r -> {
      boolean moved = r.getMatchedCount() > 0;
      if (moved) {
        log.info("claim {} released for delivery again by {}", claimNo, operator);
        heldGauge.updateAndGet(n -> Math.max(0, n - 1));
        nudge();
      }
      return moved;
    });
  }

  /** The breaker's state, for tests and health. */
  CircuitBreakerState circuitState() {
    return breaker.state();
  }

  String owner() {
    return owner;
  }

  // ---- the worker ------------------------------------------------------------------------------------------

  /** One sequential delivery loop; the lanes share the context, so their fields need no locking. */
  private final class Lane {
    private boolean busy;
    private boolean again;
    private long timer = -1;

    void wake() {
      if (busy) {
        again = true;
      } else if (running) {
        cancelTimer();
        run();
      }
    }

    void cancelTimer() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    void later(long delayMs) {
      cancelTimer();
      if (running) {
        timer = vertx.setTimer(Math.max(1, delayMs), t -> {
          timer = -1;
          if (!busy) {
            run();
          }
        });
      }
    }

    void run() {
      if (!running) {
        checkStopped();
        return;
      }
      if (!mayLease(this)) {
        // Circuit open: nothing is leased, nothing is sent; the half-open handler or the next poll wakes us.
        later(settings.idlePollMs());
        return;
      }
      busy = true;
      again = false;
      // true = go on at once; false = nothing due (or the circuit refused the call): wait for the next poll
      lease().compose(found -> found.isEmpty() ? Future.succeededFuture(false) : deliver(found.get()))
          .onComplete(ar -> {
            busy = false;
            if (probe == this) {
              probe = null;
            }
            if (!running) {
              checkStopped();
            } else if (ar.failed()) {
              log.warn("forwarder: {}", ar.cause().toString());
              later(settings.idlePollMs());
            } else if (ar.result() || again) {
              context.runOnContext(v -> {
                if (!busy) {
                  run();
                }
              });
            } else {
              later(settings.idlePollMs());
            }
          });
    }
  }

  /** Whether a lane may lease a claim: always with the circuit closed, one probe at a time when half-open. */
  private boolean mayLease(Lane lane) {
    CircuitBreakerState state = breaker.state();
    if (state == CircuitBreakerState.CLOSED) {
      return true;
    }
    if (state == CircuitBreakerState.HALF_OPEN && probe == null) {
      probe = lane;
      return true;
    }
    return false;
  }

  private void checkStopped() {
    if (stopped != null && !running && lanes.stream().noneMatch(l -> l.busy)) {
      stopped.tryComplete();
    }
  }

  /** Takes the lease of the due claim waiting longest, if any. */
  private Future<Optional<Document>> lease() {
    Instant now = clock.instant();
    Date nowDate = Date.from(now);
    return Reactive.first(leases.findOneAndUpdate(
        Filters.and(
            Filters.eq("delivery.state", PENDING),
            Filters.lte("delivery.nextAttemptAt", nowDate),
            Filters.or(Filters.exists("delivery.leaseUntil", false), Filters.lt("delivery.leaseUntil", nowDate))),
        Updates.combine(
            Updates.set("delivery.leaseUntil", Date.from(now.plusMillis(settings.leaseMs()))),
            Updates.set("delivery.leaseOwner", owner)),
        new FindOneAndUpdateOptions().sort(Indexes.ascending("delivery.nextAttemptAt"))
            .returnDocument(ReturnDocument.AFTER)));
  }

  private enum Kind { DELIVERED, RETRY, HELD, SHORT_CIRCUITED }

  /** One try's outcome; {@code reason} says why a claim is held when the answer alone does not. */
  private record Outcome(Kind kind, int status, String body, String error, String reason) {
    Outcome(Kind kind, int status, String body, String error) {
      this(kind, status, body, error, null);
    }
  }

  /** Thrown inside the breaker for answers that mean "try again later", so that the breaker counts them. */
  private static final class RetryableAnswer extends RuntimeException {
    final int status;
    final String body;

    RetryableAnswer(int status, String body) {
      super("insurer answered " + status, null, false, false);
      this.status = status;
      this.body = body;
    }
  }

  /** Sends one leased claim and records the outcome; false when the circuit refused the call. */
  private Future<Boolean> deliver(Document doc) {
    String claimNo = doc.getString("_id");
    Document delivery = doc.get("delivery", Document.class);
    int attempts = number(delivery.get("attempts")) + 1;
    return bodyOf(doc)
        .compose(body -> send(claimNo, body))
        .compose(outcome -> record(doc, attempts, outcome).map(outcome.kind() != Kind.SHORT_CIRCUITED));
  }

  /**
   * The body sent on every try of this claim: built and sealed into the claim on the first try. That write is
   * durable, so the claim itself is durable before the insurer ever sees its number, however the lease found it.
   */
  private Future<String> bodyOf(Document doc) {
    String claimNo = doc.getString("_id");
    String sealed = doc.get("delivery", Document.class).getString("body");
    if (sealed != null) {
      return Future.succeededFuture(cipher.decrypt(sealed));
    }
    String body = claims.toClaim(doc).toJson(true).encode();
    return Reactive.one(collection.updateOne(
            Filters.and(Filters.eq("_id", claimNo), Filters.exists("delivery.body", false)),
            Updates.set("delivery.body", cipher.encrypt(body))))
        .compose(r -> r.getMatchedCount() > 0 ? Future.succeededFuture(body)
            // Someone stored a body first (only after a lease expired): that one is the body of this key.
            : Reactive.one(collection.find(Filters.eq("_id", claimNo)).first())
                .map(d -> cipher.decrypt(d.get("delivery", Document.class).getString("body"))));
  }

  private Future<Outcome> send(String claimNo, String body) {
    return breaker.<HttpResponse<Buffer>>execute(() -> post(claimNo, body).compose(response -> {
          int status = response.statusCode();
          if (status == 408 || status == 429 || status >= 500 || status < 200 || status >= 300 && status < 400) {
            return Future.failedFuture(new RetryableAnswer(status, text(response)));
          }
          return Future.succeededFuture(response);
        }))
        .map(response -> {
          breaker.reset(); // the insurer answers: failures are counted in a row
          int status = response.statusCode();
          if (status == 409) {
            return duplicate(response, body);
          }
          Kind kind = status >= 200 && status < 300 ? Kind.DELIVERED : Kind.HELD;
          return new Outcome(kind, status, text(response), null);
        })
        .recover(e -> {
          if (e instanceof OpenCircuitException) {
            return Future.succeededFuture(new Outcome(Kind.SHORT_CIRCUITED, 0, null, null));
          }
          if (e instanceof RetryableAnswer a) {
            return Future.succeededFuture(new Outcome(Kind.RETRY, a.status, a.body, a.getMessage()));
          }
          return Future.succeededFuture(new Outcome(Kind.RETRY, 0, null, describe(e)));
        });
  }

  /** A 409: delivered only if the insurer holds this very body (it echoes the body's digest). */
  private static Outcome duplicate(HttpResponse<Buffer> response, String body) {
    String text = text(response);
    String echoed = response.getHeader(DIGEST_HEADER);
    if (echoed == null) {
      try {
        echoed = new JsonObject(text).getString("bodyDigest");
      } catch (RuntimeException notJson) {
        // no digest in the body either
      }
    }
    if (echoed == null || echoed.isBlank()) {
      return new Outcome(Kind.HELD, 409, text, null, UNCONFIRMED);
    }
    return echoed.strip().equalsIgnoreCase(digest(body)) ? new Outcome(Kind.DELIVERED, 409, text, null)
        : new Outcome(Kind.HELD, 409, text, null, DIFFERENT_BODY);
  }

  /** {@code sha256=<lower hex of SHA-256 of the UTF-8 body>}, as sent in {@value #DIGEST_HEADER}. */
  static String digest(String body) {
    try {
      return "sha256=" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Future<HttpResponse<Buffer>> post(String claimNo, String body) {
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    HttpRequest<Buffer> request = client.postAbs(insurerUrl.orElseThrow().toString())
        .connectTimeout(settings.connectTimeoutMs())
        .idleTimeout(settings.requestTimeoutMs())
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", claimNo)
        .putHeader("X-Minsheng-Timestamp", timestamp)
        .putHeader(DIGEST_HEADER, digest(body));
    signingKey.ifPresent(key -> request.putHeader("X-Minsheng-Signature", "sha256=" + sign(key, timestamp, body)));
    return request.sendBuffer(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Lower-hex HMAC-SHA256 of {@code timestamp + "." + body} (UTF-8). */
  static String sign(SecretKeySpec key, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the outcome to the claim, trying again a few times if the store refuses (the insurer has answered; a
   * lost answer would mean sending the claim again once its lease expires, which is safe but slow).
   */
  private Future<Void> record(Document doc, int attempts, Outcome outcome) {
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
      case SHORT_CIRCUITED -> Reactive.one(collection.updateOne(owned(claimNo),
          Updates.combine(Updates.unset("delivery.leaseUntil"), Updates.unset("delivery.leaseOwner")))).mapEmpty();
    };
  }

  private Future<Void> delivered(Document doc, int attempts, Outcome outcome) {
    String claimNo = doc.getString("_id");
    String insurerRef = insurerRef(outcome.body());
    return claims.nextChangeSeq(claimNo).compose(seq -> {
      Instant at = clock.instant();
      Date now = Date.from(at);
      List<Bson> deliveryFields = List.of(
          Updates.set("delivery.state", DELIVERED),
          Updates.set("delivery.deliveredAt", now),
          Updates.set("delivery.attempts", attempts),
          Updates.set("delivery.lastStatus", outcome.status()),
          logTry(now, outcome, null),
          Updates.unset("delivery.lastError"),
          Updates.unset("delivery.leaseUntil"),
          Updates.unset("delivery.leaseOwner"));
      List<Bson> forwarded = new ArrayList<>(deliveryFields);
      forwarded.add(Updates.set("status", ClaimStatus.FORWARDED.name()));
      forwarded.add(Updates.push("history", history(now, ClaimStatus.FORWARDED, BY, null)));
      forwarded.add(Updates.set("updatedAt", now));
      forwarded.add(Updates.set("changeSeq", seq));
      if (insurerRef != null) {
        forwarded.add(Updates.set("insurerRef", insurerRef));
      }
      return Reactive.one(collection.updateOne(
              Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", ClaimStatus.SUBMITTED.name()),
                  Filters.eq("delivery.state", PENDING)),
              Updates.combine(forwarded)))
          .compose(r -> {
            if (r.getMatchedCount() > 0) {
              return Future.succeededFuture(r);
            }
            // Not SUBMITTED any more (or already recorded): record the delivery, leave the status alone.
            List<Bson> only = new ArrayList<>(deliveryFields);
            if (insurerRef != null) {
              only.add(Updates.set("insurerRef", insurerRef));
              only.add(Updates.set("updatedAt", now));
              only.add(Updates.set("changeSeq", seq));
            }
            return Reactive.one(collection.updateOne(
                Filters.and(Filters.eq("_id", claimNo), Filters.eq("delivery.state", PENDING)), Updates.combine(only)));
          })
          .map(r -> {
            Date created = doc.getDate("createdAt");
            if (created != null && r.getMatchedCount() > 0) {
              latency.record(Duration.between(created.toInstant(), at));
            }
            log.info("claim {} delivered to the insurer (HTTP {}, try {}{})", claimNo, outcome.status(), attempts,
                insurerRef == null ? "" : ", insurer reference " + insurerRef);
            return null;
          });
    });
  }

  private Future<Void> held(Document doc, int attempts, Outcome outcome) {
    String claimNo = doc.getString("_id");
    String body = outcome.body() == null ? "" : outcome.body();
    String note = (outcome.reason() == null ? "" : outcome.reason() + ": ") + "insurer answered " + outcome.status()
        + (body.isBlank() ? "" : ": " + truncate(body.strip(), MAX_NOTE_BODY_CHARS));
    return claims.nextChangeSeq(claimNo).compose(seq -> {
      Date now = Date.from(clock.instant());
      List<Bson> deliveryFields = List.of(
          Updates.set("delivery.state", HELD),
          outcome.reason() == null ? Updates.unset("delivery.heldReason")
              : Updates.set("delivery.heldReason", outcome.reason()),
          Updates.set("delivery.attempts", attempts),
          Updates.set("delivery.lastStatus", outcome.status()),
          Updates.set("delivery.lastResponse", new Document("status", outcome.status())
              .append("body", truncate(body, MAX_KEPT_RESPONSE_CHARS)).append("at", now)),
          Updates.set("delivery.heldAt", now),
          logTry(now, outcome, note),
          Updates.unset("delivery.leaseUntil"),
          Updates.unset("delivery.leaseOwner"));
      List<Bson> heldUpdate = new ArrayList<>(deliveryFields);
      heldUpdate.add(Updates.set("status", ClaimStatus.HELD.name()));
      heldUpdate.add(Updates.push("history", history(now, ClaimStatus.HELD, BY, note)));
      heldUpdate.add(Updates.set("updatedAt", now));
      heldUpdate.add(Updates.set("changeSeq", seq));
      return Reactive.one(collection.updateOne(
              Filters.and(Filters.eq("_id", claimNo), Filters.eq("status", ClaimStatus.SUBMITTED.name()),
                  Filters.eq("delivery.state", PENDING), Filters.eq("delivery.leaseOwner", owner)),
              Updates.combine(heldUpdate)))
          .compose(r -> r.getMatchedCount() > 0 ? Future.succeededFuture(r)
              : Reactive.one(collection.updateOne(owned(claimNo), Updates.combine(deliveryFields))))
          .map(r -> {
            if (r.getMatchedCount() > 0) {
              heldGauge.incrementAndGet();
            }
            log.warn("claim {} held for an operator: {}", claimNo, truncate(note, 300));
            return null;
          });
    });
  }

  private Future<Void> retry(String claimNo, int attempts, Outcome outcome) {
    long delay = backoff(attempts);
    Date now = Date.from(clock.instant());
    List<Bson> update = new ArrayList<>(List.of(
        Updates.set("delivery.attempts", attempts),
        Updates.set("delivery.nextAttemptAt", new Date(now.getTime() + delay)),
        Updates.set("delivery.lastError", truncate(outcome.error(), 500)),
        Updates.set("delivery.lastAttemptAt", now),
        logTry(now, outcome, outcome.error()),
        Updates.unset("delivery.leaseUntil"),
        Updates.unset("delivery.leaseOwner")));
    if (outcome.status() > 0) {
      update.add(Updates.set("delivery.lastStatus", outcome.status()));
    }
    log.info("claim {} not delivered (try {}: {}); next try in {} ms", claimNo, attempts, outcome.error(), delay);
    return Reactive.one(collection.updateOne(owned(claimNo), Updates.combine(update))).mapEmpty();
  }

  /** Appends this try to the claim's bounded list of tries, in the update that records its outcome. */
  private static Bson logTry(Date at, Outcome outcome, String error) {
    Document entry = new Document("at", at).append("outcome", outcome.kind().name().toLowerCase(Locale.ROOT));
    if (outcome.status() > 0) {
      entry.append("status", outcome.status());
    }
    if (error != null) {
      entry.append("error", truncate(error, MAX_NOTE_BODY_CHARS + 40));
    }
    return Updates.pushEach("delivery.tries", List.of(entry), new PushOptions().slice(-TRIES_KEPT));
  }

  /** The claim, still pending and still leased by this instance. */
  private Bson owned(String claimNo) {
    return Filters.and(Filters.eq("_id", claimNo), Filters.eq("delivery.state", PENDING),
        Filters.eq("delivery.leaseOwner", owner));
  }

  /** The shared retry policy (RetryDelays) with this forwarder's base and cap. */
  long backoff(int attempts) {
    return new RetryDelays(settings.backoffBaseMs(), settings.backoffCapMs()).delayMs(attempts);
  }

  private void refreshGauges() {
    if (!running) {
      return;
    }
    Reactive.one(leases.countDocuments(Filters.eq("delivery.state", PENDING)))
        .onSuccess(pendingGauge::set)
        .onFailure(e -> log.debug("counting pending claims: {}", e.toString()));
    Reactive.one(leases.countDocuments(Filters.eq("status", ClaimStatus.HELD.name())))
        .onSuccess(heldGauge::set)
        .onFailure(e -> log.debug("counting held claims: {}", e.toString()));
  }

  private static Document history(Date at, ClaimStatus status, String by, String note) {
    return new Document("at", at).append("status", status.name()).append("by", by).append("note", note);
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

  private static String text(HttpResponse<Buffer> response) {
    Buffer b = response.body();
    return b == null ? "" : truncate(b.toString(StandardCharsets.UTF_8), MAX_KEPT_RESPONSE_CHARS);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String truncate(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  private static int number(Object o) {
    return o instanceof Number n ? n.intValue() : 0;
  }
}
