package minsheng.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A positive amount in yuan, kept to the fen (scale 2) so that sums and caps compare exactly. */
public final class Money implements Comparable<Money> {
  /** Beyond this no household or person estimate is believable; it is nearly always a mistyped digit. */
  public static final Money LIMIT = new Money(new BigDecimal("100000000.00"));

  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
  private static final String NUMERAL = "0-9" + ChineseNumber.DIGIT_CHARS + ChineseNumber.UNIT_CHARS;
  private static final Pattern CANDIDATE = Pattern.compile(
      "[" + NUMERAL + "](?:[" + NUMERAL + "kKwW]|[.点](?=[" + NUMERAL + "]))*");
  private static final Pattern THOUSANDS_COMMA = Pattern.compile("(?<=[0-9]),(?=[0-9]{3}(?![0-9]))");
  private static final Pattern CURRENCY_BEFORE = Pattern.compile("(?:¥|人民币|rmb|RMB)\\s*$");
  // Words that soften an amount (八千多, 两万左右) sit between the number and its currency word.
  private static final Pattern CURRENCY_AFTER = Pattern.compile(
      "^\\s*(?:多|来|余|左右|上下|出头)?\\s*(?:元|块|圆|rmb|RMB|人民币)");
  /**
   * A counting word right after a number (3天前, 两间房, 7月6号, 一家): not money. A space ends the number ("八万 家具家电
   * 全冇得了"), and 家 starting a word of the home (家具, 家电, 家里) counts nothing.
   */
  private static final Pattern NOT_MONEY_AFTER = Pattern.compile(
      "^(?:多|来|余)?(?:天|日|号|月|年|周|星期|礼拜|口|间|个|人|次|岁|楼|栋|层|室|单元|点钟|点半|位|套|平|米|斤|家(?![具电里])|户|条|层|小时|分钟)");
  private static final Pattern NEGATIVE_BEFORE = Pattern.compile("(?:-|负)\\s*$");
  private static final Pattern RANGE_BEFORE = Pattern.compile("[" + NUMERAL + "]\\s*(?:-|~|到|至)\\s*$");
  private static final Pattern RANGE_AFTER = Pattern.compile("^\\s*(?:-|~|到|至)\\s*[" + NUMERAL + "]");

  static final String ASK = "麻烦告诉我大概损失了多少钱,比如“8000元”或“1.7万”。";

  private final BigDecimal amount;

  private Money(BigDecimal amount) {
    this.amount = amount.setScale(2, RoundingMode.HALF_UP);
  }

  /** An amount the program itself knows, such as a cap; residents' amounts go through {@link #parse}. */
  public static Money of(BigDecimal yuan) {
    Money m = new Money(yuan);
    if (m.amount.signum() <= 0) {
      throw new IllegalArgumentException("an amount must be positive: " + yuan);
    }
    return m;
  }

  public static Money of(String yuan) {
    return of(new BigDecimal(yuan.strip()));
  }

  public static Money ofYuan(long yuan) {
    return of(BigDecimal.valueOf(yuan));
  }

  /** Reads the amount from an answer to "how much": a bare number counts as yuan. */
  public static Parsed<Money> parse(String text) {
    List<Candidate> candidates = candidates(text);
    if (candidates.isEmpty()) {
      return Parsed.invalid("没看出金额。" + ASK);
    }
    Candidate best = candidates.stream().filter(Candidate::marked).findFirst()
        .orElseGet(() -> candidates.stream().filter(c -> !c.weak()).findFirst().orElse(null));
    if (best == null) {
      return Parsed.invalid("没看出金额。" + ASK);
    }
    return best.evaluate();
  }

  /**
   * For a message that may fill several slots at once: only an amount written as money (a currency word, ¥, or a
   * 万/千 amount) counts, so that a phone number or a date is not read as an amount.
   */
  public static Optional<Parsed<Money>> find(String text) {
    for (Candidate c : candidates(text)) {
      if (c.marked() || c.hasMoneyUnit() && !c.weak()) {
        return Optional.of(c.evaluate());
      }
    }
    return Optional.empty();
  }

