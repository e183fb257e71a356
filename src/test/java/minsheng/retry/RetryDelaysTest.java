package minsheng.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LongSummaryStatistics;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {
  private static LongSummaryStatistics sample(RetryDelays delays, int retry) {
    return LongStream.range(0, 2_000).map(i -> delays.delayMs(retry)).summaryStatistics();
  }

  @Test
  void eachRetryWaitsBetweenHalfItsCeilingAndItsCeiling() {
    RetryDelays d = RetryDelays.DEFAULT;
    long[][] bounds = {{1, 500, 1_000}, {2, 1_000, 2_000}, {3, 2_000, 4_000}, {10, 256_000, 512_000},
        {11, 300_000, 600_000}, {50, 300_000, 600_000}, {Integer.MAX_VALUE, 300_000, 600_000}};
    for (long[] b : bounds) {
      LongSummaryStatistics s = sample(d, (int) b[0]);
      assertThat(s.getMin()).as("retry %d at least", b[0]).isGreaterThanOrEqualTo(b[1]);
      assertThat(s.getMax()).as("retry %d at most", b[0]).isLessThanOrEqualTo(b[2]);
      // Jittered: the 2,000 samples spread over most of the range, not one value.
      assertThat(s.getMax() - s.getMin()).as("retry %d spread", b[0]).isGreaterThan((b[2] - b[1]) * 8 / 10);
    }
  }

  @Test
  void theFirstRetryNeverComesBackAtOnce() {
    assertThat(sample(RetryDelays.DEFAULT, 1).getMin()).isGreaterThanOrEqualTo(500);
    assertThat(sample(RetryDelays.DEFAULT, 0).getMin()).as("a zero count is the first retry").isGreaterThanOrEqualTo(500);
  }

  @Test
  void ceilingsDoubleUpToTheCapWithoutOverflow() {
    RetryDelays d = new RetryDelays(3, 1_000);
    assertThat(d.ceilingMs(1)).isEqualTo(3);
    assertThat(d.ceilingMs(2)).isEqualTo(6);
    assertThat(d.ceilingMs(9)).isEqualTo(768);
    assertThat(d.ceilingMs(10)).isEqualTo(1_000);
    assertThat(new RetryDelays(1, Long.MAX_VALUE).ceilingMs(64)).isEqualTo(1L << 62);
    assertThatThrownBy(() -> new RetryDelays(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryDelays(10, 5)).isInstanceOf(IllegalArgumentException.class);
  }
}
