package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import minsheng.config.ConfigException;
import org.junit.jupiter.api.Test;

class PolicyTest {

  private static Policy wuchang() {
    return TestPolicy.wuchang();
  }

  @Test
  void loadsTheDistrictAndTheStartOfCover() {
    Policy p = Policy.load(Path.of("conf/policy.yaml"));
    assertThat(p.id()).isEqualTo("wuchang-minsheng");
    assertThat(p.name()).isEqualTo("民生保险");
    assertThat(p.districtName()).isEqualTo("武昌区");
    assertThat(p.districtCode()).isEqualTo("420106");
    assertThat(p.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(p.startDate()).isEqualTo(LocalDate.of(2015, 1, 1));
  }

  @Test
  void theStartDateIsExplainedInTheFile() throws Exception {
    String yaml = Files.readString(Path.of("conf/policy.yaml"));
    assertThat(yaml).contains("去年初").contains("2016-11-16").contains("startDate: \"2015-01-01\"");
  }

  @Test
  void capsComeFromTheSeed() {
    Policy p = wuchang();
    assertThat(p.capFor(LossType.DEATH)).isEqualTo(Money.of("100000.00"));
    assertThat(p.capFor(LossType.DISABILITY)).isEqualTo(Money.of("100000.00"));
    assertThat(p.capFor(LossType.HOUSE_DAMAGE)).isEqualTo(Money.of("50000.00"));
    assertThat(p.cap(LossType.DEATH).basis()).isEqualTo(Policy.CapBasis.PER_PERSON);
    assertThat(p.cap(LossType.HOUSE_DAMAGE).basis()).isEqualTo(Policy.CapBasis.PER_HOUSEHOLD);
  }

  @Test
  void anEstimateAboveTheCapIsFlaggedNotRefused() {
    Policy p = wuchang();
    assertThat(p.isOverCap(LossType.HOUSE_DAMAGE, Money.ofYuan(50000))).isFalse();
    assertThat(p.isOverCap(LossType.HOUSE_DAMAGE, Money.of("50000.01"))).isTrue();
    assertThat(p.isOverCap(LossType.HOUSE_DAMAGE, Money.ofYuan(80000))).isTrue();
    assertThat(p.isOverCap(LossType.DEATH, Money.ofYuan(80000))).isFalse();
    assertThat(p.isOverCap(LossType.DISABILITY, Money.ofYuan(100001))).isTrue();
  }

  @Test
  void capSentencesForResidents() {
    Policy p = wuchang();
    assertThat(p.capSentence()).isEqualTo("民生保险每人每次死亡或伤残最高赔10万元,每户每次房屋损失最高赔5万元。");
    assertThat(p.capSentence(LossType.HOUSE_DAMAGE)).isEqualTo("民生保险每户每次房屋损失最高赔5万元。");
    assertThat(p.overCapNotice(LossType.HOUSE_DAMAGE, Money.ofYuan(80000)))
        .contains("8万元").contains("5万元").contains("保险公司核定");
  }

  @Test
  void labelsAndKeywordsComeFromTheFile() {
    Policy p = wuchang();
    assertThat(p.label(Peril.NATURAL_DISASTER)).isEqualTo("自然灾害");
    assertThat(p.label(Peril.FIRE_EXPLOSION)).isEqualTo("火灾爆炸事故");
    assertThat(p.label(Peril.BRAVERY)).isEqualTo("见义勇为");
    assertThat(p.label(LossType.HOUSE_DAMAGE)).isEqualTo("房屋损失");
    assertThat(p.terms(Peril.NATURAL_DISASTER).keywords())
        .contains("flood", "rainstorm", "waterlogging", "typhoon", "landslide", "淹", "暴雨", "内涝", "台风", "泥石流",
            "山体滑坡", "冰雹", "雷击");
    assertThat(p.terms(Peril.FIRE_EXPLOSION).keywords()).contains("火灾", "着火", "失火", "煤气爆炸", "燃气爆炸", "爆炸");
    assertThat(p.terms(Peril.BRAVERY).keywords()).contains("见义勇为", "救人", "帮人", "抓小偷受伤");
    assertThat(p.uncovered()).flatExtracting(Policy.UncoveredTerms::keywords)
        .contains("被偷", "盗窃", "小偷偷了", "车祸", "交通事故", "撞车", "生病", "疾病", "住院看病");
    assertThat(p.terms(LossType.DEATH).keywords()).contains("去世", "死亡", "遇难");
    assertThat(p.terms(LossType.DISABILITY).keywords()).contains("残疾", "伤残", "受伤致残");
    assertThat(p.streets().all()).hasSize(14);
  }

  @Test
  void anotherDistrictRunsOnItsOwnFile() {
    String yaml = """
        id: hongshan-minsheng
        name: 惠民保险
        district: { name: 洪山区, code: "420111", timeZone: Asia/Shanghai }
        startDate: 2020-03-01
        caps:
          DEATH: { amount: 200000, per: person }
          DISABILITY: { amount: 150000, per: person }
          HOUSE_DAMAGE: { amount: 30000, per: household }
        perils:
          NATURAL_DISASTER: { label: 自然灾害, example: 暴雨被淹, keywords: [大水] }
          FIRE_EXPLOSION: { label: 火灾, example: 着火, keywords: [起火] }
          BRAVERY: { label: 见义勇为, example: 救人受伤, keywords: [救人] }
        uncovered:
          - { kind: 打架, keywords: [打架] }
        losses:
          HOUSE_DAMAGE: { label: 房屋损失, keywords: [房子] }
          DEATH: { label: 死亡, keywords: [去世] }
          DISABILITY: { label: 伤残, keywords: [残疾] }
        streets:
          - { name: 关山街, spellings: [关山, 关山街道] }
          - { name: 珞南街, spellings: [珞南] }
        """;
    Policy p = Policy.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    assertThat(p.id()).isEqualTo("hongshan-minsheng");
    assertThat(p.startDate()).isEqualTo(LocalDate.of(2020, 3, 1));
    assertThat(p.capSentence()).isEqualTo("惠民保险每人每次死亡最高赔20万元,每人每次伤残最高赔15万元,每户每次房屋损失最高赔3万元。");
    assertThat(p.perilClassifier().classify("家里进大水了")).isEqualTo(new PerilClassifier.Covered(Peril.NATURAL_DISASTER, "大水"));
    assertThat(p.perilClassifier().classify("暴雨")).isInstanceOf(PerilClassifier.Unclear.class);
    assertThat(((PerilClassifier.Uncovered) p.perilClassifier().classify("打架受伤")).explanation())
        .contains("惠民保险").contains("自然灾害、火灾和见义勇为");
    assertThat(p.streets().parse("关山街道").orElseThrow().name()).isEqualTo("关山街");
    assertThat(p.streets().parse("水果湖").reason().orElseThrow()).contains("洪山区").contains("2个街道");
    Clock clock = Clock.fixed(Instant.parse("2026-07-08T01:00:00Z"), ZoneOffset.UTC);
    assertThat(p.incidentDates(clock).parse("2019年7月6日").reason().orElseThrow()).contains("2020年3月1日");
  }

  @Test
  void aBrokenFileStopsStartUpNamingTheKey() {
    assertThatThrownBy(() -> load("id: x\nname: y\n")).isInstanceOf(ConfigException.class).hasMessageContaining("district");
    String base = Files.exists(Path.of("conf/policy.yaml")) ? read() : "";
    assertThatThrownBy(() -> load(base.replace("code: \"420106\"", "code: \"42\"")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("district.code");
    assertThatThrownBy(() -> load(base.replace("startDate: \"2015-01-01\"", "startDate: \"2015-13-01\"")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("startDate");
    assertThatThrownBy(() -> load(base.replace("HOUSE_DAMAGE: { amount: 50000.00,  per: household }",
        "HOUSE_DAMAGE: { amount: 0, per: household }"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("caps.HOUSE_DAMAGE.amount");
    assertThatThrownBy(() -> load(base.replace("per: household", "per: family"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("caps.HOUSE_DAMAGE.per");
    assertThatThrownBy(() -> load(base.replace("BRAVERY:\n", "COURAGE:\n"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("perils.COURAGE");
    assertThatThrownBy(() -> load(base.replace("spellings: [南湖, 南湖街道]", "spellings: [水果湖]")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("水果湖");
    assertThatThrownBy(() -> load("[1, 2]")).isInstanceOf(ConfigException.class).hasMessageContaining("mapping");
    assertThatThrownBy(() -> Policy.load(Path.of("conf/no-such-policy.yaml"))).isInstanceOf(ConfigException.class);
  }

  @Test
  void anUnquotedStartDateIsReadAsADate() {
    Policy p = load(read().replace("startDate: \"2015-01-01\"", "startDate: 2015-01-01"));
    assertThat(p.startDate()).isEqualTo(LocalDate.of(2015, 1, 1));
  }

  private static String read() {
    try {
      return Files.readString(Path.of("conf/policy.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Policy load(String yaml) {
    return Policy.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
