package minsheng.claims;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads numbers the way residents say them: Arabic digits, Chinese numerals (also the financial forms 壹贰叁), and
 * the two mixed, with the spoken shorthand where a final bare digit continues the unit before it (两万五 = 25000,
 * 1万2 = 12000, 三千五 = 3500).
 */
final class ChineseNumber {
  /** The characters a number expression may consist of, for callers that cut one out of a sentence. */
  static final String DIGIT_CHARS = "零〇一二两兩三四五六七八九壹贰貳叁肆伍陆陸柒捌玖";
  static final String UNIT_CHARS = "十拾百佰千仟万萬亿億";

  private static final BigDecimal TEN = BigDecimal.TEN;

  private ChineseNumber() {
  }

  /** Why a string could not be read as one number. */
  enum Problem { NOT_A_NUMBER, RANGE }

  /** Either a value or a problem; a tiny local result type keeps the parser free of resident wording. */
  record Result(BigDecimal value, Problem problem) {
    boolean ok() {
      return value != null;
    }
  }

  private sealed interface Token permits Num, Unit {
  }

  /** {@code plainDigit}: one digit written alone, the only thing the spoken shorthand applies to. */
  private record Num(BigDecimal value, boolean plainDigit, boolean range) implements Token {
  }

  private record Unit(BigDecimal factor, boolean big) implements Token {
  }

  static Result parse(String s) {
    List<Token> tokens = tokenize(s);
    if (tokens == null || tokens.isEmpty()) {
      return new Result(null, Problem.NOT_A_NUMBER);
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i) instanceof Num n && n.range() && i + 1 < tokens.size() && tokens.get(i + 1) instanceof Unit) {
        // 七八千 is "seven or eight thousand", not 78000.
        return new Result(null, Problem.RANGE);
      }
    }
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal section = BigDecimal.ZERO;
    Num current = null;
    Unit previousUnit = null;
    BigDecimal lastSmall = null;
    BigDecimal lastBig = null;
    boolean sawDigit = false;
    for (Token t : tokens) {
      if (t instanceof Num n) {
        if (current != null) {
          return new Result(null, Problem.NOT_A_NUMBER);
        }
        current = n;
        sawDigit = true;
      } else {
        Unit u = (Unit) t;
        if (!u.big()) {
          if (lastSmall != null && u.factor().compareTo(lastSmall) >= 0) {
            return new Result(null, Problem.NOT_A_NUMBER);
          }
          if (current == null && u.factor().compareTo(TEN) != 0) {
            // 十五 means 15, but 百 or 千 alone is not a number a resident would give.
            return new Result(null, Problem.NOT_A_NUMBER);
          }
          section = section.add((current == null ? BigDecimal.ONE : current.value()).multiply(u.factor()));
          lastSmall = u.factor();
        } else {
          if (current == null && section.signum() == 0 && total.signum() == 0) {
            return new Result(null, Problem.NOT_A_NUMBER);
          }
          if (lastBig != null && u.factor().compareTo(lastBig) == 0) {
            return new Result(null, Problem.NOT_A_NUMBER);
          }
          if (current != null) {
            section = section.add(current.value());
          }
          if (lastBig != null && u.factor().compareTo(lastBig) > 0) {
            total = total.add(section).multiply(u.factor());
          } else {
            total = total.add(section.multiply(u.factor()));
          }
          section = BigDecimal.ZERO;
          lastSmall = null;
          lastBig = u.factor();
        }
        current = null;
        previousUnit = u;
      }
    }
    if (!sawDigit && !(tokens.get(0) instanceof Unit first && first.factor().compareTo(TEN) == 0)) {
      return new Result(null, Problem.NOT_A_NUMBER);
    }
    if (current != null) {
      if (current.plainDigit() && previousUnit != null && previousUnit.factor().compareTo(TEN) > 0) {
        section = section.add(current.value().multiply(previousUnit.factor().divide(TEN)));
      } else {
        section = section.add(current.value());
      }
    }
    return new Result(total.add(section), null);
  }

  private static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        int j = i;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
          j++;
        }
        if (j + 1 < s.length() && (s.charAt(j) == '.' || s.charAt(j) == '点') && isAsciiDigit(s.charAt(j + 1))) {
          j++;
          while (j < s.length() && isAsciiDigit(s.charAt(j))) {
            j++;
          }
        }
        String digits = s.substring(i, j).replace('点', '.');
        tokens.add(new Num(new BigDecimal(digits), digits.length() == 1, false));
        i = j;
      } else if (digitValue(c) >= 0) {
        int j = i;
        StringBuilder digits = new StringBuilder();
        while (j < s.length() && digitValue(s.charAt(j)) >= 0) {
          digits.append((char) ('0' + digitValue(s.charAt(j))));
          j++;
        }
        boolean zeroLed = digitValue(c) == 0;
        boolean range = digits.length() == 2 && !zeroLed && digits.charAt(1) == digits.charAt(0) + 1;
        if (j + 1 < s.length() && s.charAt(j) == '点' && digitValue(s.charAt(j + 1)) >= 0) {
          digits.append('.');
          j++;
          while (j < s.length() && digitValue(s.charAt(j)) >= 0) {
            digits.append((char) ('0' + digitValue(s.charAt(j))));
            j++;
          }
          range = false;
        }
        boolean plain = digits.length() == 1 && !zeroLed;
        // 一千零五: the 零 only marks an empty place, so 五 is five, not a shorthand for 五百.
        tokens.add(new Num(new BigDecimal(digits.toString()), plain, range));
        i = j;
      } else {
        BigDecimal factor = unitFactor(c, !tokens.isEmpty() && tokens.get(tokens.size() - 1) instanceof Num);
        if (factor == null) {
          return null;
        }
        tokens.add(new Unit(factor, factor.compareTo(BigDecimal.valueOf(10_000)) >= 0));
        i++;
      }
    }
    return tokens;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static int digitValue(char c) {
    return switch (c) {
      case '零', '〇' -> 0;
      case '一', '壹' -> 1;
      case '二', '两', '兩', '贰', '貳' -> 2;
      case '三', '叁' -> 3;
      case '四', '肆' -> 4;
      case '五', '伍' -> 5;
      case '六', '陆', '陸' -> 6;
      case '七', '柒' -> 7;
      case '八', '捌' -> 8;
      case '九', '玖' -> 9;
      default -> -1;
    };
  }

  private static BigDecimal unitFactor(char c, boolean afterNumber) {
    return switch (c) {
      case '十', '拾' -> BigDecimal.TEN;
      case '百', '佰' -> BigDecimal.valueOf(100);
      case '千', '仟' -> BigDecimal.valueOf(1000);
      case '万', '萬' -> BigDecimal.valueOf(10_000);
      case '亿', '億' -> BigDecimal.valueOf(100_000_000);
      // 8k and 1.7w are how younger residents type amounts; alone they are just letters.
      case 'k', 'K' -> afterNumber ? BigDecimal.valueOf(1000) : null;
      case 'w', 'W' -> afterNumber ? BigDecimal.valueOf(10_000) : null;
      default -> null;
    };
  }

  /** A whole number 0..9999 as used in dates, or -1. */
  static int parseSmallInt(String s) {
    Result r = parse(s);
    if (!r.ok() || r.value().stripTrailingZeros().scale() > 0 || r.value().compareTo(BigDecimal.valueOf(9999)) > 0) {
      return -1;
    }
    return r.value().intValueExact();
  }
}
