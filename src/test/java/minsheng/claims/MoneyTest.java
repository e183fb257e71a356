package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  private static String reason(String text) {
    Parsed<Money> p = Money.parse(text);
    assertThat(p.isOk()).as("should be refused: %s", text).isFalse();
    return p.reason().orElseThrow();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "1.7万            | 17000.00",
      "八千块           | 8000.00",
      "5000元           | 5000.00",
      "两万五           | 25000.00",
      "两万五千         | 25000.00",
      "三千五百元       | 3500.00",
      "三千五           | 3500.00",
      "一万二           | 12000.00",
      "1万2             | 12000.00",
      "1万2千           | 12000.00",
      "1万2000          | 12000.00",
      "1万200           | 10200.00",
      "12,000           | 12000.00",
      "1,234,567元      | 1234567.00",
      "¥3000            | 3000.00",
      "￥3000           | 3000.00",
      "人民币3000元      | 3000.00",
      "3000块钱         | 3000.00",
      "十万             | 100000.00",
      "十五万           | 150000.00",
      "五万元           | 50000.00",
      "0.5万            | 5000.00",
      "八千多           | 8000.00",
      "八千多块         | 8000.00",
      "一万多           | 10000.00",
      "两万左右         | 20000.00",
      "大概两万         | 20000.00",
      "大约5000元吧     | 5000.00",
      "一万零五百       | 10500.00",
      "一千零五         | 1005.00",
      "一百五           | 150.00",
      "三百             | 300.00",
      "3千5百           | 3500.00",
      "5000.50元        | 5000.50",
      "5000.5           | 5000.50",
      "一点五万         | 15000.00",
      "两千万           | 20000000.00",
      "一亿             | 100000000.00",
      "壹万贰仟         | 12000.00",
      "叁仟伍佰元       | 3500.00",
      "伍万元           | 50000.00",
      "8k               | 8000.00",
      "1.7w             | 17000.00",
      "１２０００元      | 12000.00",
      "房子损失估计八千多块吧     | 8000.00",
      "一家三口,损失两万          | 20000.00",
      "两间房都淹了,大概1.7万     | 17000.00",
      "7月6号被淹的,损失5000元    | 5000.00"})
  void readsChineseAmounts(String text, String expected) {
    assertThat(Money.parse(text).orElseThrow().amount()).isEqualByComparingTo(expected);
    assertThat(Money.parse(text).orElseThrow().toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0元", "0", "零", "0.00元", "-5000", "负五千元", "0.001元"})
  void zeroOrNegativeIsRefused(String text) {
    assertThat(reason(text)).contains("大于0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2亿", "100000001元", "十亿", "13812345678"})
  void absurdAmountsAreRefused(String text) {
    assertThat(reason(text)).contains("1亿").contains("核对");
  }

  @ParameterizedTest
  @CsvSource({"七八千吧,8000", "五六万,60000", "7000-8000元,8000", "7000到8000,8000", "一两万 说不准,20000",
      "厨房基本烧光了 一两万吧,20000"})
  void theTopOfARangeIsWhatTheFormMayTake(String text, String yuan) {
    assertThat(Money.rangeTop(text)).contains(Money.of(yuan));
  }

  @ParameterizedTest
  @ValueSource(strings = {"八千", "不知道", "三千八"})
  void oneNumberIsNoRange(String text) {
    assertThat(Money.rangeTop(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"七八千", "五六万", "7000-8000元", "7000到8000", "两三万块"})
  void rangesAskForOneNumber(String text) {
    assertThat(reason(text)).contains("范围");
  }

  @ParameterizedTest
  @ValueSource(strings = {"不知道", "", "千万别忘了", "我查一下", "很多钱"})
  void noAmountIsAskedFor(String text) {
    assertThat(reason(text)).contains("没看出金额").contains("8000元");
  }

  @Test
  void refusalsAreDistinct() {
    assertThat(java.util.Set.of(reason("0元"), reason("2亿"), reason("七八千"), reason("不知道"))).hasSize(4);
  }

  @Test
  void keepsTwoDecimalPlaces() {
    Money m = Money.parse("8000").orElseThrow();
    assertThat(m.amount().scale()).isEqualTo(2);
    assertThat(m.toString()).isEqualTo("8000.00");
    assertThat(m).isEqualTo(Money.ofYuan(8000)).isEqualTo(Money.of("8000.0"));
    assertThat(Money.parse("1234.567").orElseThrow().toString()).isEqualTo("1234.57");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "8000, '8,000元'",
      "17000, 1.7万元",
      "100000, 10万元",
      "50000, 5万元",
      "25000, 2.5万元",
      "10500, 1.05万元",
      "12345, '12,345元'",
      "8000.5, '8,000.50元'",
      "999.99, 999.99元",
      "5, 5元",
      "20000000, 2000万元"})
  void displaysForResidents(String amount, String expected) {
    assertThat(Money.of(amount).display()).isEqualTo(expected);
  }

  @Test
  void comparesByValue() {
    assertThat(Money.ofYuan(50001).isGreaterThan(Money.ofYuan(50000))).isTrue();
    assertThat(Money.ofYuan(50000).isGreaterThan(Money.of("50000.00"))).isFalse();
    assertThat(Money.ofYuan(1).plus(Money.of("0.5")).amount()).isEqualByComparingTo("1.50");
  }

  @Test
  void programAmountsMustBePositive() {
    assertThatThrownBy(() -> Money.of(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.of("-1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findTakesOnlyWhatIsWrittenAsMoney() {
    assertThat(Money.find("我叫张三 电话13812345678")).isEmpty();
    assertThat(Money.find("身份证420106199001011231")).isEmpty();
    assertThat(Money.find("7月6号被淹了")).isEmpty();
    assertThat(Money.find("3天前家里着火")).isEmpty();
    assertThat(Money.find("一家三口住两间房")).isEmpty();
    assertThat(Money.find("房子淹了,损失大概两万").orElseThrow().orElseThrow()).isEqualTo(Money.ofYuan(20000));
    assertThat(Money.find("损失5000元").orElseThrow().orElseThrow()).isEqualTo(Money.ofYuan(5000));
    assertThat(Money.find("损失0元").orElseThrow().isOk()).isFalse();
  }

  /** A space ends a number: "八万 家具家电…" is 八万 yuan, not eight of something; 家具 counts nothing. */
  @Test
  void aCountingWordAfterASpaceOrAWordOfTheHomeIsNoCount() {
    assertThat(Money.parse("损失起码八万 家具家电装修全冇得了").orElseThrow().amount()).isEqualByComparingTo("80000");
    assertThat(Money.parse("两万家具全泡了").orElseThrow().amount()).isEqualByComparingTo("20000");
    assertThat(Money.find("住了两家")).isEmpty();
    assertThat(Money.find("3天前")).isEmpty();
  }
}
