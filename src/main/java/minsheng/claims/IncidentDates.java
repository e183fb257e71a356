package minsheng.claims;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the day an incident happened from what a resident writes (昨天, 上周六, 7月6号, 2026-07-06 …), relative to
 * today in the district's time zone, and checks it lies between the start of cover and today. Times of day
 * (昨天晚上) are dropped: a claim records the date only.
 */
public final class IncidentDates {
  private static final String N = "([0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})";
  private static final String CN_YEAR_DIGITS = "[零〇一二三四五六七八九]";
  private static final String DAY_END = "[日号]?";

  private static final Pattern FULL_CHINESE = Pattern.compile(
      "(?<![0-9])([0-9]{4}|[0-9]{2}|" + CN_YEAR_DIGITS + "{4}|" + CN_YEAR_DIGITS + "{2})年" + N + "月" + N + DAY_END);
  private static final Pattern FULL_NUMERIC = Pattern.compile(
      "(?<![0-9])([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])");
  private static final Pattern RELATIVE_YEAR = Pattern.compile("(今年|去年|前年)" + N + "月" + N + DAY_END);
  private static final Pattern RELATIVE_MONTH = Pattern.compile("(上个?月|这个?月|本月)" + N + "[日号]");
  private static final Pattern MONTH_DAY = Pattern.compile("(?<![0-9])" + N + "月" + N + DAY_END);
  // 7.6 and 7/6 are month and day; an amount such as 1.7万 is not a date.
  private static final Pattern MONTH_DAY_NUMERIC = Pattern.compile(
      "(?<![0-9./])([0-9]{1,2})[./]([0-9]{1,2})(?![0-9./])(?![万千元块wWkK])");
  private static final Pattern DAYS_AGO = Pattern.compile(N + "(天|日)(?:以)?前");
  private static final Pattern WEEKS_AGO = Pattern.compile(N + "个?(?:周|星期|礼拜)(?:以)?前");
  private static final Pattern WEEKDAY = Pattern.compile(
      "(上上个?|上个?|这个?|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])");
  private static final Pattern DAY_ONLY = Pattern.compile(
      "(?<![月0-9零〇一二两三四五六七八九十])" + N + "[日号](?![楼栋院门室线])");
  private static final Pattern MONTH_ONLY = Pattern.compile("(?<![0-9])" + N + "月(?:份)?");
  private static final Pattern THREE_DAYS_AGO = Pattern.compile("大前天|大前晚");
  private static final Pattern TWO_DAYS_AGO = Pattern.compile("(?<!大)前(?:天|晚)");
  private static final Pattern YESTERDAY = Pattern.compile("昨(?:天|日|晚|夜|儿|个)");
  // Residents sometimes mean to report damage they expect; naming the day lets the re-ask say it is still ahead.
  private static final Pattern TOMORROW = Pattern.compile("明(?:天|日|晚)");
  private static final Pattern DAY_AFTER_TOMORROW = Pattern.compile("(?<!大)后天");
  private static final Pattern TODAY = Pattern.compile("今(?:天|日|早|晚|儿)|刚才|刚刚");

  private static final String ASK = "麻烦告诉我是哪天出的事,比如“昨天”或“7月6号”。";

  private final Clock clock;
  private final ZoneId zone;
  private final LocalDate policyStart;

