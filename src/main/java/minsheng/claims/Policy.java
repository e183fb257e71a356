package minsheng.claims;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import minsheng.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The insurance terms claim intake applies, read from {@code conf/policy.yaml}: the district, when cover began, what
 * is covered, the caps, the words residents use for each, and the streets. Nothing district-specific is in code, so
 * another district runs the service by editing that file only. Everything is checked at load time so a bad file
 * stops start-up with a message naming the key.
 */
public final class Policy {
  public static final Path DEFAULT_FILE = Path.of("conf/policy.yaml");

  /** Whom a cap applies to, per incident. */
  public enum CapBasis {
    PER_PERSON("每人每次"),
    PER_HOUSEHOLD("每户每次");

    private final String words;

    CapBasis(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  public record Cap(LossType type, Money amount, CapBasis basis) {
  }

  public record PerilTerms(Peril peril, String label, String example, List<String> keywords) {
    public PerilTerms {
      keywords = List.copyOf(keywords);
    }
  }

  /** A kind of event residents ask about that the policy does not cover, e.g. theft. */
  public record UncoveredTerms(String kind, List<String> keywords) {
    public UncoveredTerms {
      keywords = List.copyOf(keywords);
    }
  }

  public record LossTerms(LossType type, String label, List<String> keywords) {
    public LossTerms {
      keywords = List.copyOf(keywords);
    }
  }

  private final String source;
  private final String id;
  private final String name;
  private final String districtName;
  private final String districtCode;
  private final ZoneId zone;
  private final LocalDate startDate;
  private final Map<LossType, Cap> caps;
  private final Map<Peril, PerilTerms> perils;
  private final List<UncoveredTerms> uncovered;
  private final Map<LossType, LossTerms> losses;
  private final Streets streets;
  private final PerilClassifier classifier;

  private Policy(String source, Map<?, ?> root) {
    this.source = source;
    id = text(root, "id");
    name = text(root, "name");
    Map<?, ?> district = map(root, "district");
    districtName = text(district, "district.name");
    districtCode = text(district, "district.code");
    if (!districtCode.matches("[1-9][0-9]{5}")) {
      throw invalid("district.code", "a 6-digit administrative division code");
    }
    try {
      zone = ZoneId.of(text(district, "district.timeZone"));
    } catch (DateTimeException e) {
      throw invalid("district.timeZone", "a time-zone id such as Asia/Shanghai");
    }
    startDate = date(root, "startDate");
    caps = readCaps(map(root, "caps"));
    perils = readPerils(map(root, "perils"));
    uncovered = readUncovered(list(root, "uncovered"));
    losses = readLosses(map(root, "losses"));
    streets = readStreets(list(root, "streets"));
    classifier = new PerilClassifier(this);
  }

  /** The policy in {@code conf/policy.yaml} under the working directory. */
  public static Policy load() {
    return load(DEFAULT_FILE);
  }

  public static Policy load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return fromYaml(in, file.toString());
    } catch (IOException e) {
      throw new ConfigException("cannot read policy file " + file.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  public static Policy fromYaml(InputStream yaml, String sourceName) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new ConfigException("policy file " + sourceName + " is not valid YAML: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new ConfigException("policy file " + sourceName + " must be a YAML mapping");
    }
    return new Policy(sourceName, map);
  }

  public String id() {
    return id;
  }

  /** What residents call the insurance, e.g. 民生保险. */
  public String name() {
    return name;
  }

  public String districtName() {
    return districtName;
  }

  public String districtCode() {
    return districtCode;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first day of cover; an incident before it is not a claim. */
  public LocalDate startDate() {
    return startDate;
  }

  public Cap cap(LossType type) {
    return caps.get(type);
  }

  public Money capFor(LossType type) {
    return caps.get(type).amount();
  }

  /** An estimate above the cap is still taken; this only decides whether it is flagged and the cap stated. */
  public boolean isOverCap(LossType type, Money estimate) {
    return estimate.isGreaterThan(capFor(type));
  }

  /**
   * The review flags for estimates above their cap (OVER_CAP:HOUSE_DAMAGE), the same however the claim came in:
   * the estimate is kept as stated and the people who review it see it is above what can be paid.
   */
  public List<String> overCapFlags(List<Claim.Loss> losses) {
    return losses.stream().filter(l -> isOverCap(l.type(), l.estimatedAmount()))
        .map(l -> "OVER_CAP:" + l.type().name()).toList();
  }

  public PerilTerms terms(Peril peril) {
    return perils.get(peril);
  }

  public LossTerms terms(LossType type) {
    return losses.get(type);
  }

  public String label(Peril peril) {
    return perils.get(peril).label();
  }

  public String label(LossType type) {
    return losses.get(type).label();
  }

  public List<UncoveredTerms> uncovered() {
    return uncovered;
  }

  public Streets streets() {
    return streets;
  }

  public PerilClassifier perilClassifier() {
    return classifier;
  }

  /** Incident-date reading for this district's zone and start date. */
  public IncidentDates incidentDates(Clock clock) {
    return new IncidentDates(clock, zone, startDate);
  }

  /** 民生保险每人每次死亡或伤残最高赔10万元,每户每次房屋损失最高赔5万元。 */
  public String capSentence() {
    Map<String, List<LossType>> groups = new LinkedHashMap<>();
    for (Cap c : caps.values()) {
      groups.computeIfAbsent(c.basis() + "/" + c.amount(), k -> new ArrayList<>()).add(c.type());
    }
    String parts = groups.values().stream().map(this::capClause).collect(Collectors.joining(","));
    return name + parts + "。";
  }

  /** 民生保险每户每次房屋损失最高赔5万元。 */
  public String capSentence(LossType type) {
    return name + capClause(List.of(type)) + "。";
  }

  /** Said when an estimate is above the cap: the estimate is kept, and the resident learns what can be paid. */
  public String overCapNotice(LossType type, Money estimate) {
    Cap c = caps.get(type);
    return "您估计的" + estimate.display() + "超过了" + name + c.basis().words() + label(type) + "最高" + c.amount().display()
        + "的上限。先按您说的记下来,最后赔多少以保险公司核定为准。";
  }

  private String capClause(List<LossType> types) {
    Cap first = caps.get(types.get(0));
    String labels = types.stream().map(this::label).collect(Collectors.joining("或"));
    return first.basis().words() + labels + "最高赔" + first.amount().display();
  }

  // --- reading the file ---

  private Map<LossType, Cap> readCaps(Map<?, ?> node) {
    Map<LossType, Cap> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : node.entrySet()) {
      LossType type = enumKey(LossType.class, e.getKey(), "caps");
      String key = "caps." + e.getKey();
      Map<?, ?> cap = asMap(e.getValue(), key);
      Money amount;
      try {
        amount = Money.of(new BigDecimal(String.valueOf(cap.get("amount"))));
      } catch (RuntimeException ex) {
        throw invalid(key + ".amount", "a positive amount in yuan");
      }
      CapBasis basis = switch (text(cap, key + ".per").toLowerCase(Locale.ROOT)) {
        case "person" -> CapBasis.PER_PERSON;
        case "household" -> CapBasis.PER_HOUSEHOLD;
        default -> throw invalid(key + ".per", "person or household");
      };
      out.put(type, new Cap(type, amount, basis));
    }
    requireAll(LossType.values(), out.keySet(), "caps");
    return out;
  }

  private Map<Peril, PerilTerms> readPerils(Map<?, ?> node) {
    Map<Peril, PerilTerms> out = new EnumMap<>(Peril.class);
    for (Map.Entry<?, ?> e : node.entrySet()) {
      Peril peril = enumKey(Peril.class, e.getKey(), "perils");
      String key = "perils." + e.getKey();
      Map<?, ?> p = asMap(e.getValue(), key);
      out.put(peril, new PerilTerms(peril, text(p, key + ".label"), text(p, key + ".example"), words(p, key + ".keywords")));
    }
    requireAll(Peril.values(), out.keySet(), "perils");
    return out;
  }

  private List<UncoveredTerms> readUncovered(List<?> node) {
    List<UncoveredTerms> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String key = "uncovered[" + i + "]";
      Map<?, ?> u = asMap(node.get(i), key);
      out.add(new UncoveredTerms(text(u, key + ".kind"), words(u, key + ".keywords")));
    }
    return List.copyOf(out);
  }

