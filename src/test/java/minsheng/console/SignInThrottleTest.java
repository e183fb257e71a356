package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  @Test
  void freeFailuresThenDoublingDelaysUpToFifteenMinutes() {
    assertThat(SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES - 1)).isZero();
    assertThat(SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES)).isEqualTo(Duration.ofSeconds(1));
    assertThat(SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES + 1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES + 9)).isEqualTo(Duration.ofSeconds(512));
    assertThat(SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES + 10)).isEqualTo(Duration.ofMinutes(15));
    assertThat(SignInThrottle.delayAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aSuccessStartsTheAddressAfresh() {
    ConsoleAuthTest.MutableClock clock = new ConsoleAuthTest.MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    SignInThrottle throttle = new SignInThrottle(clock);
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertThat(throttle.retryAfter("a")).isEmpty();
      throttle.failed("a");
    }
    assertThat(throttle.retryAfter("a")).contains(Duration.ofSeconds(1));
    assertThat(throttle.retryAfter("b")).isEmpty();
    throttle.succeeded("a");
    assertThat(throttle.retryAfter("a")).isEmpty();
  }

  @Test
  void oneHundredThousandAddressesStayWithinTheBound() {
    SignInThrottle throttle = new SignInThrottle();
    for (int i = 0; i < 2 * SignInThrottle.MAX_ADDRESSES; i++) {
      throttle.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }
    assertThat(throttle.addressesHeld()).isLessThanOrEqualTo(SignInThrottle.MAX_ADDRESSES);
  }
}
