package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import minsheng.claims.Policy;
import org.junit.jupiter.api.Test;

class CoverageTest {
  private final Coverage coverage = new Coverage(Policy.load(),
      Answerability.terms(AnswerPolicy.NEIGHBOURS).losses());

  @Test
  void aThingThatBlewUpIsTheCauseNotTheLoss() {
    assertThat(coverage.notStated("屋里热水器炸了伤了人 民生报险管不管", "")).isEmpty();
    assertThat(coverage.notStated("热水器被水泡坏了 赔不赔", "")).contains("热水器能不能赔");
  }

  @Test
  void theftOfOnesOwnThingsIsNoPerilButStoppingAThiefIs() {
    assertThat(coverage.notStated("要是屋里遭了贼 被偷的东西民生保险管不管", "")).contains("这种情况能不能赔");
    assertThat(coverage.notStated("我去追抢包的贼 被他捅伤了 民生保险赔不赔", "")).isEmpty();
  }

  @Test
  void anAmountToCheckWithNoEventToldAsksAboutTheCapNotThePeril() {
    assertThat(coverage.notStated("我姆妈要我问哈 区里买的保险伤残了赔得到十万块不", "")).isEmpty();
    assertThat(coverage.notStated("要是屋里遭了贼 被偷的东西赔得到一万块不", "")).contains("这种情况能不能赔");
  }

  @Test
  void whomOrWhetherTheInsurancePaysIsAskedInResidentsWords() {
    assertThat(Coverage.asks("我儿子下河救人自己受了伤 这种民生保险赔吧")).isTrue(); // 吧 asks, said last
    assertThat(Coverage.asks("租的房子着火了 民生保险是赔房东还是赔我")).isTrue();
    assertThat(Coverage.asks("着火烫伤了住院 医药费民生保险给不给报")).isTrue();
    assertThat(Coverage.asks("去培训基地上课来回坐车 车钱给不给报")).isFalse();
  }
}