  private Map<LossType, LossTerms> readLosses(Map<?, ?> node) {
    Map<LossType, LossTerms> out = new EnumMap<>(LossType.class);
    for (Map.Entry<?, ?> e : node.entrySet()) {
      LossType type = enumKey(LossType.class, e.getKey(), "losses");
      String key = "losses." + e.getKey();
      Map<?, ?> l = asMap(e.getValue(), key);
      out.put(type, new LossTerms(type, text(l, key + ".label"), words(l, key + ".keywords")));
    }
    requireAll(LossType.values(), out.keySet(), "losses");
    return out;
  }

  private Streets readStreets(List<?> node) {
    List<Street> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String key = "streets[" + i + "]";
      Map<?, ?> s = asMap(node.get(i), key);
      List<String> spellings = s.get("spellings") == null ? List.of() : words(s, key + ".spellings");
      out.add(new Street(text(s, key + ".name"), spellings));
    }
    try {
      return new Streets(districtName, out);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid policy " + source + " at streets: " + e.getMessage());
    }
  }

  private ConfigException invalid(String key, String expected) {
    return new ConfigException("invalid policy " + source + " at " + key + ": expected " + expected);
  }

  private <E extends Enum<E>> E enumKey(Class<E> type, Object key, String parent) {
    try {
      return Enum.valueOf(type, String.valueOf(key));
    } catch (IllegalArgumentException e) {
      throw invalid(parent + "." + key, "one of " + List.of(type.getEnumConstants()));
    }
  }

