package minsheng.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a claim's fields out of what a resident wrote, where the types themselves ({@link IdNumber},
 * {@link PhoneNumber}, {@link Money}, {@link Streets}, ...) need help from the rest of the message: an ID
 * number among other numbers, a phone number beside an ID number, a name said in a sentence, the community and
 * address that follow a street.
 */
public final class ClaimFields {
  /** "我叫张三", "姓名是张三", and a template's labelled line ("姓名:张三", "名字:张三", "申请人:张三", "户主:张三"). */
  private static final Pattern NAME = Pattern.compile("(?:我叫|名字叫|名字是|姓名是?|(?:申请人姓名|本人姓名|申请人|户主|名字)(?=\\s*:)|叫)\\s*:?\\s*([\\u4e00-\\u9fa5·]{2,5}?)(?=[,,。\\s]|电话|手机|身份证|$)");
  private static final Pattern BARE_NAME = Pattern.compile("^[\\u4e00-\\u9fa5·]{2,5}$");
  /** An estate's name ending in its word, followed by the doors or nothing: "中央花园 5栋1单元102". */
  private static final Pattern ESTATE = Pattern.compile(
      "([^\\s0-9]{1,10}?(?:小区|花园|新村|家园|山庄|公寓|苑))(?=[\\s,,的]*(?:(?:[东西南北中附]区?)?[0-9一二三四五六七八九十两]|[A-Za-z])|\\s*$)");
  private static final Pattern PLACE = Pattern.compile("社区|小区|栋|单元|号|室|村|院|楼");

  private ClaimFields() {
  }

  /**
   * "中南路街 梅苑小区5栋": what follows the street, when it names a place, is the community and address.
   */
  public static Optional<String> communityAfter(String text, Street street) {
    int end = -1;
    List<String> spellings = new ArrayList<>(street.spellings());
    spellings.add(0, street.name());
    spellings.sort((a, b) -> b.length() - a.length());
    for (String w : spellings) {
      int i = text.indexOf(w);
      if (i >= 0) {
        end = i + w.length();
        break;
      }
    }
    if (end < 0) {
      return Optional.empty();
    }
    String rest = text.substring(end).replaceFirst("^[街道的\\s,,]+", "").strip();
    return PLACE.matcher(rest).find() && rest.length() >= 2 ? Optional.of(rest) : Optional.empty();
  }

  /** An ID number given on its own or among other numbers (a phone number before it, say). */
  public static Optional<Parsed<IdNumber>> idNumber(String text, LocalDate today) {
    for (String part : text.split("[\\s,,。;;、]+")) {
      Optional<Parsed<IdNumber>> found = IdNumber.find(part, today);
      if (found.isPresent() && found.get().isOk()) {
        return found;
      }
    }
    return IdNumber.find(text, today);
  }

  /** A phone number, not read out of an ID number ({@code hasIdNumber}) or a link in the same message. */
  public static Optional<Parsed<PhoneNumber>> phoneNumber(String text, boolean hasIdNumber) {
    // An ID number never starts with 0 or 86, so a mobile written with its country code (008613…) stays.
    String withoutId = (hasIdNumber ? text.replaceAll("(?<![0-9])(?!0|86)[0-9xX]{15,18}", " ") : text)
        .replaceAll("https?://\\S+", " ");
    return PhoneNumber.find(withoutId);
  }

  /** Enough digits that the resident was trying to give a number (else the message is about something else). */
  public static boolean looksLikeANumber(String text, int minDigits) {
    return text.chars().filter(c -> Character.isDigit(c) || c == 'x' || c == 'X').count() >= minDigits;
  }

  /** A name said in a sentence ("我叫张三"), or, when a name was asked for, the message itself if it is one. */
  public static Optional<String> name(String text, boolean asked) {
    Matcher name = NAME.matcher(text);
    if (name.find()) {
      return Optional.of(name.group(1));
    }
    return asked && BARE_NAME.matcher(text).matches() ? Optional.of(text) : Optional.empty();
  }

  /**
   * "东亭社区3栋2单元101" → community 东亭社区, detail 3栋2单元101; with no 社区 named, the estate before the doors is
   * the community ("梅苑小区3栋502" → 梅苑小区, 3栋502); all of it is the detail when neither is named.
   */
  public static Claim.Address address(String street, String said) {
    int end = said.indexOf("社区");
    if (end < 0) {
      Matcher estate = ESTATE.matcher(said);
      return estate.lookingAt()
          ? new Claim.Address(street, estate.group(1).strip(), said.substring(estate.end()).replaceFirst("^[\\s,,的]+", "").strip())
          : new Claim.Address(street, "", said);
    }
    String detail = said.substring(end + 2).replaceFirst("^[\\s,,的]+", "").strip();
    return new Claim.Address(street, said.substring(0, end + 2).strip(), detail);
  }
}
