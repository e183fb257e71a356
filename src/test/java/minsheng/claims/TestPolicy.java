package minsheng.claims;

/** The project's own policy file, loaded once for all claim tests. */
final class TestPolicy {
  private static Policy wuchang;

  private TestPolicy() {
  }

  static synchronized Policy wuchang() {
    if (wuchang == null) {
      wuchang = Policy.load();
    }
    return wuchang;
  }
}
