package minsheng.insurer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStatus;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.store.FieldCipher;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder against a stub insurer that fails, hangs, drops connections, answers 409 and 400 and checks
 * signatures, on the embedded store through the real driver.
 */
class ForwarderTest {
  static final String SECRET = "shared-hmac-secret";
  static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir
  Path data;

  Vertx vertx;
  WebClient web;
  Store store;
  FieldCipher cipher;
  ClaimStore claims;
  StubInsurer insurer;
  final List<Forwarder> forwarders = new ArrayList<>();

  /** Request timeout 300 ms, backoff 50 ms up to 500 ms, circuit reset 300 ms, gauges every 100 ms. */
  static Forwarder.Settings fast(int lanes) {
    return new Forwarder.Settings(500, 300, 60_000, 50, 50, 500, 5, 300, 100, lanes);
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    openStore();
    insurer = new StubInsurer(vertx, SECRET);
  }

  void openStore() throws Exception {
    store = Store.open(Optional.empty(), data, "test");
    cipher = FieldCipher.open(Optional.empty(), data);
    claims = new ClaimStore(store, cipher, "WC");
    claims.createIndexes().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Forwarder f : forwarders) {
      f.stop().await(10, TimeUnit.SECONDS);
    }
    insurer.close();
    store.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  Forwarder forwarder(Forwarder.Settings settings, MeterRegistry registry) throws Exception {
    Forwarder f = new Forwarder(vertx, claims, cipher, web, Optional.of(insurer.url()), Optional.of(SECRET), registry,
        Clock.systemUTC(), settings);
    f.createIndexes().await(10, TimeUnit.SECONDS);
    forwarders.add(f);
    f.start();
    return f;
  }

  static ClaimStore.NewClaim newClaim(int i) {
    String first17 = "42010619900101" + String.format("%03d", i % 1000);
    return new ClaimStore.NewClaim("api", "wuchang-minsheng",
        new Claim.Claimant("张三" + i, IdNumber.of(first17 + IdNumber.checkCharacter(first17)),
            PhoneNumber.of(String.format("138%08d", i)), new Claim.Address("水果湖街", "东亭社区", i + "栋")),
        Peril.NATURAL_DISASTER, List.of(new Claim.Loss(LossType.HOUSE_DAMAGE, Money.ofYuan(8000 + i))),
        LocalDate.of(2026, 7, 6), "暴雨一楼进水,家具泡坏 #" + i, List.of(new Claim.Attachment("image", "https://example/" + i)));
  }

