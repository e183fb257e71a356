package minsheng.claims;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The district's streets, recognised in what residents write (水果湖, 水果湖街, 水果湖街道 → 水果湖街). */
public final class Streets {
  /** How many names a re-ask offers: enough to jog a memory, short enough for a phone screen. */
  private static final int NAMES_IN_REASK = 5;

  private final String districtName;
  private final List<Street> all;
  private final Map<String, Street> byName = new LinkedHashMap<>();
  private final KeywordMatcher<Street> matcher;

  public Streets(String districtName, List<Street> streets) {
    if (streets.isEmpty()) {
      throw new IllegalArgumentException("a district needs at least one street");
    }
    this.districtName = districtName;
    this.all = List.copyOf(streets);
    Map<String, Street> owner = new HashMap<>();
    Map<Street, List<String>> words = new LinkedHashMap<>();
    for (Street s : all) {
      if (byName.putIfAbsent(s.name(), s) != null) {
        throw new IllegalArgumentException("street listed twice: " + s.name());
      }
      List<String> spellings = new ArrayList<>(s.spellings());
      spellings.add(0, s.name());
      for (String w : spellings) {
        Street previous = owner.putIfAbsent(ClaimText.normalizeForKeywords(w), s);
        if (previous != null && previous != s) {
          throw new IllegalArgumentException("spelling '" + w + "' given for both " + previous.name() + " and " + s.name());
        }
      }
      words.put(s, spellings);
    }
    this.matcher = new KeywordMatcher<>(words);
  }

  public List<Street> all() {
    return all;
  }

  public Optional<Street> byName(String canonicalName) {
    return Optional.ofNullable(byName.get(canonicalName));
  }

  /** The first street named in the text, if any. */
  public Optional<Street> find(String text) {
    List<KeywordMatcher.Match<Street>> matches = matcher.matches(text);
    return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0).key());
  }

  public Parsed<Street> parse(String text) {
    return find(text).map(Parsed::ok).orElseGet(() -> Parsed.invalid(reAsk()));
  }

  /** Asks again, naming a few streets so the resident sees what kind of answer is meant. */
  public String reAsk() {
    List<String> names = all.stream().limit(NAMES_IN_REASK).map(Street::name).toList();
    String etc = all.size() > NAMES_IN_REASK ? "等" : "";
    return "没认出是哪个街道。" + districtName + "共有" + all.size() + "个街道,比如" + String.join("、", names) + etc
        + "。麻烦告诉我您家在哪个街道。";
  }
}
