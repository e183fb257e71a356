package minsheng.claims;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland mobile number: 11 digits, 1 then 3–9. Only mobiles are taken because the insurer and the service reach
 * residents by text message. {@link #toString()} is masked so the number never reaches a log in full.
 */
public final class PhoneNumber {
  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final Pattern WITH_COUNTRY_CODE = Pattern.compile("(?:0086|86)(1[3-9][0-9]{9})");
  private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])0[1-9][0-9]{1,2}[ -]?[0-9]{7,8}(?![0-9])");
  private static final Pattern PHONE_WORDS = Pattern.compile("电话|手机|号码|联系方式|tel|Tel|TEL");

  static final String ASK = "麻烦留一个11位的手机号,方便保险公司联系您。";

  private final String value;

  private PhoneNumber(String value) {
    this.value = value;
  }

  public static Parsed<PhoneNumber> parse(String text) {
    String normalized = ClaimText.normalize(text);
    Optional<ClaimText.Window> mobile = ClaimText.firstWindow(normalized, PhoneNumber::isMobileWithPrefix);
    if (mobile.isPresent()) {
      return Parsed.ok(new PhoneNumber(stripCountryCode(mobile.get().digits())));
    }
    if (LANDLINE.matcher(normalized).find()) {
      return Parsed.invalid("这像是座机号码。为了能收到短信通知," + ASK);
    }
    Optional<String> longest = ClaimText.longestCluster(normalized);
    if (longest.isPresent() && longest.get().length() >= 5) {
      String digits = longest.get();
      if (digits.length() == 11) {
        return Parsed.invalid("手机号是1开头、第二位是3到9的11位数字,这个号码好像不对,麻烦再核对一下。");
      }
      return Parsed.invalid("手机号应该是11位,您发来的是" + digits.length() + "位,麻烦再核对一下。");
    }
    return Parsed.invalid("没找到手机号。" + ASK);
  }

  /**
   * For a message that may fill several slots at once: empty unless it names a phone or holds something shaped like
   * a mobile number, so an 18-digit ID number or an amount is not reported as a wrong phone.
   */
  public static Optional<Parsed<PhoneNumber>> find(String text) {
    String normalized = ClaimText.normalize(text);
    Parsed<PhoneNumber> parsed = parse(text);
    if (parsed.isOk() || PHONE_WORDS.matcher(normalized).find()) {
      return Optional.of(parsed);
    }
    return Optional.empty();
  }

  /** A clean number, e.g. read back from the store; throws when it is not a mobile number. */
  public static PhoneNumber of(String value) {
    String digits = stripCountryCode(ClaimText.normalize(value).replaceAll("[^0-9]", ""));
    if (!MOBILE.matcher(digits).matches()) {
      throw new IllegalArgumentException("not a mobile number");
    }
    return new PhoneNumber(digits);
  }

  /** 0086 or 86 and a mobile number: what an ID number never is (no division code starts with 0 or 86). */
  static boolean withCountryCode(String digits) {
    return WITH_COUNTRY_CODE.matcher(digits).matches();
  }

  private static boolean isMobileWithPrefix(String digits) {
    return MOBILE.matcher(digits).matches() || withCountryCode(digits);
  }

  private static String stripCountryCode(String digits) {
    var m = WITH_COUNTRY_CODE.matcher(digits);
    return m.matches() ? m.group(1) : digits;
  }

  public String value() {
    return value;
  }

  /** {@code 138****5678}, the form residents see on bank and telecom notices. */
  public String masked() {
    return value.substring(0, 3) + "****" + value.substring(7);
  }

  @Override
  public String toString() {
    return masked();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhoneNumber other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
