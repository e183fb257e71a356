package minsheng.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins per client address. The first {@value #FREE_FAILURES} failures from an address cost nothing;
 * after that, each failure makes the address wait before its next attempt: 1 s, 2 s, 4 s, … up to 15 minutes.
 * A success from the address starts it afresh; an address silent for an hour is forgotten. The account's own
 * lockout (in {@link Accounts}) counts distinct addresses instead, so one address alone can slow only itself,
 * never lock a named account out for everyone else.
 * Per instance: with N instances an address gets N times the free failures, but the account lockout, which
 * is what stops guessing one account's password, lives in the store and counts across every instance.
 */
public final class SignInThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final long MAX_ADDRESSES = 100_000;

  /** One address's consecutive failures and when it may try again. */
  private record Failures(int count, Instant notBefore) {
  }

  private final Clock clock;
  private final Cache<String, Failures> byAddress;

  public SignInThrottle() {
    this(Clock.systemUTC());
  }

  public SignInThrottle(Clock clock) {
    this.clock = clock;
    this.byAddress = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
        .expireAfterWrite(FORGET_AFTER).ticker(() -> clock.millis() * 1_000_000L).build();
  }

  /** How long {@code address} must still wait before its next attempt; empty when it may try now. */
  public Optional<Duration> retryAfter(String address) {
    Failures f = byAddress.getIfPresent(address);
    Instant now = clock.instant();
    return f == null || !f.notBefore().isAfter(now) ? Optional.empty() : Optional.of(Duration.between(now, f.notBefore()));
  }

  /** Records a failed attempt from {@code address}. */
  public void failed(String address) {
    Instant now = clock.instant();
    byAddress.asMap().compute(address, (a, f) -> {
      int count = f == null ? 1 : f.count() + 1;
      return new Failures(count, count < FREE_FAILURES ? now : now.plus(delayAfter(count)));
    });
  }

  /** A success: the address starts afresh. */
  public void succeeded(String address) {
    byAddress.invalidate(address);
  }

  /** The wait after the {@code failures}-th consecutive failure (none before {@value #FREE_FAILURES}). */
  static Duration delayAfter(int failures) {
    if (failures < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - FREE_FAILURES, 30);
    Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  /** Addresses held now, after pending evictions (tests). */
  long addressesHeld() {
    byAddress.cleanUp();
    return byAddress.estimatedSize();
  }
}
