package minsheng.claims;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks ID and mobile numbers inside free text before it is kept (transcripts, logs): residents type them into
 * the chat, and a transcript must not become a clear-text copy of what the claim store seals.
 */
public final class PersonalData {
  private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
  private static final Pattern MOBILE =
      Pattern.compile("(?<!\\d)(1[3-9]\\d)[\\s-]?(\\d{4})[\\s-]?(\\d{4})(?!\\d)");

  private PersonalData() {
  }

  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    Matcher id = ID.matcher(text);
    String out = id.replaceAll(m -> m.group(1) + "********" + m.group(2).substring(m.group(2).length() - 4));
    Matcher mobile = MOBILE.matcher(out);
    return mobile.replaceAll(m -> m.group(1) + "****" + m.group(3));
  }
}