  private <E> void requireAll(E[] expected, Collection<E> present, String key) {
    for (E e : expected) {
      if (!present.contains(e)) {
        throw invalid(key + "." + e, "an entry for every one of " + List.of(expected));
      }
    }
  }

  private String text(Map<?, ?> node, String key) {
    Object v = node.get(leaf(key));
    if (v == null || v instanceof Map || v instanceof List || String.valueOf(v).isBlank()) {
      throw invalid(key, "a value");
    }
    return String.valueOf(v).strip();
  }

  private Map<?, ?> map(Map<?, ?> node, String key) {
    return asMap(node.get(leaf(key)), key);
  }

  private Map<?, ?> asMap(Object v, String key) {
    if (!(v instanceof Map<?, ?> m) || m.isEmpty()) {
      throw invalid(key, "a mapping");
    }
    return m;
  }

  private List<?> list(Map<?, ?> node, String key) {
    Object v = node.get(leaf(key));
    if (!(v instanceof List<?> l) || l.isEmpty()) {
      throw invalid(key, "a non-empty list");
    }
    return l;
  }

  private List<String> words(Map<?, ?> node, String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list(node, key)) {
      if (o == null || o instanceof Map || o instanceof List || String.valueOf(o).isBlank()) {
        throw invalid(key, "a list of words");
      }
      out.add(String.valueOf(o).strip());
    }
    return out;
  }

  private LocalDate date(Map<?, ?> node, String key) {
    Object v = node.get(leaf(key));
    if (v instanceof Date d) {
      // SnakeYAML reads an unquoted 2015-01-01 as midnight UTC.
      return d.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
    try {
      return LocalDate.parse(Objects.toString(v, "").strip());
    } catch (DateTimeException e) {
      throw invalid(key, "a date such as 2015-01-01");
    }
  }

  private static String leaf(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }
}
