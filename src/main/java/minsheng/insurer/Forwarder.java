package minsheng.insurer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import minsheng.claims.ClaimDeliveries;
import minsheng.claims.ClaimStore;
import minsheng.retry.RetryDelays;
import minsheng.store.FieldCipher;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes submitted claims to the insurer ({@code MINSHENG_INSURER_URL}) as the contract says: one POST per
 * claim with {@code Idempotency-Key: <claimNo>}, a timestamp and an HMAC-SHA256 signature (see
 * {@link InsurerClient}); each try's outcome is recorded by {@link DeliveryRecorder} through
 * {@link ClaimDeliveries}. This class keeps the worker loop and the circuit breaker.
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
 * {@value ClaimDeliveries#TRIES_KEPT}) in the update that records it, for the operators' claims desk. A circuit breaker stops
 * the worker from leasing anything while the insurer is down, so memory and connections stay flat during an
 * outage of any length.
 */
public final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  static final String BY = "forwarder";
  /** Held: the insurer answered 409 with the digest of another body under this claim number. */
  static final String DIFFERENT_BODY = "DUPLICATE_NUMBER_DIFFERENT_BODY";
  /** Held: the insurer answered 409 without saying which body it holds. */
  static final String UNCONFIRMED = "DUPLICATE_UNCONFIRMED";
  static final int MAX_KEPT_RESPONSE_CHARS = 4000;

  /** Timings and limits; {@link #defaults()} is what the service runs with, tests shorten them. */
  record Settings(long connectTimeoutMs, long requestTimeoutMs, long leaseMs, long idlePollMs, long backoffBaseMs,
      long backoffCapMs, int breakerMaxFailures, long breakerResetMs, long metricsRefreshMs, int lanes) {
    static Settings defaults() {
      return new Settings(2_000, 10_000, 60_000, 750, 1_000, 10 * 60_000, 5, 30_000, 10_000, 1);
    }
  }

  private final Vertx vertx;
  private final ClaimStore claims;
  private final ClaimDeliveries deliveries;
  private final InsurerClient insurer;
  private final Clock clock;
  private final Settings settings;
  private final String owner;
  private final CircuitBreaker breaker;

  // Gauges of this instance's last count; the counts themselves come from the store, so every instance shows the same.
  private final AtomicLong pendingGauge = new AtomicLong();
  private final AtomicLong heldGauge = new AtomicLong();
  private final DeliveryRecorder recorder;

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
    this.deliveries = claims.deliveries();
    this.insurer = new InsurerClient(client, insurerUrl, secret, clock, settings.connectTimeoutMs(),
        settings.requestTimeoutMs());
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
    this.recorder = new DeliveryRecorder(vertx, deliveries, owner, clock, this::backoff, heldGauge, registry);
  }

  /** A Web Client with the forwarder's connect timeout (each request also sets its own timeouts). */
  public static WebClient webClient(Vertx vertx) {
    return WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) Settings.defaults().connectTimeoutMs()).setUserAgent("minsheng-forwarder"));
  }

  /** The index the worker's lease query and the gauges use. */
  public Future<Void> createIndexes() {
    return deliveries.createIndexes();
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
      if (insurer.url().isEmpty()) {
        log.info("MINSHENG_INSURER_URL is not set: claims wait in the store and are not forwarded");
        return;
      }
      if (!insurer.signs()) {
        log.warn("MINSHENG_INSURER_SECRET is not set: claims are forwarded without a signature");
      }
      log.info("forwarding claims to {} (instance {})", insurer.url().get(), owner);
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
    return deliveries.isHeld(claimNo).compose(held -> !held ? Future.succeededFuture(false)
        : deliveries.release(claimNo, operator, Date.from(clock.instant())).map(moved -> {
          if (moved) {
            log.info("claim {} released for delivery again by {}", claimNo, operator);
            heldGauge.updateAndGet(n -> Math.max(0, n - 1));
            nudge();
          }
          return moved;
        }));
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
    return deliveries.lease(Date.from(now), Date.from(now.plusMillis(settings.leaseMs())), owner);
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
    return deliveries.body(doc)
        .compose(body -> send(claimNo, body))
        .compose(outcome -> recorder.record(doc, attempts, outcome).map(outcome.kind() != DeliveryRecorder.Kind.SHORT_CIRCUITED));
  }

  private Future<DeliveryRecorder.Outcome> send(String claimNo, String body) {
    return breaker.<HttpResponse<Buffer>>execute(() -> insurer.post(claimNo, body).compose(response -> {
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
          DeliveryRecorder.Kind kind = status >= 200 && status < 300 ? DeliveryRecorder.Kind.DELIVERED : DeliveryRecorder.Kind.HELD;
          return new DeliveryRecorder.Outcome(kind, status, text(response), null);
        })
        .recover(e -> {
          if (e instanceof OpenCircuitException) {
            return Future.succeededFuture(new DeliveryRecorder.Outcome(DeliveryRecorder.Kind.SHORT_CIRCUITED, 0, null, null));
          }
          if (e instanceof RetryableAnswer a) {
            return Future.succeededFuture(new DeliveryRecorder.Outcome(DeliveryRecorder.Kind.RETRY, a.status, a.body, a.getMessage()));
          }
          return Future.succeededFuture(new DeliveryRecorder.Outcome(DeliveryRecorder.Kind.RETRY, 0, null, describe(e)));
        });
  }

  /** A 409: delivered only if the insurer holds this very body (it echoes the body's digest). */
  private static DeliveryRecorder.Outcome duplicate(HttpResponse<Buffer> response, String body) {
    String text = text(response);
    return switch (InsurerClient.duplicate(response, text, body)) {
      case SAME_BODY -> new DeliveryRecorder.Outcome(DeliveryRecorder.Kind.DELIVERED, 409, text, null);
      case DIFFERENT_BODY -> new DeliveryRecorder.Outcome(DeliveryRecorder.Kind.HELD, 409, text, null, DIFFERENT_BODY);
      case UNCONFIRMED -> new DeliveryRecorder.Outcome(DeliveryRecorder.Kind.HELD, 409, text, null, UNCONFIRMED);
    };
  }

  /** The shared retry policy (RetryDelays) with this forwarder's base and cap. */
  long backoff(int attempts) {
    return new RetryDelays(settings.backoffBaseMs(), settings.backoffCapMs()).delayMs(attempts);
  }

  private void refreshGauges() {
    if (!running) {
      return;
    }
    deliveries.countPending()
        .onSuccess(pendingGauge::set)
        .onFailure(e -> log.debug("counting pending claims: {}", e.toString()));
    deliveries.countHeld()
        .onSuccess(heldGauge::set)
        .onFailure(e -> log.debug("counting held claims: {}", e.toString()));
  }

  private static String text(HttpResponse<Buffer> response) {
    Buffer b = response.body();
    return b == null ? "" : DeliveryRecorder.truncate(b.toString(StandardCharsets.UTF_8), MAX_KEPT_RESPONSE_CHARS);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static int number(Object o) {
    return o instanceof Number n ? n.intValue() : 0;
  }
}
