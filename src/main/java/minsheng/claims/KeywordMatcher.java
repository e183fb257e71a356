package minsheng.claims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds configured words in a message. A longer word hides the shorter ones it overlaps, so that 发烧了 (an illness)
 * is not also read as 烧了 (a fire), and 被淹死 is a death rather than a flooded house.
 */
final class KeywordMatcher<K> {
  record Match<K>(K key, String keyword, int start) {
    int end() {
      return start + keyword.length();
    }
  }

  private record Entry<K>(K key, String keyword) {
  }

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
          entries.add(new Entry<>(key, normalized));
        }
      }
    });
    entries.sort(Comparator.comparingInt((Entry<K> e) -> e.keyword().length()).reversed());
  }

  /** Non-overlapping matches in text order; with {@code skipNegated}, without the words the resident denies. */
  List<Match<K>> matches(String text) {
    String t = ClaimText.normalizeForKeywords(text);
    List<Match<K>> all = new ArrayList<>();
    for (Entry<K> e : entries) {
      int from = 0;
      int at;
      while ((at = t.indexOf(e.keyword(), from)) >= 0) {
        all.add(new Match<>(e.key(), e.keyword(), at));
        from = at + 1;
      }
    }
    // Longest first, then leftmost: the order in which overlapping matches claim their characters.
    all.sort(Comparator.comparingInt((Match<K> m) -> m.keyword().length()).reversed()
        .thenComparingInt(Match::start));
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
