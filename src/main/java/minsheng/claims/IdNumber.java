package minsheng.claims;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A resident identity card number (GB 11643-1999): 6-digit division code, birth date YYYYMMDD, 3-digit sequence
 * (odd for men) and an ISO 7064 MOD 11-2 check character. {@link #toString()} is masked so that a claim written to a
 * log never carries the full number; only {@link #value()} does.
 */
public final class IdNumber {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARACTERS = "10X98765432";
  private static final Pattern SHAPE = Pattern.compile("[0-9]{17}[0-9X]");
  // A letter inside an 18-character run means a mistyped character rather than a wrong length.
  private static final Pattern LETTERS_INSTEAD_OF_DIGITS = Pattern.compile("(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])");
  private static final Pattern ID_WORDS = Pattern.compile("身份证|证件号|身份号");
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  static final String ASK = "麻烦发一下您的18位身份证号码(最后一位可能是X)。";
  static final String CHECK_MISMATCH = "这个身份证号最后一位校验码对不上,麻烦再核对一下,可能有一位输错了。";

  private final String value;

  private IdNumber(String value) {
    this.value = value;
  }

  /** Reads an ID number from a resident's message; the birth date is checked against today in China. */
  public static Parsed<IdNumber> parse(String text) {
    return parse(text, LocalDate.now(CHINA));
  }

  public static Parsed<IdNumber> parse(String text, LocalDate today) {
    String normalized = ClaimText.normalize(text);
    Optional<ClaimText.Window> candidate = ClaimText.firstWindow(normalized, d -> SHAPE.matcher(d).matches());
    if (candidate.isPresent()) {
      return validate(candidate.get().digits(), today);
    }
    if (LETTERS_INSTEAD_OF_DIGITS.matcher(normalized.replaceAll("[ -]", "")).find()) {
      return Parsed.invalid("身份证号前17位都是数字,最后一位是数字或X,里面好像混进了别的字母,麻烦再核对一下。");
    }
    Optional<String> longest = ClaimText.longestCluster(normalized);
    if (longest.isPresent() && longest.get().length() >= 6) {
      int n = longest.get().length();
      if (PhoneNumber.withCountryCode(longest.get())) {
        return Parsed.invalid("这像是手机号。" + ASK);
      }
      if (n == 15) {
        return Parsed.invalid("这像是老的15位身份证号,麻烦发一下现在用的18位身份证号码。");
      }
      return Parsed.invalid("身份证号应该是18位,您发来的是" + n + "位,麻烦再核对一下。");
    }
    return Parsed.invalid("没找到身份证号。" + ASK);
  }

  /**
   * For a message that may fill several slots at once: empty when nothing in it looks like an attempt at an ID
   * number, so that a phone number or an amount is not mistaken for a wrong ID.
   */
  public static Optional<Parsed<IdNumber>> find(String text, LocalDate today) {
    String normalized = ClaimText.normalize(text);
    boolean named = ID_WORDS.matcher(normalized).find();
    // "0086-131-2567-1235" is fifteen digits too, but a mobile number with the country code, not an old ID number.
    boolean longRun = ClaimText.longestCluster(normalized)
        .map(d -> d.length() >= 15 && d.length() <= 20 && !PhoneNumber.withCountryCode(d)).orElse(false);
    boolean letters = LETTERS_INSTEAD_OF_DIGITS.matcher(normalized.replaceAll("[ -]", "")).find()
        && normalized.matches("(?s).*[0-9]{6}.*");
    if (named || longRun || letters) {
      return Optional.of(parse(text, today));
    }
    return Optional.empty();
  }

  /** The number itself when it is already clean, e.g. read back from the store; throws when it is not valid. */
  public static IdNumber of(String value) {
    Parsed<IdNumber> p = validate(ClaimText.normalize(value).strip().toUpperCase(Locale.ROOT),
        LocalDate.now(CHINA));
    if (p instanceof Parsed.Invalid<IdNumber> invalid) {
      throw new IllegalArgumentException("not a valid ID number: " + invalid.reasonForResident());
    }
    return p.orElseThrow();
  }

  /** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
  public static char checkCharacter(CharSequence first17) {
    if (first17.length() != 17) {
      throw new IllegalArgumentException("17 digits expected");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = first17.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("17 digits expected");
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS.charAt(sum % 11);
  }

  private static Parsed<IdNumber> validate(String id, LocalDate today) {
    if (!SHAPE.matcher(id).matches()) {
      return Parsed.invalid("身份证号应该是18位,前17位是数字,最后一位是数字或X,麻烦再核对一下。");
    }
    LocalDate birth;
    try {
      birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
          Integer.parseInt(id.substring(12, 14)));
    } catch (DateTimeException e) {
      return Parsed.invalid("身份证号第7到14位是出生日期,这里的日期不存在,麻烦再核对一下。");
    }
    if (birth.isBefore(EARLIEST_BIRTH)) {
      return Parsed.invalid("身份证号第7到14位是出生日期,这个年份不对,麻烦再核对一下。");
    }
    if (birth.isAfter(today)) {
      return Parsed.invalid("身份证号里的出生日期还没到呢,麻烦再核对一下第7到14位。");
    }
    if (checkCharacter(id.subSequence(0, 17)) != id.charAt(17)) {
      return Parsed.invalid(CHECK_MISMATCH);
    }
    return Parsed.ok(new IdNumber(id));
  }

  /** The full number, for encryption at rest and forwarding to the insurer only. */
  public String value() {
    return value;
  }

  public String divisionCode() {
    return value.substring(0, 6);
  }

  public LocalDate birthDate() {
    return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
        Integer.parseInt(value.substring(12, 14)));
  }

  public boolean isMale() {
    return (value.charAt(16) - '0') % 2 == 1;
  }

  /** {@code 420106********123X}: enough for a resident to recognise their number, too little to misuse it. */
  public String masked() {
    return value.substring(0, 6) + "********" + value.substring(14);
  }

  @Override
  public String toString() {
    return masked();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdNumber other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
