package minsheng.claims;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The claim form field by field, as an operator fills it in for a caller. Each field is checked with the parsers
 * and policy terms the resident dialogue applies to free text (ID check character and birth date, mobile format,
 * the district's streets, the cover window, amounts and caps), so a claim is valid by the same rules whichever way
 * it came in. A field must hold its value and nothing else: the dialogue's parsers find a value inside a
 * sentence, a form field is not a sentence. Answers are {@link Parsed}: the value or the reason, worded as the
 * dialogue words it.
 */
public final class ClaimForm {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private final Policy policy;
  private final IncidentDates dates;

  public ClaimForm(Policy policy, Clock clock) {
    this.policy = policy;
    this.dates = policy.incidentDates(clock);
  }

  public Policy policy() {
    return policy;
  }

  public Parsed<IdNumber> idNumber(String text) {
    String bare = bare(text).toUpperCase(Locale.ROOT);
    return IdNumber.parse(bare, dates.today()).flatMap(id -> id.value().equals(bare) ? Parsed.ok(id)
        : Parsed.invalid("这里只填18位身份证号本身。"));
  }

  public Parsed<PhoneNumber> phone(String text) {
    String bare = bare(text).replaceFirst("^\\+", "");
    return PhoneNumber.parse(bare).flatMap(p -> List.of(p.value(), "86" + p.value(), "0086" + p.value()).contains(bare)
        ? Parsed.ok(p) : Parsed.invalid("这里只填11位手机号本身。"));
  }

  /** One of the district's streets by its canonical name, as stored in claims and offered in the console's list. */
  public Parsed<Street> street(String name) {
    return policy.streets().byName(name == null ? "" : name.strip()).map(Parsed::ok)
        .orElseGet(() -> Parsed.invalid("不是" + policy.districtName() + "的街道,应为其中之一:"
            + policy.streets().all().stream().map(Street::name).collect(Collectors.joining("、"))));
  }

  /** An ISO date (2026-07-06) between the start of cover and today in the district. */
  public Parsed<LocalDate> incidentDate(String text) {
    String t = text == null ? "" : text.strip();
    if (!ISO_DATE.matcher(t).matches()) {
      return Parsed.invalid("日期请写成YYYY-MM-DD,比如2026-07-06。");
    }
    try {
      return dates.withinCover(LocalDate.parse(t));
    } catch (DateTimeException e) {
      return Parsed.invalid("没有" + t + "这一天,麻烦再核对一下日期。");
    }
  }

  /** A peril the policy covers, by the name the claim JSON uses. */
  public Parsed<Peril> peril(String name) {
    for (Peril p : Peril.values()) {
      if (p.name().equals(name) && policy.terms(p) != null) {
        return Parsed.ok(p);
      }
    }
    return Parsed.invalid("保险只赔这几类:" + List.of(Peril.values()).stream()
        .map(p -> p.name() + "(" + policy.label(p) + ")").collect(Collectors.joining("、")));
  }

  public Parsed<LossType> lossType(String name) {
    for (LossType t : LossType.values()) {
      if (t.name().equals(name)) {
        return Parsed.ok(t);
      }
    }
    return Parsed.invalid("损失类型只有:" + List.of(LossType.values()).stream()
        .map(t -> t.name() + "(" + policy.label(t) + ")").collect(Collectors.joining("、")));
  }

  /** An estimate as a number of yuan or as the dialogue reads amounts (8000, "8000元", "1.7万"). */
  public Parsed<Money> estimate(Object value) {
    String text = value instanceof Number n ? new BigDecimal(n.toString()).toPlainString()
        : value instanceof String s ? s : "";
    return Money.parse(text);
  }

  /** The review flags the dialogue sets for the same losses. */
  public List<String> flags(List<Claim.Loss> losses) {
    return policy.overCapFlags(losses);
  }

  private static String bare(String text) {
    return text == null ? "" : SEPARATORS.matcher(ClaimText.normalize(text)).replaceAll("");
  }
}
