package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentDatesTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** A Wednesday: this week began on Monday 6 July, last week on Monday 29 June. */
  private static final Clock JULY_8 = clockAt("2026-07-08T09:00+08:00");
  /** A Friday just after New Year: this week began on Monday 29 December 2025. */
  private static final Clock JANUARY_2 = clockAt("2026-01-02T09:00+08:00");

  private static Clock clockAt(String offsetDateTime) {
    return Clock.fixed(OffsetDateTime.parse(offsetDateTime).toInstant(), ZoneOffset.UTC);
  }

  private static IncidentDates dates(Clock clock) {
    return TestPolicy.wuchang().incidentDates(clock);
  }

  private static String reason(Clock clock, String text) {
    Parsed<LocalDate> p = dates(clock).parse(text);
    assertThat(p.isOk()).as("should be refused: %s → %s", text, p).isFalse();
    return p.reason().orElseThrow();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "今天             | 2026-07-08",
      "今天早上         | 2026-07-08",
      "刚才             | 2026-07-08",
      "昨天             | 2026-07-07",
      "昨天晚上         | 2026-07-07",
      "昨晚             | 2026-07-07",
      "昨天夜里家里进水了 | 2026-07-07",
      "前天             | 2026-07-06",
      "前天晚上         | 2026-07-06",
      "大前天           | 2026-07-05",
      "上周六           | 2026-07-04",
      "上星期六         | 2026-07-04",
      "上礼拜六         | 2026-07-04",
      "上个星期六       | 2026-07-04",
      "上周一           | 2026-06-29",
      "上周日           | 2026-07-05",
      "上星期天         | 2026-07-05",
      "上上周六         | 2026-06-27",
      "这周一           | 2026-07-06",
      "本周三           | 2026-07-08",
      "这个礼拜二       | 2026-07-07",
      "周三             | 2026-07-08",
      "周一             | 2026-07-06",
      "周五             | 2026-07-03",
      "星期日           | 2026-07-05",
      "礼拜六           | 2026-07-04",
      "7月6号           | 2026-07-06",
      "7月6日           | 2026-07-06",
      "7月6             | 2026-07-06",
      "7.6              | 2026-07-06",
      "7/6              | 2026-07-06",
      "七月六号         | 2026-07-06",
      "2026年7月6日     | 2026-07-06",
      "2026 年 7 月 6 日 | 2026-07-06",
      "二〇二六年七月六日 | 2026-07-06",
      "2026-07-06       | 2026-07-06",
      "2026/7/6         | 2026-07-06",
      "2026.7.6         | 2026-07-06",
      "26年7月6号       | 2026-07-06",
      "2016年7月6日     | 2016-07-06",
      "16年7月6号       | 2016-07-06",
      "十月三号         | 2025-10-03",
      "十二月二十五日   | 2025-12-25",
      "7月9号           | 2025-07-09",
      "7月8号           | 2026-07-08",
      "3天前            | 2026-07-05",
      "两天前           | 2026-07-06",
      "十天前           | 2026-06-28",
      "一周前           | 2026-07-01",
      "两个星期前       | 2026-06-24",
      "上个月15号       | 2026-06-15",
      "上月15日         | 2026-06-15",
      "这个月3号        | 2026-07-03",
      "本月1日          | 2026-07-01",
      "去年7月6号       | 2025-07-06",
      "今年7月6号       | 2026-07-06",
      "3号              | 2026-07-03",
      "15号那天         | 2026-06-15",
      "31号             | 2026-05-31",
      "７月６号         | 2026-07-06",
      "我家7月6号晚上被淹了 | 2026-07-06"})
  void resolvesRelativeToTheEighthOfJuly(String text, String expected) {
    assertThat(dates(JULY_8).parse(text).orElseThrow()).isEqualTo(LocalDate.parse(expected));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "今天       | 2026-01-02",
      "昨天       | 2026-01-01",
      "前天       | 2025-12-31",
      "大前天     | 2025-12-30",
      "12月31号   | 2025-12-31",
      "12月25日   | 2025-12-25",
      "1月1号     | 2026-01-01",
      "1月2号     | 2026-01-02",
      "1月3号     | 2025-01-03",
      "12.31      | 2025-12-31",
      "上周六     | 2025-12-27",
      "这周一     | 2025-12-29",
      "周三       | 2025-12-31",
      "上个月15号 | 2025-12-15",
      "5天前      | 2025-12-28",
      "20号       | 2025-12-20"})
  void aMonthAndDayWithoutYearIsTheLatestNotInTheFuture(String text, String expected) {
    assertThat(dates(JANUARY_2).parse(text).orElseThrow()).isEqualTo(LocalDate.parse(expected));
  }

  @Test
  void february29thIsTheLatestLeapDay() {
    assertThat(dates(JULY_8).parse("2月29号").orElseThrow()).isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @Test
  void todayIsTheDistrictsDayNotUtcs() {
    // 17:30 UTC on 7 July is already 01:30 on 8 July in Wuhan.
    Clock lateUtc = Clock.fixed(Instant.parse("2026-07-07T17:30:00Z"), ZoneOffset.UTC);
    assertThat(dates(lateUtc).today()).isEqualTo(LocalDate.of(2026, 7, 8));
    assertThat(dates(lateUtc).parse("昨天").orElseThrow()).isEqualTo(LocalDate.of(2026, 7, 7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"明天", "后天", "7月9日是2026年7月9日", "2026年7月9日", "2027-01-01", "这周五", "本周日"})
  void theFutureIsRefused(String text) {
    assertThat(reason(JULY_8, text)).contains("还没到");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2014年12月31日", "2014-06-01", "2010年7月6号", "14年7月6号"})
  void beforeTheStartOfCoverIsRefused(String text) {
    assertThat(reason(JULY_8, text)).contains("2015年1月1日").contains("赔不了");
  }

  @Test
  void theFirstDayOfCoverIsAccepted() {
    assertThat(dates(JULY_8).parse("2015年1月1日").orElseThrow()).isEqualTo(LocalDate.of(2015, 1, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2月30号", "2026年2月30日", "4月31日", "2026-02-30", "13月1号", "十三月五号"})
  void impossibleDatesAreNamed(String text) {
    assertThat(reason(JULY_8, text)).containsAnyOf("没有", "月份只有").contains("核对");
  }

  @Test
  void aMissingDayOfLastMonthIsNamed() {
    assertThat(reason(JULY_8, "上个月31号")).contains("上个月没有31号");
  }

  @Test
  void aMonthWithoutADayAsksForTheDay() {
    assertThat(reason(JULY_8, "7月份")).contains("7月几号");
  }

  @ParameterizedTest
  @ValueSource(strings = {"不记得了", "前两天", "上周", "", "很久以前"})
  void nothingRecognisableAsksForTheDate(String text) {
    assertThat(reason(JULY_8, text)).contains("没看出是哪一天").contains("昨天");
  }

  @Test
  void refusalsAreDistinct() {
    assertThat(java.util.Set.of(reason(JULY_8, "明天"), reason(JULY_8, "2014年1月1日"), reason(JULY_8, "2月30号"),
        reason(JULY_8, "不记得了"))).hasSize(4);
  }

  @Test
  void findIsEmptyWithoutADate() {
    IncidentDates d = dates(JULY_8);
    assertThat(d.find("我叫张三 电话13812345678")).isEmpty();
    assertThat(d.find("损失1.7万")).isEmpty();
    assertThat(d.find("房子被淹了,昨天的事").orElseThrow().orElseThrow()).isEqualTo(LocalDate.of(2026, 7, 7));
  }

  @Test
  void anotherStartDateAndZoneComeFromTheirArguments() {
    IncidentDates d = new IncidentDates(JULY_8, ZoneId.of("UTC"), LocalDate.of(2026, 7, 1));
    assertThat(d.parse("6月30号").reason().orElseThrow()).contains("2026年7月1日");
    assertThat(d.parse("7月1号").orElseThrow()).isEqualTo(LocalDate.of(2026, 7, 1));
    assertThat(IncidentDates.forPolicy(TestPolicy.wuchang(), JULY_8).today()).isEqualTo(LocalDate.of(2026, 7, 8));
    assertThat(LocalDate.now(JULY_8.withZone(SHANGHAI))).isEqualTo(LocalDate.of(2026, 7, 8));
  }

  @Test
  void displaysInChinese() {
    assertThat(IncidentDates.display(LocalDate.of(2026, 7, 6))).isEqualTo("2026年7月6日");
  }

  /** Fails when the spaces go first: the day's month joins the ID number, or a door's digits join the month. */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "身份证420106196003214573 6月30号中午屋里煤气罐炸了 | 2026-06-30",
      "烽火村社区9栋302 7月3号晚上暴雨                    | 2026-07-03",
      "身份证420106 19640830 5633 7月1号夜里              | 2026-07-01",
      "手机135 7248 1318 6月28号                         | 2026-06-28"})
  void aDayBesideAnIdNumberAPhoneOrADoorKeepsItsMonth(String text, String expected) {
    assertThat(dates(JULY_8).find(text).orElseThrow().orElseThrow()).isEqualTo(LocalDate.parse(expected));
  }
}
