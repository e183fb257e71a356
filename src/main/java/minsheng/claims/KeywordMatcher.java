package minsheng.claims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds configured words in a message. A longer word hides the shorter ones it overlaps, so that 发烧了 (an illness)
 * is not also read as 烧了 (a fire), and 被淹死 is a death rather than a flooded house. A word written with "…"
 * ("雷…劈") matches its parts with a few characters between them, within one clause: residents put the thing hit
 * between the cause and the verb ("雷把我家屋顶劈了", "风把雨棚刮下来了"), whatever the thing is.
 */
final class KeywordMatcher<K> {
  /** {@code weight}: how many characters of the word itself it matched (a gap's span counts only its parts). */
  record Match<K>(K key, String keyword, int start, int weight) {
    Match(K key, String keyword, int start) {
      this(key, keyword, start, keyword.length());
    }

    int end() {
      return start + keyword.length();
    }
  }

  /** {@code gap}: the word's parts with what may stand between them; null for a plain word. */
  private record Entry<K>(K key, String keyword, Pattern gap) {
  }

  /**
   * At most this many characters, none ending a clause, between the parts of a word written with "…": enough for
   * "雷把我们家屋顶上那个太阳能热水器都打坏了" (16 between).
   */
  private static final String BETWEEN = "[^,.;!?:,。;!?:]{0,20}?";

  // 不是火灾, 没有人去世, 没被偷: a resident ruling something out must not have it read in.
  private static final Pattern NEGATION_BEFORE = Pattern.compile("(?:不是|没有|没|并非|无|未)(?:因为|人|被|有)?$");

  private final List<Entry<K>> entries = new ArrayList<>();
  private final boolean skipNegated;

  KeywordMatcher(Map<K, List<String>> keywordsByKey) {
    this(keywordsByKey, false);
  }

  KeywordMatcher(Map<K, List<String>> keywordsByKey, boolean skipNegated) {
    this.skipNegated = skipNegated;
    Map<String, K> seen = new LinkedHashMap<>();
    keywordsByKey.forEach((key, words) -> {
      for (String w : words) {
        String normalized = ClaimText.normalizeForKeywords(w);
        if (!normalized.isEmpty() && seen.putIfAbsent(normalized, key) == null) {
          entries.add(new Entry<>(key, normalized, gapped(normalized)));
        }
      }
    });
    entries.sort(Comparator.comparingInt((Entry<K> e) -> e.keyword().length()).reversed());
  }

  /** "雷...劈" (NFKC turns "…" into "..."): its parts with a few characters between; null for a plain word. */
  private static Pattern gapped(String normalized) {
    if (!normalized.contains("...")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String part : normalized.split("\\.\\.\\.")) {
      if (!part.isEmpty()) {
        parts.add(Pattern.quote(part));
      }
    }
    return Pattern.compile(String.join(BETWEEN, parts));
  }

  /** Non-overlapping matches in text order; with {@code skipNegated}, without the words the resident denies. */
  List<Match<K>> matches(String text) {
    String t = ClaimText.normalizeForKeywords(text);
    List<Match<K>> all = new ArrayList<>();
    for (Entry<K> e : entries) {
      if (e.gap() != null) {
        // The span found stands for the word: it is as long as what it covers.
        Matcher m = e.gap().matcher(t);
        while (m.find()) {
          all.add(new Match<>(e.key(), m.group(), m.start(), e.keyword().replace("...", "").length()));
        }
        continue;
      }
      int from = 0;
      int at;
      while ((at = t.indexOf(e.keyword(), from)) >= 0) {
        all.add(new Match<>(e.key(), e.keyword(), at));
        from = at + 1;
      }
    }
    // Longest first (a word with a gap by its own characters, not its span; at a tie the plain word first), then
    // leftmost: the order in which overlapping matches claim their characters.
    all.sort(Comparator.comparingInt((Match<K> m) -> m.weight()).reversed()
        .thenComparing(m -> m.weight() < m.keyword().length()).thenComparingInt(Match::start));
    boolean[] taken = new boolean[t.length()];
    List<Match<K>> kept = new ArrayList<>();
    for (Match<K> m : all) {
      boolean free = true;
      for (int i = m.start(); i < m.end() && free; i++) {
        free = !taken[i];
      }
      if (free) {
        for (int i = m.start(); i < m.end(); i++) {
          taken[i] = true;
        }
        kept.add(m);
      }
    }
    if (skipNegated) {
      // Negated words still hide the shorter words they overlap, so 没被烧死 does not leave 烧死 behind.
      kept.removeIf(m -> NEGATION_BEFORE.matcher(t.substring(Math.max(0, m.start() - 4), m.start())).find());
    }
    kept.sort(Comparator.comparingInt(Match::start));
    return kept;
  }
}
