package minsheng.dialogue;

/** Fitting text to a phone screen: cut at the end of a sentence, never inside one character. */
final class PhoneText {
  private static final String SENTENCE_ENDS = "。!?!?;;\n";

  private PhoneText() {
  }

  static String fit(String text, int maxChars) {
    String t = text.strip();
    if (t.codePointCount(0, t.length()) <= maxChars) {
      return t;
    }
    int limit = t.offsetByCodePoints(0, maxChars - 1);
    int cut = -1;
    for (int i = limit - 1; i > limit / 2; i--) {
      if (SENTENCE_ENDS.indexOf(t.charAt(i)) >= 0) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      cut = limit;
      if (Character.isLowSurrogate(t.charAt(cut)) && cut > 0) {
        cut--;
      }
    }
    return t.substring(0, cut).strip() + "…";
  }
}
