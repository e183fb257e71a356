package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 7, 8);
  private static final String VALID = "420106199001011231";
  private static final String VALID_X = "42010619900101001X";

  private static Parsed<IdNumber> parse(String text) {
    return IdNumber.parse(text, TODAY);
  }

  private static String reason(String text) {
    Parsed<IdNumber> p = parse(text);
    assertThat(p.isOk()).as("should be refused: %s", text).isFalse();
    return p.reason().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "420106199001011231",
      "身份证420106199001011231",
      "身份证号:420106199001011231",
      "身份证 420106 19900101 1231",
      "4201 0619 9001 0112 31",
      "420106-19900101-1231",
      "４２０１０６１９９００１０１１２３１",
      "我叫张三,身份证号是420106199001011231,电话13812345678",
      "13812345678 420106199001011231",
      "  420106199001011231  "})
  void readsTheNumberFromWhatResidentsWrite(String text) {
    assertThat(parse(text).orElseThrow().value()).isEqualTo(VALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"42010619900101001X", "42010619900101001x", "身份证42010619900101001x", "４２０１０６１９９００１０１００１ｘ"})
  void acceptsTheCheckCharacterXInEitherCase(String text) {
    assertThat(parse(text).orElseThrow().value()).isEqualTo(VALID_X);
  }

  @Test
  void knowsBirthDateSexAndDivision() {
    IdNumber man = parse(VALID).orElseThrow();
    assertThat(man.birthDate()).isEqualTo(LocalDate.of(1990, 1, 1));
    assertThat(man.isMale()).isTrue();
    assertThat(man.divisionCode()).isEqualTo("420106");
    IdNumber woman = parse("11010519491231002X").orElseThrow();
    assertThat(woman.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    assertThat(woman.isMale()).isFalse();
  }

  @Test
  void isMaskedEverywhereButValue() {
    IdNumber id = parse(VALID).orElseThrow();
    assertThat(id.masked()).isEqualTo("420106********1231");
    assertThat(id.toString()).isEqualTo("420106********1231").doesNotContain(VALID);
    assertThat(parse(VALID_X).orElseThrow().toString()).isEqualTo("420106********001X");
    assertThat(String.valueOf(parse(VALID))).doesNotContain(VALID).doesNotContain("19900101");
    assertThat(id.value()).isEqualTo(VALID);
  }

  @Test
  void equalityIsByNumber() {
    assertThat(parse(VALID).orElseThrow()).isEqualTo(IdNumber.of(VALID)).hasSameHashCodeAs(IdNumber.of(VALID));
    assertThat(parse(VALID).orElseThrow()).isNotEqualTo(parse(VALID_X).orElseThrow());
  }

  @Test
  void wrongLengthSaysHowManyDigitsCame() {
    assertThat(reason("42010619900101123")).contains("18位").contains("17位");
    assertThat(reason("4201061990010112311")).contains("18位").contains("19位");
    assertThat(reason("身份证4201061990")).contains("18位").contains("10位");
  }

  @Test
  void anOldFifteenDigitNumberIsNamedAsSuch() {
    assertThat(reason("420106900101123")).contains("15位").contains("18位");
  }

  @Test
  void aLetterInsideIsAWrongCharacter() {
    assertThat(reason("42010619900101123A")).contains("数字或X");
    assertThat(reason("4201O6199001011231")).contains("数字或X");
  }

  @Test
  void nothingLikeAnIdIsAskedFor() {
    assertThat(reason("我不知道")).contains("18位身份证号");
  }

  @Test
  void anImpossibleBirthDateIsNamed() {
    assertThat(reason(withCheck("42010619900230123"))).contains("出生日期").contains("不存在");
    assertThat(reason(withCheck("42010619901301123"))).contains("出生日期").contains("不存在");
    assertThat(reason(withCheck("42010618500101123"))).contains("出生日期");
  }

  @Test
  void aBirthDateInTheFutureIsNamed() {
    assertThat(reason(withCheck("42010620280101123"))).contains("出生日期").contains("还没到");
    assertThat(parse(withCheck("42010620260708123")).isOk()).isTrue();
    assertThat(reason(withCheck("42010620260709123"))).contains("还没到");
  }

  @Test
  void aWrongCheckCharacterIsNamed() {
    assertThat(reason("420106199001011234")).contains("最后一位校验码对不上,麻烦再核对一下");
    assertThat(reason("身份证420106199001011234")).isEqualTo(IdNumber.CHECK_MISMATCH);
  }

  @Test
  void theRefusalsAreDistinct() {
    Set<String> reasons = new HashSet<>();
    reasons.add(reason("42010619900101123"));
    reasons.add(reason(withCheck("42010619900230123")));
    reasons.add(reason(withCheck("42010620280101123")));
    reasons.add(reason("420106199001011234"));
    assertThat(reasons).hasSize(4);
  }

  @Test
  void findIgnoresMessagesWithoutAnIdAttempt() {
    assertThat(IdNumber.find("我叫张三 电话13812345678", TODAY)).isEmpty();
    assertThat(IdNumber.find("损失大概8000元", TODAY)).isEmpty();
    assertThat(IdNumber.find("我叫张三 身份证420106199001011231", TODAY).orElseThrow().orElseThrow().value())
        .isEqualTo(VALID);
    assertThat(IdNumber.find("身份证号忘带了", TODAY).orElseThrow().isOk()).isFalse();
    assertThat(IdNumber.find("420106199001011234", TODAY).orElseThrow().reason()).contains(IdNumber.CHECK_MISMATCH);
  }

  @Test
  void checkCharacterOfKnownNumbers() {
    assertThat(IdNumber.checkCharacter("42010619900101123")).isEqualTo('1');
    assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
  }

  /**
   * Generated: bodies with real birth dates, each given the check character by an independent straightforward
   * implementation; the number must be accepted with it and refused with every other character.
   */
  @Test
  void generatedCheckCharacters() {
    Random random = new Random(20160706L);
    LocalDate earliest = LocalDate.of(1900, 1, 1);
    long days = TODAY.toEpochDay() - earliest.toEpochDay();
    String alphabet = "0123456789X";
    int accepted = 0;
    for (int n = 0; n < 3000; n++) {
      String division = String.valueOf(100000 + random.nextInt(900000));
      LocalDate birth = earliest.plusDays((long) (random.nextDouble() * (days + 1)));
      String body = division + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
          birth.getDayOfMonth()) + String.format("%03d", random.nextInt(1000));
      char check = referenceCheck(body);
      Parsed<IdNumber> good = IdNumber.parse(body + check, TODAY);
      assertThat(good.isOk()).as("%s%s", body, check).isTrue();
      assertThat(good.orElseThrow().birthDate()).isEqualTo(birth);
      accepted++;
      for (char other : alphabet.toCharArray()) {
        if (other != check) {
          assertThat(IdNumber.parse(body + other, TODAY).reason()).as("%s%s", body, other)
              .contains(IdNumber.CHECK_MISMATCH);
        }
      }
    }
    assertThat(accepted).isEqualTo(3000);
  }

  private static char referenceCheck(String body17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    String map = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += Character.getNumericValue(body17.charAt(i)) * weights[i];
    }
    return map.charAt(sum % 11);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0086-131-2567-1235", "0086 131 2567 1235", "008613125671235", "电话 0086-131-2567-1235"})
  void aMobileWithItsCountryCodeIsNoOldFifteenDigitIdNumber(String text) {
    assertThat(IdNumber.find(text, TODAY)).isEmpty();
    assertThat(PhoneNumber.parse(text).orElseThrow().value()).isEqualTo("13125671235");
    assertThat(reason(text)).doesNotContain("15位").contains("手机号");
  }

  @Test
  void anIdNumberBesideAPhoneWithItsCountryCodeLeavesThePhone() {
    String text = "身份证420106199001011231 电话008613125671235";
    assertThat(ClaimFields.idNumber(text, TODAY).orElseThrow().orElseThrow().value()).isEqualTo(VALID);
    assertThat(ClaimFields.phoneNumber(text, true).orElseThrow().orElseThrow().value()).isEqualTo("13125671235");
  }

  private static String withCheck(String body17) {
    return body17 + referenceCheck(body17);
  }
}
