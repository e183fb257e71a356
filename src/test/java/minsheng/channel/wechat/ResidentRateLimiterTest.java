package minsheng.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResidentRateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = nanos::get;

  @Test
  void aResidentGetsTheirQuotaPerMinuteAndAgainAfterIt() {
    ResidentRateLimiter limiter = new ResidentRateLimiter(3, 1_000, ticker);
    assertThat(limiter.allow("o-1")).isTrue();
    assertThat(limiter.allow("o-1")).isTrue();
    assertThat(limiter.allow("o-1")).isTrue();
    assertThat(limiter.allow("o-1")).as("fourth in the minute").isFalse();
    assertThat(limiter.allow("o-2")).as("another resident is not affected").isTrue();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
    assertThat(limiter.allow("o-1")).as("a minute later").isTrue();
  }

  @Test
  void oneHundredThousandDistinctSendersStayWithinTheBound() {
    ResidentRateLimiter limiter = new ResidentRateLimiter(20, 1_000, ticker);
    for (int i = 0; i < 100_000; i++) {
      assertThat(limiter.allow("openid-" + i)).isTrue();
      nanos.addAndGet(TimeUnit.MICROSECONDS.toNanos(100)); // all within ten seconds: nothing expires by age
    }
    assertThat(limiter.residentsHeld()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void residentsSilentForAMinuteAreForgotten() {
    ResidentRateLimiter limiter = new ResidentRateLimiter(20, 100_000, ticker);
    for (int i = 0; i < 10_000; i++) {
      limiter.allow("openid-" + i);
    }
    assertThat(limiter.residentsHeld()).isEqualTo(10_000);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
    assertThat(limiter.residentsHeld()).isZero();
  }
}