  public IncidentDates(Clock clock, ZoneId zone, LocalDate policyStart) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.policyStart = Objects.requireNonNull(policyStart, "policyStart");
  }

  public static IncidentDates forPolicy(Policy policy, Clock clock) {
    return policy.incidentDates(clock);
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  /** The incident date, or why to ask again: not understood, no such day, in the future, or before cover began. */
  public Parsed<LocalDate> parse(String text) {
    return find(text).orElseGet(() -> Parsed.invalid("没看出是哪一天。" + ASK));
  }

  /** For a message that may fill several slots at once: empty when it names no day at all. */
  public Optional<Parsed<LocalDate>> find(String text) {
    return Optional.ofNullable(resolve(text)).map(p -> p.flatMap(this::withinCover));
  }

  /** 2026年7月6日, the form used when reading a claim back to a resident. */
  public static String display(LocalDate date) {
    return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
  }

  /**
   * Whether a date already known (a form's field rather than a resident's words) lies between the start of cover
   * and today, with the same reasons the dialogue gives.
   */
  public Parsed<LocalDate> withinCover(LocalDate date) {
    LocalDate today = today();
    if (date.isAfter(today)) {
      return Parsed.invalid(display(date) + "还没到呢。" + ASK);
    }
    if (date.isBefore(policyStart)) {
      return Parsed.invalid(display(date) + "早于保险开始保障的" + display(policyStart)
          + ",这之前的事保险赔不了。如果日期记错了,麻烦再告诉我一次。");
    }
    return Parsed.ok(date);
  }

  /** Ten digits or more in a row, or in groups of three or more ("420106 19710730 3321", "195-0112-9194"). */
  private static final Pattern LONG_NUMBER = Pattern.compile(
      "(?<![0-9])(?:[0-9]{10,}[Xx]?|[0-9]{3,}(?:[\\s-][0-9]{3,}){2,}[Xx]?)(?![0-9])");

  /** Null when the text names no day. */
  private Parsed<LocalDate> resolve(String raw) {
    // "身份证420106196003214573 11月30号": a day is never part of an ID number or a phone, which are set apart first
    // (else the spaces go and 11 joins the number);
    // "9栋302 12月3号": numbers set apart by a space stay apart.
    String t = LONG_NUMBER.matcher(ClaimText.normalize(raw)).replaceAll("、").replaceAll("(?<=[0-9])\\s+(?=[0-9])", "、")
        .replaceAll("\\s+", "");
    LocalDate today = today();
    Matcher m;
    if ((m = FULL_CHINESE.matcher(t)).find()) {
      return exact(year(m.group(1), today), number(m.group(2)), number(m.group(3)));
    }
    if ((m = FULL_NUMERIC.matcher(t)).find()) {
      return exact(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    if ((m = RELATIVE_YEAR.matcher(t)).find()) {
      int back = switch (m.group(1)) {
        case "去年" -> 1;
        case "前年" -> 2;
        default -> 0;
      };
      return exact(today.getYear() - back, number(m.group(2)), number(m.group(3)));
    }
    if ((m = RELATIVE_MONTH.matcher(t)).find()) {
      YearMonth month = YearMonth.from(today).minusMonths(m.group(1).startsWith("上") ? 1 : 0);
      int day = number(m.group(2));
      if (day < 1 || day > month.lengthOfMonth()) {
        String which = m.group(1).startsWith("上") ? "上个月" : "这个月";
        return Parsed.invalid(which + "没有" + day + "号这一天,麻烦再核对一下日期。");
      }
      return Parsed.ok(month.atDay(day));
    }
    if ((m = MONTH_DAY.matcher(t)).find()) {
      return recentMonthDay(number(m.group(1)), number(m.group(2)), today);
    }
    if ((m = MONTH_DAY_NUMERIC.matcher(t)).find()) {
      return recentMonthDay(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), today);
    }
    if ((m = DAYS_AGO.matcher(t)).find()) {
      int n = number(m.group(1));
      return n < 0 ? null : Parsed.ok(today.minusDays(n));
    }
    if ((m = WEEKS_AGO.matcher(t)).find()) {
      int n = number(m.group(1));
      return n < 0 ? null : Parsed.ok(today.minusWeeks(n));
    }
    if (THREE_DAYS_AGO.matcher(t).find()) {
      return Parsed.ok(today.minusDays(3));
    }
    if (TWO_DAYS_AGO.matcher(t).find()) {
      return Parsed.ok(today.minusDays(2));
    }
    if (YESTERDAY.matcher(t).find()) {
      return Parsed.ok(today.minusDays(1));
    }
    if (TODAY.matcher(t).find()) {
      return Parsed.ok(today);
    }
    if (TOMORROW.matcher(t).find()) {
      return Parsed.ok(today.plusDays(1));
    }
    if (DAY_AFTER_TOMORROW.matcher(t).find()) {
      return Parsed.ok(today.plusDays(2));
    }
    if ((m = WEEKDAY.matcher(t)).find()) {
      return Parsed.ok(weekday(m.group(1), dayOfWeek(m.group(2)), today));
    }
    if ((m = DAY_ONLY.matcher(t)).find()) {
      return recentDayOfMonth(number(m.group(1)), today);
    }
    if ((m = MONTH_ONLY.matcher(t)).find() && number(m.group(1)) >= 1 && number(m.group(1)) <= 12) {
      return Parsed.invalid("是" + number(m.group(1)) + "月几号呢?记不准的话说个大概的日子也行。");
    }
    return null;
  }

  /**
   * 上周六 is the Saturday of the previous calendar week (weeks start on Monday), 这周三 the Wednesday of this one, and a
   * bare 周三 the latest Wednesday up to today.
   */
  private static LocalDate weekday(String prefix, DayOfWeek day, LocalDate today) {
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    if (prefix == null) {
      return today.with(TemporalAdjusters.previousOrSame(day));
    }
    int weeksBack = prefix.startsWith("上上") ? 2 : prefix.startsWith("上") ? 1 : 0;
    // 这周五 said on a Wednesday is still two days ahead; it is kept as such and refused as a future date, rather
    // than silently turned into last week's Friday, which the resident did not say.
    return monday.minusWeeks(weeksBack).plusDays(day.getValue() - 1L);
  }

  private static DayOfWeek dayOfWeek(String s) {
    return switch (s) {
      case "一", "1" -> DayOfWeek.MONDAY;
      case "二", "2" -> DayOfWeek.TUESDAY;
      case "三", "3" -> DayOfWeek.WEDNESDAY;
      case "四", "4" -> DayOfWeek.THURSDAY;
      case "五", "5" -> DayOfWeek.FRIDAY;
      case "六", "6" -> DayOfWeek.SATURDAY;
      default -> DayOfWeek.SUNDAY;
    };
  }

  private static Parsed<LocalDate> exact(int year, int month, int day) {
    try {
      return Parsed.ok(LocalDate.of(year, month, day));
    } catch (DateTimeException e) {
      return noSuchDay(month, day);
    }
  }

  /** A month and day without a year: the latest such day that is not after today. */
  private static Parsed<LocalDate> recentMonthDay(int month, int day, LocalDate today) {
    if (month < 1 || month > 12 || day < 1 || day > MonthDay.of(month, 1).getMonth().maxLength()) {
      return noSuchDay(month, day);
    }
    MonthDay md = MonthDay.of(month, day);
    for (int year = today.getYear(); year > today.getYear() - 8; year--) {
      if (md.isValidYear(year) && !md.atYear(year).isAfter(today)) {
        return Parsed.ok(md.atYear(year));
      }
    }
    return noSuchDay(month, day);
  }

  /** A day of the month alone (15号): this month's if already reached, else the latest earlier month that has it. */
  private static Parsed<LocalDate> recentDayOfMonth(int day, LocalDate today) {
    if (day < 1 || day > 31) {
      return Parsed.invalid("没有" + day + "号这一天,麻烦再核对一下日期。");
    }
    YearMonth month = YearMonth.from(today);
    for (int i = 0; i < 12; i++, month = month.minusMonths(1)) {
      if (day <= month.lengthOfMonth() && !month.atDay(day).isAfter(today)) {
        return Parsed.ok(month.atDay(day));
      }
    }
    return Parsed.invalid("没有" + day + "号这一天,麻烦再核对一下日期。");
  }

  private static Parsed<LocalDate> noSuchDay(int month, int day) {
    if (month < 1 || month > 12) {
      return Parsed.invalid("月份只有1到12月,麻烦再核对一下日期。");
    }
    return Parsed.invalid("没有" + month + "月" + day + "日这一天,麻烦再核对一下日期。");
  }

  /** 26年 is 2026 and 99年 is 1999: a two-digit year is the latest one that is not in the future. */
  private static int year(String s, LocalDate today) {
    int y = s.chars().allMatch(Character::isDigit) ? Integer.parseInt(s) : ChineseNumber.parseSmallInt(s);
    if (s.length() == 2) {
      int century = today.getYear() / 100 * 100;
      y = century + y > today.getYear() ? century - 100 + y : century + y;
    }
    return y;
  }

  private static int number(String s) {
    return s.chars().allMatch(Character::isDigit) ? Integer.parseInt(s) : ChineseNumber.parseSmallInt(s);
  }
}
