package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ParsedTest {

  @Test
  void okCarriesTheValue() {
    Parsed<Integer> p = Parsed.ok(3);
    assertThat(p.isOk()).isTrue();
    assertThat(p.orElseThrow()).isEqualTo(3);
    assertThat(p.toOptional()).contains(3);
    assertThat(p.reason()).isEmpty();
    assertThat(p.map(i -> i * 2)).isEqualTo(Parsed.ok(6));
    assertThat(p.flatMap(i -> Parsed.<String>invalid("不行"))).isEqualTo(Parsed.invalid("不行"));
  }

  @Test
  void invalidCarriesTheReasonThroughMapAndFlatMap() {
    Parsed<Integer> p = Parsed.invalid("麻烦再说一次");
    assertThat(p.isOk()).isFalse();
    assertThat(p.toOptional()).isEmpty();
    assertThat(p.reason()).contains("麻烦再说一次");
    assertThat(p.map(i -> i * 2).reason()).contains("麻烦再说一次");
    assertThat(p.flatMap(i -> Parsed.ok("x")).reason()).contains("麻烦再说一次");
    assertThatThrownBy(p::orElseThrow).isInstanceOf(NoSuchElementException.class).hasMessageContaining("麻烦再说一次");
  }

  @Test
  void theReasonIsReadableByPatternMatching() {
    Parsed<String> p = Parsed.invalid("原因");
    String out = p instanceof Parsed.Invalid<String> invalid ? invalid.reasonForResident() : null;
    assertThat(out).isEqualTo("原因");
  }

  @Test
  void aReAskNeedsWordsAndAValueIsNeverNull() {
    assertThatThrownBy(() -> Parsed.invalid(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Parsed.ok(null)).isInstanceOf(NullPointerException.class);
  }
}
