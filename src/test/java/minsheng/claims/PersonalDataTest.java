package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void idAndMobileNumbersAreMaskedInsideText() {
    assertThat(PersonalData.mask("我叫李四 13812345678 420106199001011231"))
        .isEqualTo("我叫李四 138****5678 420106********1231");
    assertThat(PersonalData.mask("电话 138-1234-5678,身份证42010619900101123x"))
        .isEqualTo("电话 138****5678,身份证420106********123x");
    assertThat(PersonalData.mask("编号WC-2026-000123 金额8000元")).isEqualTo("编号WC-2026-000123 金额8000元");
    assertThat(PersonalData.mask(null)).isNull();
  }
}
