package minsheng.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry-delay policy of every sender that retries (the insurer forwarder, the WeChat outbound queue):
 * exponential back-off with "equal jitter". Retry {@code n} (the first retry is 1) waits a uniformly random time
 * in [c/2, c], where c = min(cap, base · 2^(n-1)). With base 1 s and cap 10 minutes: the first retry after
 * 0.5–1 s, the second after 1–2 s, the third 2–4 s, …, the tenth 256–512 s, and every one after that 5–10 min.
 * Half of each delay is random, so senders that failed together do not retry together; the other half keeps a
 * retry from coming back at once (which full jitter, uniform in [0, c], allows).
 */
public final class RetryDelays {
  /** What both senders use: from 1 s, doubling, up to 10 minutes. */
  public static final RetryDelays DEFAULT = new RetryDelays(1_000, 10 * 60_000);

  private final long baseMs;
  private final long capMs;

  public RetryDelays(long baseMs, long capMs) {
    if (baseMs < 1 || capMs < baseMs) {
      throw new IllegalArgumentException("need 1 <= base <= cap, got base " + baseMs + " ms, cap " + capMs + " ms");
    }
    this.baseMs = baseMs;
    this.capMs = capMs;
  }

  /** The longest wait before retry {@code retry} (1 = the first retry): min(cap, base · 2^(retry-1)). */
  public long ceilingMs(int retry) {
    int doublings = Math.min(Math.max(retry - 1, 0), 62);
    // base · 2^d <= cap exactly when base <= cap >> d (base is whole): no overflow to guard against.
    return baseMs > (capMs >> doublings) ? capMs : baseMs << doublings;
  }

  /** The wait before retry {@code retry}: uniform in [ceiling/2, ceiling]. */
  public long delayMs(int retry) {
    long ceiling = ceilingMs(retry);
    long floor = ceiling / 2;
    return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
  }
}
