package minsheng.claims;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared handling of what residents type: phone keyboards mix full-width and half-width forms freely. */
final class ClaimText {
  private static final Pattern DASHES = Pattern.compile("[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]");
  private static final Pattern DIGIT_GROUP = Pattern.compile("[0-9]+[Xx]?");
  // People group long numbers with a space or a dash; anything wordier separates two different numbers.
  private static final Pattern GROUP_SEPARATOR = Pattern.compile("[ \\t-]{1,3}");

  private ClaimText() {
  }

  /** Full-width digits, letters and punctuation become ASCII; every dash becomes '-'. */
  static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
    return DASHES.matcher(n).replaceAll("-");
  }

  static String normalizeForKeywords(String text) {
    return normalize(text).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
  }

  /** A run of digits (the last may be X) found in a message. */
  record Group(int start, int end, String digits) {
  }

  /** One group or several joined by the separators people type inside a long number. */
  record Window(int start, int end, String digits) {
  }

  /** Groups that are written as one number, in text order. */
  static List<List<Group>> clusters(String normalized) {
    List<List<Group>> clusters = new ArrayList<>();
    List<Group> current = new ArrayList<>();
    Matcher m = DIGIT_GROUP.matcher(normalized);
    while (m.find()) {
      Group g = new Group(m.start(), m.end(), m.group().toUpperCase(Locale.ROOT));
      if (!current.isEmpty()) {
        Group last = current.get(current.size() - 1);
        boolean joined = !last.digits().endsWith("X")
            && GROUP_SEPARATOR.matcher(normalized.substring(last.end(), g.start())).matches();
        if (!joined) {
          clusters.add(current);
          current = new ArrayList<>();
        }
      }
      current.add(g);
    }
    if (!current.isEmpty()) {
      clusters.add(current);
    }
    return clusters;
  }

  /**
   * The first window whose digits satisfy the test. Whole clusters are tried before their parts, so a number written
   * in groups is read as one, while two numbers separated only by a space are still told apart.
   */
  static Optional<Window> firstWindow(String normalized, Predicate<String> test) {
    List<List<Group>> clusters = clusters(normalized);
    for (List<Group> cluster : clusters) {
      Window whole = window(cluster, 0, cluster.size() - 1);
      if (test.test(whole.digits())) {
        return Optional.of(whole);
      }
    }
    for (List<Group> cluster : clusters) {
      for (int i = 0; i < cluster.size(); i++) {
        for (int j = cluster.size() - 1; j >= i; j--) {
          if (i == 0 && j == cluster.size() - 1) {
            continue;
          }
          Window w = window(cluster, i, j);
          if (test.test(w.digits())) {
            return Optional.of(w);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The digits of the cluster that looks most like the number the resident meant, for a re-ask. */
  static Optional<String> longestCluster(String normalized) {
    String best = null;
    for (List<Group> cluster : clusters(normalized)) {
      String digits = window(cluster, 0, cluster.size() - 1).digits();
      if (best == null || digits.length() > best.length()) {
        best = digits;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Window window(List<Group> cluster, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int k = from; k <= to; k++) {
      sb.append(cluster.get(k).digits());
    }
    return new Window(cluster.get(from).start(), cluster.get(to).end(), sb.toString());
  }
}
