package minsheng.http;

/** Reading query parameters the same way on every JSON API, with the same 400 for a bad one. */
public final class QueryParams {
  private QueryParams() {
  }

  /** A whole number in [min, max]; {@code absent} when the parameter is missing or empty. */
  public static long number(String raw, long min, long max, String name, long absent) {
    if (raw == null || raw.isEmpty()) {
      return absent;
    }
    try {
      long n = Long.parseLong(raw.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw HttpProblem.badRequest("invalid_" + name, "'" + name + "' must be a number from " + min + " to " + max);
  }
}
