package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentTest {
  @Test
  void oneHundredThousandDistinctConversationsStayWithinTheBound() {
    Recent<String, Integer> recent = new Recent<>(500);
    for (int i = 0; i < 100_000; i++) {
      recent.put("api-" + i, i);
    }
    assertThat(recent.size()).isLessThanOrEqualTo(1_000);
    assertThat(recent.get("api-99999")).as("the latest is kept").isEqualTo(99_999);
  }
}