  List<Claim> submit(int count, Forwarder... toNudge) throws Exception {
    List<Claim> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(claims.submit(newClaim(i + 1), "api:r" + i, "api:r" + i).await(10, TimeUnit.SECONDS));
      for (Forwarder f : toNudge) {
        f.nudge();
      }
    }
    return out;
  }

  Document raw(String claimNo) throws Exception {
    return Reactive.one(claims.collection().find(Filters.eq("_id", claimNo)).first()).await(10, TimeUnit.SECONDS);
  }

  long countDocs(org.bson.conversions.Bson filter) throws Exception {
    return Reactive.one(claims.collection().countDocuments(filter)).await(10, TimeUnit.SECONDS);
  }

  static void eventually(Duration within, String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      Thread.sleep(25);
    }
  }

  BooleanSupplier allDelivered(List<Claim> filed) {
    return () -> {
      try {
        return countDocs(Filters.and(Filters.in("_id", filed.stream().map(Claim::claimNo).toList()),
            Filters.eq("delivery.state", "delivered"))) == filed.size();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** Each key seen with exactly one body, that body the claim's contract JSON in full, every signature valid. */
  void assertEveryKeyHadOneSignedBody(List<Claim> filed) {
    assertThat(insurer.badSignatures).isEmpty();
    assertThat(insurer.badHeaders).isEmpty();
    for (Claim c : filed) {
      Set<String> seen = insurer.bodies.get(c.claimNo());
      assertThat(seen).as("bodies seen for %s", c.claimNo()).hasSize(1);
      JsonObject body = new JsonObject(seen.iterator().next());
      assertThat(body.getString("claimNo")).isEqualTo(c.claimNo());
      assertThat(body.getString("status")).isEqualTo("SUBMITTED");
      assertThat(body.getJsonObject("claimant").getString("phone")).isEqualTo(c.claimant().phone().value());
      assertThat(body.getJsonObject("claimant").getString("idNumber")).isEqualTo(c.claimant().idNumber().value());
    }
  }

  @Test
  void everyClaimArrivesWithOneSignedBodyThroughRandomFailures() throws Exception {
    insurer.script = (key, n) -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      if (r.nextBoolean()) {
        return switch (r.nextInt(6)) {
          case 0 -> StubInsurer.status(500);
          case 1 -> StubInsurer.status(503);
          case 2 -> StubInsurer.status(429);
          case 3 -> StubInsurer.status(408);
          case 4 -> new StubInsurer.Hang();
          default -> new StubInsurer.Drop();
        };
      }
      return r.nextInt(5) == 0 ? StubInsurer.status(409) : StubInsurer.ok("INS-" + key);
    };
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Claim> filed = submit(20);
    forwarder(fast(2), registry);

    eventually(PATIENCE, "all 20 claims delivered", allDelivered(filed));

    assertEveryKeyHadOneSignedBody(filed);
    assertThat(insurer.accepted()).isEqualTo(20);
    assertThat(insurer.acceptedPerKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    for (Claim c : filed) {
      Document doc = raw(c.claimNo());
      assertThat(doc.getString("status")).isEqualTo("FORWARDED");
      assertThat(doc.get("delivery", Document.class).get("leaseUntil")).isNull();
      Claim after = claims.toClaim(doc);
      assertThat(after.history()).extracting(Claim.HistoryEntry::status)
          .containsExactly(ClaimStatus.SUBMITTED, ClaimStatus.FORWARDED);
      assertThat(after.history().get(1).by()).isEqualTo("forwarder");
      // the body is kept sealed: no personal data in clear in the store
      assertThat(doc.toJson()).doesNotContain(c.claimant().phone().value())
          .doesNotContain(c.claimant().idNumber().value());
    }
    assertThat(registry.get("minsheng.insurer.delivery.attempts").tag("outcome", "delivered").counter().count())
        .isEqualTo(20.0);
    assertThat(registry.get("minsheng.insurer.delivery.attempts").tag("outcome", "retry").counter().count())
        .isGreaterThan(0.0);
    assertThat(registry.get("minsheng.insurer.delivery.latency").timer().count()).isEqualTo(20);
    eventually(Duration.ofSeconds(3), "pending gauge drops to 0",
        () -> registry.get("minsheng.claims.pending").gauge().value() == 0.0);
  }

  @Test
  void conflictIsDeliveredBadRequestIsHeldAndAnOperatorRetryDeliversIt() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Claim> filed = submit(2);
    String conflicted = filed.get(0).claimNo();
    String refused = filed.get(1).claimNo();
    long seqAtSubmit = ((Number) raw(refused).get("changeSeq")).longValue();
    insurer.script = (key, n) -> key.equals(conflicted) ? StubInsurer.status(409)
        : n == 0 ? new StubInsurer.Status(400, "{\"error\":\"unknown policy number\"}", 0)
        : StubInsurer.ok("INS-777");
    Forwarder forwarder = forwarder(fast(1), registry);

    eventually(PATIENCE, "409 recorded as delivered", allDelivered(List.of(filed.get(0))));
    eventually(PATIENCE, "400 holds the claim", () -> {
      try {
        return "HELD".equals(raw(refused).getString("status"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(raw(conflicted).getString("status")).isEqualTo("FORWARDED");
    assertThat(raw(conflicted).getString("insurerRef")).isNull();

    Document held = raw(refused);
    Document delivery = held.get("delivery", Document.class);
    assertThat(delivery.getString("state")).isEqualTo("held");
    assertThat(delivery.get("lastResponse", Document.class).getInteger("status")).isEqualTo(400);
    assertThat(delivery.get("lastResponse", Document.class).getString("body")).contains("unknown policy number");
    Claim heldClaim = claims.toClaim(held);
    Claim.HistoryEntry last = heldClaim.history().get(heldClaim.history().size() - 1);
    assertThat(last.status()).isEqualTo(ClaimStatus.HELD);
    assertThat(last.by()).isEqualTo("forwarder");
    assertThat(last.note()).contains("400").contains("unknown policy number");
    List<Document> heldTries = delivery.getList("tries", Document.class);
    assertThat(heldTries).hasSize(1);
    assertThat(heldTries.get(0).getString("outcome")).isEqualTo("held");
    assertThat(heldTries.get(0).getInteger("status")).isEqualTo(400);
    assertThat(heldTries.get(0).getString("error")).contains("unknown policy number");
    long seqAtHold = ((Number) held.get("changeSeq")).longValue();
    assertThat(seqAtHold).isGreaterThan(seqAtSubmit);
    eventually(Duration.ofSeconds(3), "held gauge shows it",
        () -> registry.get("minsheng.claims.held").gauge().value() == 1.0);
    assertThat(registry.get("minsheng.insurer.delivery.attempts").tag("outcome", "held").counter().count())
        .isEqualTo(1.0);
    Thread.sleep(200);
    assertThat(insurer.requestsPerKey.get(refused).get()).as("a held claim is not sent again").isEqualTo(1);

    assertThat(forwarder.retryHeld(conflicted, "op:li").await(10, TimeUnit.SECONDS)).isFalse();
    assertThat(forwarder.retryHeld(refused, "op:li").await(10, TimeUnit.SECONDS)).isTrue();
    eventually(PATIENCE, "the retried claim delivered", allDelivered(List.of(filed.get(1))));

    Document done = raw(refused);
    Claim after = claims.toClaim(done);
    assertThat(after.status()).isEqualTo(ClaimStatus.FORWARDED);
    assertThat(after.insurerRef()).isEqualTo("INS-777");
    assertThat(after.history()).extracting(Claim.HistoryEntry::status)
        .containsExactly(ClaimStatus.SUBMITTED, ClaimStatus.HELD, ClaimStatus.SUBMITTED, ClaimStatus.FORWARDED);
    assertThat(after.history()).extracting(Claim.HistoryEntry::by)
        .containsExactly("api:r1", "forwarder", "op:li", "forwarder");
    assertThat(((Number) done.get("changeSeq")).longValue()).isGreaterThan(seqAtHold + 1);
    assertThat(after.updatedAt()).isAfter(after.createdAt());
    assertThat(insurer.bodies.get(refused)).as("the same body on the retry after hold").hasSize(1);
    assertThat(done.get("delivery", Document.class).getList("tries", Document.class))
        .extracting(t -> t.getString("outcome")).containsExactly("held", "delivered");
    assertThat(insurer.badSignatures).isEmpty();
    eventually(Duration.ofSeconds(3), "held gauge back to 0",
        () -> registry.get("minsheng.claims.held").gauge().value() == 0.0);
  }

  @Test
  void aConflictCountsAsDeliveredOnlyWhenTheInsurerEchoesTheDigestOfTheSameBody() throws Exception {
    List<Claim> filed = submit(4);
    String same = filed.get(0).claimNo();
    String different = filed.get(1).claimNo();
    String missing = filed.get(2).claimNo();
    String sameInJson = filed.get(3).claimNo();
    // Another resident's claim under the same number, as after a number was handed out twice.
    insurer.hold(different, "{\"claimNo\":\"" + different + "\",\"claimant\":{\"name\":\"李四\"}}");
    insurer.script = (key, n) -> key.equals(missing) ? new StubInsurer.Conflict(null)
        : key.equals(sameInJson) ? new StubInsurer.Conflict(StubInsurer.digest(insurer.held.get(key)))
        : StubInsurer.status(409);
    forwarder(fast(1), new SimpleMeterRegistry());

    eventually(PATIENCE, "the same body's 409 recorded as delivered",
        allDelivered(List.of(filed.get(0), filed.get(3))));
    eventually(PATIENCE, "both others held", () -> {
      try {
        return "HELD".equals(raw(different).getString("status")) && "HELD".equals(raw(missing).getString("status"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(raw(same).getString("status")).isEqualTo("FORWARDED");
    assertThat(raw(sameInJson).getString("status")).isEqualTo("FORWARDED");
    assertThat(claims.filed(different).await(10, TimeUnit.SECONDS).orElseThrow().delivery().heldReason())
        .isEqualTo("DUPLICATE_NUMBER_DIFFERENT_BODY");
    assertThat(claims.filed(missing).await(10, TimeUnit.SECONDS).orElseThrow().delivery().heldReason())
        .isEqualTo("DUPLICATE_UNCONFIRMED");
    assertThat(claims.filed(same).await(10, TimeUnit.SECONDS).orElseThrow().delivery().heldReason()).isNull();
    Claim heldClaim = claims.toClaim(raw(different));
    assertThat(heldClaim.history().get(heldClaim.history().size() - 1).note())
        .startsWith("DUPLICATE_NUMBER_DIFFERENT_BODY: insurer answered 409");
    assertThat(insurer.badDigests).as("every POST carries its body's digest").isEmpty();
    assertThat(insurer.badSignatures).isEmpty();
  }

  @Test
  void eachTryIsLoggedOnTheClaimKeepingTheLastTwenty() throws Exception {
    insurer.script = (key, n) -> n < 24 ? (n % 2 == 0 ? StubInsurer.status(503) : new StubInsurer.Drop())
        : StubInsurer.ok("INS-1");
    // Backoff of a few milliseconds and a breaker that does not open, so 25 tries take well under a second.
    forwarder(new Forwarder.Settings(500, 300, 60_000, 20, 1, 5, 1_000, 300, 100, 1), new SimpleMeterRegistry());
    List<Claim> filed = submit(1);
    eventually(PATIENCE, "delivered after 24 failed tries", allDelivered(filed));

    Document delivery = raw(filed.get(0).claimNo()).get("delivery", Document.class);
    assertThat(delivery.getInteger("attempts")).isEqualTo(25);
    List<Document> tries = delivery.getList("tries", Document.class);
    assertThat(tries).hasSize(Forwarder.TRIES_KEPT);
    assertThat(tries.get(tries.size() - 1).getString("outcome")).isEqualTo("delivered");
    assertThat(tries.get(tries.size() - 1).getInteger("status")).isEqualTo(200);
    Document failed = tries.get(tries.size() - 2);
    assertThat(failed.getString("outcome")).isEqualTo("retry");
    assertThat(failed.getString("error")).isNotBlank();
    assertThat(tries).extracting(t -> t.getDate("at")).isSorted();
  }

  @Test
  void aRestartInTheMiddleOfRetriesStillDeliversEverything() throws Exception {
    insurer.script = (key, n) -> ThreadLocalRandom.current().nextBoolean() ? StubInsurer.status(503)
        : new StubInsurer.Drop();
    List<Claim> filed = submit(8);
    Forwarder first = forwarder(new Forwarder.Settings(500, 300, 60_000, 50, 50, 500, 100, 300, 100, 2),
        new SimpleMeterRegistry());
    eventually(PATIENCE, "every claim tried and retried at least once",
        () -> filed.stream().allMatch(c -> insurer.requestsPerKey.containsKey(c.claimNo())
            && insurer.requestsPerKey.get(c.claimNo()).get() >= 2));

    first.stop().await(10, TimeUnit.SECONDS);
    forwarders.remove(first);
    store.close();
    insurer.script = (key, n) -> StubInsurer.ok("INS-" + key);
    int before = insurer.requests.get();
    Thread.sleep(200);
    assertThat(insurer.requests.get()).as("nothing sent while stopped").isEqualTo(before);

    openStore();
    assertThat(countDocs(Filters.eq("delivery.state", "pending"))).isEqualTo(8);
    forwarder(fast(1), new SimpleMeterRegistry());
    eventually(PATIENCE, "all delivered after the restart", allDelivered(filed));

    assertEveryKeyHadOneSignedBody(filed);
    assertThat(insurer.acceptedPerKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    for (Claim c : filed) {
      assertThat(raw(c.claimNo()).getString("insurerRef")).isEqualTo("INS-" + c.claimNo());
    }
  }

  @Test
  void twoForwardersRacingOnOneStoreNeverSendAClaimTwiceAtOnce() throws Exception {
    insurer.script = (key, n) -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      long delay = r.nextLong(40);
      return r.nextInt(3) == 0 ? new StubInsurer.Status(500, "busy", delay)
          : new StubInsurer.Status(201, new JsonObject().put("insurerRef", "INS-" + key).encode(), delay);
    };
    Forwarder.Settings settings = new Forwarder.Settings(500, 300, 60_000, 20, 20, 200, 100, 300, 100, 3);
    List<Claim> filed = submit(30);
    SimpleMeterRegistry registryA = new SimpleMeterRegistry();
    SimpleMeterRegistry registryB = new SimpleMeterRegistry();
    Forwarder a = forwarder(settings, registryA);
    Forwarder b = forwarder(settings, registryB);
    assertThat(a.owner()).isNotEqualTo(b.owner());

    eventually(PATIENCE, "all 30 delivered", allDelivered(filed));

    assertThat(insurer.maxInFlightPerKey.get()).as("requests in flight at once for one key").isEqualTo(1);
    for (SimpleMeterRegistry r : List.of(registryA, registryB)) {
      assertThat(r.get("minsheng.insurer.delivery.attempts").tag("outcome", "delivered").counter().count())
          .as("both instances took part").isPositive();
    }
    assertThat(insurer.acceptedPerKey).hasSize(30);
    assertThat(insurer.acceptedPerKey.values()).as("each claim accepted exactly once")
        .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertEveryKeyHadOneSignedBody(filed);
    for (Claim c : filed) {
      assertThat(raw(c.claimNo()).getString("status")).isEqualTo("FORWARDED");
    }
  }

  @Test
  void aCrashedSendersLeaseExpiresAndTheClaimIsSentAgain() throws Exception {
    List<Claim> filed = submit(2);
    String stuck = filed.get(0).claimNo();
    // an instance leased it and died mid-send: its lease runs out 700 ms from now
    Reactive.one(claims.collection().updateOne(Filters.eq("_id", stuck), Updates.combine(
        Updates.set("delivery.leaseUntil", new Date(System.currentTimeMillis() + 700)),
        Updates.set("delivery.leaseOwner", "crashed-instance")))).await(10, TimeUnit.SECONDS);
    forwarder(fast(1), new SimpleMeterRegistry());

    eventually(PATIENCE, "the other claim is delivered", allDelivered(List.of(filed.get(1))));
    assertThat(insurer.requestsPerKey).as("a leased claim is left alone").doesNotContainKey(stuck);
    eventually(PATIENCE, "the expired lease's claim is delivered", allDelivered(filed));
    assertEveryKeyHadOneSignedBody(filed);
  }

  @Test
  void theCircuitOpensDuringAnOutageAndDeliveriesResumeWhenTheInsurerRecovers() throws Exception {
    insurer.script = (key, n) -> StubInsurer.status(503);
    List<Claim> filed = submit(10);
    Forwarder forwarder = forwarder(new Forwarder.Settings(500, 300, 60_000, 50, 50, 200, 3, 1_000, 100, 1),
        new SimpleMeterRegistry());

    eventually(PATIENCE, "the circuit opens", () -> forwarder.circuitState() == CircuitBreakerState.OPEN);
    int atOpen = insurer.requests.get();
    assertThat(atOpen).isGreaterThanOrEqualTo(3);
    Thread.sleep(600);
    assertThat(insurer.requests.get()).as("no request reaches the insurer while the circuit is open")
        .isEqualTo(atOpen);
    assertThat(countDocs(Filters.exists("delivery.leaseUntil"))).as("nothing leased while open").isZero();
    assertThat(countDocs(Filters.eq("delivery.state", "pending"))).isEqualTo(10);

    insurer.script = (key, n) -> StubInsurer.ok("INS-" + key);
    eventually(PATIENCE, "deliveries resume", allDelivered(filed));
    assertThat(forwarder.circuitState()).isEqualTo(CircuitBreakerState.CLOSED);
    assertEveryKeyHadOneSignedBody(filed);
  }

  @Test
  void aNudgeSendsANewClaimAtOnceInsteadOfAtTheNextPoll() throws Exception {
    Forwarder f = forwarder(new Forwarder.Settings(500, 300, 60_000, 30_000, 50, 500, 5, 300, 100, 1),
        new SimpleMeterRegistry());
    Thread.sleep(300); // the worker found nothing and sleeps until its next poll, 30 s away
    List<Claim> filed = submit(1, f);
    eventually(Duration.ofSeconds(3), "delivered right after the nudge", allDelivered(filed));
    Claim after = claims.byNumber(filed.get(0).claimNo()).await(10, TimeUnit.SECONDS).orElseThrow();
    assertThat(after.status()).isEqualTo(ClaimStatus.FORWARDED);
    assertThat(after.insurerRef()).isEqualTo("INS-" + after.claimNo());
  }

  @Test
  void withoutAnInsurerUrlClaimsWaitAndAreCounted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Forwarder f = new Forwarder(vertx, claims, cipher, web, Optional.empty(), Optional.of(SECRET), registry,
        Clock.systemUTC(), fast(1));
    forwarders.add(f);
    f.start();
    List<Claim> filed = submit(2, f);
    eventually(Duration.ofSeconds(3), "pending gauge counts them",
        () -> registry.get("minsheng.claims.pending").gauge().value() == 2.0);
    assertThat(insurer.requests.get()).isZero();
    assertThat(raw(filed.get(0).claimNo()).get("delivery", Document.class).getString("state")).isEqualTo("pending");
  }

  @Test
  void backoffGrowsExponentiallyWithFullJitterUpToTheCap() throws Exception {
    Forwarder f = new Forwarder(vertx, claims, cipher, web, Optional.empty(), Optional.empty(),
        new SimpleMeterRegistry(), Clock.systemUTC(), Forwarder.Settings.defaults());
    for (int i = 0; i < 200; i++) {
      assertThat(f.backoff(1)).isBetween(0L, 1_000L);
      assertThat(f.backoff(4)).isBetween(0L, 8_000L);
      assertThat(f.backoff(60)).isBetween(0L, 600_000L);
    }
    assertThat(java.util.stream.IntStream.range(0, 200).mapToLong(i -> f.backoff(40)).max().getAsLong())
        .isGreaterThan(300_000L);
  }
}
