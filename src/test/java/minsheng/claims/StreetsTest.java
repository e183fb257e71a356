package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StreetsTest {
  /** The 14 streets as wuchang.md lists them, independent of the policy file. */
  static final List<String> WUCHANG = List.of("积玉桥街", "杨园街", "徐家棚街", "粮道街", "中华路街", "黄鹤楼街", "紫阳街",
      "白沙洲街", "首义路街", "中南路街", "水果湖街", "珞珈山街", "石洞街", "南湖街");

  private static Streets streets() {
    return TestPolicy.wuchang().streets();
  }

  static Stream<String> wuchangStreets() {
    return WUCHANG.stream();
  }

  @Test
  void thePolicyListsExactlyTheFourteenStreets() {
    assertThat(streets().all()).extracting(Street::name).containsExactlyInAnyOrderElementsOf(WUCHANG);
  }

  @ParameterizedTest
  @MethodSource("wuchangStreets")
  void eachStreetIsRecognisedWithOrWithoutItsSuffix(String name) {
    String bare = name.substring(0, name.length() - 1);
    for (String written : List.of(name, bare, bare + "街道", "我家在" + bare + "那边", "住" + name + "道某某社区")) {
      assertThat(streets().parse(written).orElseThrow().name()).as(written).isEqualTo(name);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "水果湖, 水果湖街",
      "水果湖街, 水果湖街",
      "水果湖街道, 水果湖街",
      "我家住水果湖街道小洪山社区3栋, 水果湖街",
      "水 果 湖, 水果湖街",
      "珞伽山, 珞珈山街",
      "首义路街千家街社区, 首义路街",
      "中南路街梅苑小区, 中南路街"})
  void recognisesStreetsInFreeText(String text, String expected) {
    assertThat(streets().find(text)).map(Street::name).contains(expected);
  }

  @Test
  void theFirstStreetNamedWins() {
    assertThat(streets().find("住南湖街,以前住水果湖").orElseThrow().name()).isEqualTo("南湖街");
  }

  @Test
  void anUnknownStreetIsAskedAgainWithExamples() {
    Parsed<Street> p = streets().parse("汉口江汉路");
    assertThat(p.isOk()).isFalse();
    assertThat(p.reason().orElseThrow()).contains("武昌区").contains("14个街道").contains("积玉桥街").contains("哪个街道");
    assertThat(streets().find("")).isEmpty();
  }

  @Test
  void byNameReturnsTheCanonicalStreet() {
    assertThat(streets().byName("石洞街")).map(Street::name).contains("石洞街");
    assertThat(streets().byName("石洞")).isEmpty();
  }

  @Test
  void aSpellingGivenForTwoStreetsIsRefused() {
    assertThatThrownBy(() -> new Streets("某区", List.of(new Street("东街", List.of("东")), new Street("东湖街",
        List.of("东"))))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("东");
    assertThatThrownBy(() -> new Streets("某区", List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