  /**
   * The higher end of a range a resident gave for "how much" ("五六千" → 6000, "一两万吧" → 2万, "7000到8000元" → 8000),
   * if the amount is one: an estimate the insurer checks anyway, so the form takes it rather than asking again.
   */
  public static Optional<Money> rangeTop(String text) {
    List<Candidate> candidates = candidates(text);
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      String top = null;
      if (c.range()) {
        top = (i + 1 < candidates.size() && candidates.get(i + 1).range() ? candidates.get(i + 1) : c).expression();
      } else if (ChineseNumber.parse(c.expression()).problem() == ChineseNumber.Problem.RANGE) {
        top = withoutLowerDigit(c.expression());
      }
      if (top != null) {
        return new Candidate(top, true, false, false, false).evaluate() instanceof Parsed.Ok<Money> ok
            ? Optional.of(ok.value()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** 七八千 → 八千: the first of two digits in a row, each one more than the one before, dropped. */
  private static String withoutLowerDigit(String expr) {
    for (int k = 0; k + 1 < expr.length(); k++) {
      int a = ChineseNumber.digitValue(expr.charAt(k));
      int b = ChineseNumber.digitValue(expr.charAt(k + 1));
      if (a > 0 && b > a) {
        return expr.substring(0, k) + expr.substring(k + 1);
      }
    }
    return null;
  }

  private record Candidate(String expression, boolean marked, boolean negative, boolean range, boolean weak) {
    boolean hasMoneyUnit() {
      return expression.matches(".*[千仟万萬亿億kKwW].*") && expression.matches(".*[0-9" + ChineseNumber.DIGIT_CHARS + "].*");
    }

    Parsed<Money> evaluate() {
      if (range) {
        return Parsed.invalid("您说的是一个范围,给一个大概的数就行,比如“7500元”。");
      }
      ChineseNumber.Result r = ChineseNumber.parse(expression);
      if (r.problem() == ChineseNumber.Problem.RANGE) {
        return Parsed.invalid("您说的是一个范围,给一个大概的数就行,比如“7500元”。");
      }
      if (!r.ok()) {
        return Parsed.invalid("这个金额没看明白,麻烦换个写法,比如“25000元”或“2.5万”。");
      }
      BigDecimal value = r.value().setScale(2, RoundingMode.HALF_UP);
      if (negative || value.signum() <= 0) {
        return Parsed.invalid("损失金额要大于0哦。" + ASK);
      }
      if (value.compareTo(LIMIT.amount) > 0) {
        return Parsed.invalid("这个金额超过了1亿元,是不是多打了几个0?麻烦再核对一下。");
      }
      return Parsed.ok(new Money(value));
    }
  }

  private static List<Candidate> candidates(String text) {
    String s = THOUSANDS_COMMA.matcher(ClaimText.normalize(text)).replaceAll("");
    List<Candidate> out = new ArrayList<>();
    Matcher m = CANDIDATE.matcher(s);
    while (m.find()) {
      String expr = m.group();
      String before = s.substring(0, m.start());
      String after = s.substring(m.end());
      boolean hasDigit = expr.chars().anyMatch(c -> c >= '0' && c <= '9' || ChineseNumber.digitValue((char) c) >= 0);
      if (!hasDigit && !expr.startsWith("十") && !expr.startsWith("拾")) {
        continue; // 千万, 万一: words, not amounts
      }
      boolean marked = CURRENCY_BEFORE.matcher(before).find() || CURRENCY_AFTER.matcher(after).find();
      if (!marked && NOT_MONEY_AFTER.matcher(after).find()) {
        continue; // 3天前, 两间房, 7月6号
      }
      boolean range = RANGE_BEFORE.matcher(before).find() || RANGE_AFTER.matcher(after).find();
      boolean negative = NEGATIVE_BEFORE.matcher(before).find() && !range;
      // A lone Chinese digit is mostly a word (一下, 一家, 三口) unless a currency word says otherwise.
      boolean weak = expr.length() == 1 && ChineseNumber.digitValue(expr.charAt(0)) > 0;
      out.add(new Candidate(expr, marked, negative, range, weak));
    }
    return out;
  }

  public BigDecimal amount() {
    return amount;
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount));
  }

  /** {@code 8000.00}: the plain form for storage and the insurer. */
  @Override
  public String toString() {
    return amount.toPlainString();
  }

  /** For residents: {@code 8,000元}, {@code 1.7万元}, {@code 8,000.50元}. */
  public String display() {
    if (amount.compareTo(TEN_THOUSAND) >= 0 && amount.remainder(BigDecimal.valueOf(100)).signum() == 0) {
      BigDecimal wan = amount.divide(TEN_THOUSAND).stripTrailingZeros();
      return wan.toPlainString() + "万元";
    }
    DecimalFormat f = new DecimalFormat(amount.stripTrailingZeros().scale() > 0 ? "#,##0.00" : "#,##0",
        DecimalFormatSymbols.getInstance(Locale.ROOT));
    return f.format(amount) + "元";
  }

  @Override
  public int compareTo(Money o) {
    return amount.compareTo(o.amount);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money other && other.amount.equals(amount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(amount);
  }
}
