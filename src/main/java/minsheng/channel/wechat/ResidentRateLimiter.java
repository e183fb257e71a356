package minsheng.channel.wechat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code perMinute} first copies of messages per resident (OpenID) in any sliding minute. A resident's
 * window expires a minute after their last message, when it could not refuse anything any more, so forgetting
 * it changes no answer; the number of residents held at once is capped, so a flood of distinct senders cannot
 * grow memory without bound (past the cap, the least recent senders' windows are dropped first).
 * Per instance on purpose: it protects this instance's CPU from one sender. With N instances behind a balancer a
 * resident may get up to N times the limit; a store counter would cost a write per message for no safety gain.
 */
final class ResidentRateLimiter {
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final long DEFAULT_MAX_RESIDENTS = 100_000;

  private final int perMinute;
  private final Ticker ticker;
  private final Cache<String, Deque<Long>> windows;

  ResidentRateLimiter(int perMinute) {
    this(perMinute, DEFAULT_MAX_RESIDENTS, Ticker.systemTicker());
  }

  ResidentRateLimiter(int perMinute, long maxResidents, Ticker ticker) {
    this.perMinute = perMinute;
    this.ticker = ticker;
    this.windows = Caffeine.newBuilder().maximumSize(maxResidents).expireAfterAccess(WINDOW).ticker(ticker).build();
  }

  /** Counts a message from {@code resident}; false when they have already sent {@code perMinute} this minute. */
  boolean allow(String resident) {
    long now = ticker.read();
    Deque<Long> times = windows.get(resident, r -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && now - times.peekFirst() > WINDOW.toNanos()) {
        times.pollFirst();
      }
      if (times.size() >= perMinute) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }

  /** Residents held now, after pending evictions are done (for tests and diagnostics). */
  long residentsHeld() {
    windows.cleanUp();
    return windows.estimatedSize();
  }
}
