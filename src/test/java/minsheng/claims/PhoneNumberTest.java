package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

  private static String reason(String text) {
    Parsed<PhoneNumber> p = PhoneNumber.parse(text);
    assertThat(p.isOk()).as("should be refused: %s", text).isFalse();
    return p.reason().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "13812345678",
      "138 1234 5678",
      "138-1234-5678",
      "138 - 1234 - 5678",
      "+86 138 1234 5678",
      "+8613812345678",
      "+86-138-1234-5678",
      "0086 13812345678",
      "008613812345678",
      "8613812345678",
      "86 13812345678",
      "１３８１２３４５６７８",
      "＋８６　１３８　１２３４　５６７８",
      "电话13812345678",
      "我叫张三 电话13812345678",
      "手机:138 1234 5678,有事打我",
      "我的电话是13812345678,身份证420106199001011231",
      "身份证420106199001011231 电话13812345678",
      "13812345678 420106199001011231",
      "138—1234—5678"})
  void readsTheNumberFromWhatResidentsWrite(String text) {
    assertThat(PhoneNumber.parse(text).orElseThrow().value()).isEqualTo("13812345678");
  }

  @ParameterizedTest
  @ValueSource(strings = {"13000000000", "14512345678", "15912345678", "16612345678", "17012345678", "18812345678",
      "19912345678"})
  void everySecondDigitFromThreeToNineIsAMobile(String number) {
    assertThat(PhoneNumber.parse(number).orElseThrow().value()).isEqualTo(number);
  }

  @Test
  void isMaskedEverywhereButValue() {
    PhoneNumber p = PhoneNumber.parse("13812345678").orElseThrow();
    assertThat(p.masked()).isEqualTo("138****5678");
    assertThat(p.toString()).isEqualTo("138****5678").doesNotContain("13812345678");
    assertThat(String.valueOf(PhoneNumber.parse("电话13812345678"))).doesNotContain("13812345678");
    assertThat(p.value()).isEqualTo("13812345678");
  }

  @Test
  void equalityIsByNumber() {
    assertThat(PhoneNumber.parse("+86 138 1234 5678").orElseThrow()).isEqualTo(PhoneNumber.of("13812345678"))
        .hasSameHashCodeAs(PhoneNumber.of("13812345678"));
  }

  @Test
  void wrongLengthSaysHowManyDigitsCame() {
    assertThat(reason("1381234567")).contains("11位").contains("10位");
    assertThat(reason("138123456789")).contains("11位").contains("12位");
  }

  @Test
  void elevenDigitsThatAreNoMobileAreNamed() {
    assertThat(reason("12812345678")).contains("1开头").contains("3到9");
    assertThat(reason("23812345678")).contains("1开头");
    assertThat(reason("10012345678")).contains("1开头");
  }

  @Test
  void aLandlineIsRecognisedAndAMobileAskedFor() {
    assertThat(reason("027-88881234")).contains("座机").contains("手机号");
    assertThat(reason("02788881234")).contains("座机");
  }

  @Test
  void nothingLikeANumberIsAskedFor() {
    assertThat(reason("我没有手机")).contains("11位的手机号");
    assertThat(reason("")).contains("11位的手机号");
  }

  @Test
  void findIgnoresMessagesWithoutAPhoneAttempt() {
    assertThat(PhoneNumber.find("我叫张三")).isEmpty();
    assertThat(PhoneNumber.find("身份证420106199001011231")).isEmpty();
    assertThat(PhoneNumber.find("损失8000元")).isEmpty();
    assertThat(PhoneNumber.find("我叫张三 电话13812345678").orElseThrow().orElseThrow().masked())
        .isEqualTo("138****5678");
    assertThat(PhoneNumber.find("电话是1381234").orElseThrow().reason().orElseThrow()).contains("7位");
  }
}
