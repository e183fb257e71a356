package minsheng.dialogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which place a question is about, from a gazetteer ({@code conf/places-zh.txt}): Wuchang's own streets and
 * communities, its city and province, and every other Wuhan district, province and prefecture-level city.
 * The knowledge base describes Wuchang's programmes only, so a question about 汉阳 or 北京 must not be given
 * Wuchang's rule. The longest name wins at each position ("洪山广场" is in Wuchang, "洪山区" is not), and a
 * name followed by 路, 街, 广场 and the like is a street or landmark, not the place. A county the gazetteer
 * does not list is still a county, and never Wuchang.
 */
public final class Places {
  private static final Pattern LANDMARK = Pattern.compile("^(路|街|大道|大街|广场|公园|村|小区|社区|桥|站|大学|医院|中学|小学|商场|花园|巷)");
  /** A name with its suffix (蔡甸区, 黄冈市) is the place even before 社区 or 路. */
  private static final Pattern FULL_NAME = Pattern.compile("[区市省州县盟]$|地区$|自治区$");
  /** Any county ("监利县", "我们县里"): Wuchang has none, so a county named is always somewhere else. */
  private static final Pattern COUNTY = Pattern.compile("[\\u4e00-\\u9fa5]{1,2}(?<!区)县(?!级)");
  /**
   * The whole of the city or province Wuchang belongs to ("整个武汉市加起来有几多个网格"): a figure for more than
   * Wuchang, which the articles never give, though naming the city alone is naming home.
   */
  private static final Pattern WHOLE = Pattern.compile(
      "(?:整个|全)(?:大)?(武汉|湖北)[市省]?|(武汉|湖北)[市省]?(?=(?:加起来|一共|总共|全部))");
  private static final String OWN = "wuchang";
  private static final String DISTRICT = "武昌区";
  private static final String HOME = "home";

  /** A name and the full name of the place it stands for; {@code own} when it is Wuchang or contains it. */
  private record Place(String full, boolean own, boolean below) {
  }

  private final Map<String, Place> names;
  private final int longest;

  private Places(Map<String, Place> names) {
    this.names = names;
    this.longest = names.keySet().stream().mapToInt(String::length).max().orElse(0);
  }

  public static Places load(Path file) {
    Map<String, Place> names = new HashMap<>();
    String section = "";
    try {
      for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          section = line.substring(1, line.length() - 1);
          continue;
        }
        String[] parts = line.split("\\s+");
        // Wuchang's own section lists the district first, then what lies below it.
        boolean own = section.equals(OWN) || section.equals(HOME);
        Place place = new Place(parts[0], own, section.equals(OWN) && !parts[0].equals(DISTRICT));
        for (String name : parts) {
          if (name.length() >= 2) {
            names.putIfAbsent(name, place);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the gazetteer " + file, e);
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("the gazetteer " + file + " names no place");
    }
    return new Places(names);
  }

  /**
   * The first of Wuchang's own places below the district a text names (a street, a community, an estate), by its
   * name as written: a figure asked of it is not the district's.
   */
  public Optional<String> ownPlaceIn(String text) {
    for (int i = 0; i < text.length(); i++) {
      for (int len = Math.min(longest, text.length() - i); len >= 2; len--) {
        Place p = names.get(text.substring(i, i + len));
        if (p != null) {
          if (p.own() && p.below()) {
            return Optional.of(text.substring(i, i + len));
          }
          i += len - 1;
          break;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The text without the names of Wuchang's own places: a numeral in a name (千家街, 武车四村) counts nothing.
   */
  public String withoutOwnNames(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int matched = 0;
      for (int len = Math.min(longest, text.length() - i); len >= 2; len--) {
        Place p = names.get(text.substring(i, i + len));
        if (p != null && p.below()) {
          matched = len;
          break;
        }
      }
      if (matched > 0) {
        i += matched;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /** The first place outside Wuchang a text names, by its name as written. */
  public Optional<String> elsewhere(String text) {
    Matcher whole = WHOLE.matcher(text);
    if (whole.find()) {
      return Optional.of(whole.group(1) != null ? whole.group(1) : whole.group(2));
    }
    int i = 0;
    while (i < text.length()) {
      int matched = 0;
      Place place = null;
      for (int len = Math.min(longest, text.length() - i); len >= 2; len--) {
        Place p = names.get(text.substring(i, i + len));
        if (p != null) {
          matched = len;
          place = p;
          break;
        }
      }
      if (place == null) {
        i++;
        continue;
      }
      String name = text.substring(i, i + matched);
      if (!place.own() && (FULL_NAME.matcher(name).find() || !LANDMARK.matcher(text.substring(i + matched)).find())) {
        return Optional.of(name);
      }
      i += matched;
    }
    var county = COUNTY.matcher(text);
    return county.find() ? Optional.of(county.group()) : Optional.empty();
  }
}
