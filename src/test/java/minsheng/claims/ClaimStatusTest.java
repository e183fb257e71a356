package minsheng.claims;

import static minsheng.claims.ClaimStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimStatusTest {

  @Test
  void theLifecycleAllowsExactlyTheContractsMoves() {
    assertThat(SUBMITTED.canMoveTo(FORWARDED)).isTrue();
    assertThat(FORWARDED.canMoveTo(ACCEPTED)).isTrue();
    assertThat(FORWARDED.canMoveTo(NEEDS_INFO)).isTrue();
    assertThat(FORWARDED.canMoveTo(REJECTED)).isTrue();
    assertThat(NEEDS_INFO.canMoveTo(ACCEPTED)).isTrue();
    assertThat(NEEDS_INFO.canMoveTo(REJECTED)).isTrue();
    assertThat(ACCEPTED.canMoveTo(PAID)).isTrue();
    assertThat(SUBMITTED.canMoveTo(PAID)).isFalse();
    assertThat(FORWARDED.canMoveTo(PAID)).isFalse();
    assertThat(REJECTED.canMoveTo(ACCEPTED)).isFalse();
    assertThat(PAID.canMoveTo(REJECTED)).isFalse();
    assertThat(ACCEPTED.canMoveTo(NEEDS_INFO)).isFalse();
  }

  @Test
  void onlyTheContractsSpellingsAreStatuses() {
    assertThat(named("PAID")).contains(PAID);
    assertThat(named("paid")).isEmpty();
    assertThat(named("LOST")).isEmpty();
  }
}
