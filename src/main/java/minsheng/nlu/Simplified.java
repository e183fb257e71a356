package minsheng.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Traditional characters read as their simplified forms ("社區衛生服務站建了幾個" is "社区卫生服务站建了几个"), so a
 * resident whose phone writes traditional characters finds what the articles say in simplified ones. The table
 * ({@code traditional-simplified.txt}, about 2,500 pairs) was generated from ICU4J's Hant-Hans transliteration,
 * one character to one, folding only characters that simplified text never uses (outside GB 2312).
 */
public final class Simplified {
  private static final String RESOURCE = "/minsheng/nlu/traditional-simplified.txt";
  /** Every char to its simplified form (itself when it has none): one array look-up per character. */
  private static final char[] TABLE = new char[Character.MAX_VALUE + 1];
  private static final NormalizeCharMap MAP;

  static {
    try (InputStream in = Simplified.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
      String traditional = lines.get(0).strip();
      String simplified = lines.get(1).strip();
      if (traditional.length() != simplified.length()) {
        throw new IllegalStateException(RESOURCE + ": the two lines differ in length");
      }
      NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
      for (int c = 0; c < TABLE.length; c++) {
        TABLE[c] = (char) c;
      }
      for (int i = 0; i < traditional.length(); i++) {
        TABLE[traditional.charAt(i)] = simplified.charAt(i);
        map.add(String.valueOf(traditional.charAt(i)), String.valueOf(simplified.charAt(i)));
      }
      MAP = map.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Simplified() {
  }

  /** The simplified form of a character, or the character itself. */
  public static char of(char c) {
    return TABLE[c];
  }

  /** A text with its traditional characters simplified. */
  public static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      out.append(of(text.charAt(i)));
    }
    return out.toString();
  }

  /** The same folding as a character filter, for an analyzer. */
  static Reader filter(Reader reader) {
    return new MappingCharFilter(MAP, reader);
  }
}
