package minsheng.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an article's text into passages: sentences ending at 。!?; a sentence shorter than
 * {@link #MIN_CHARS} joins the next, so no passage is a bare "可以。" cut from what it answers.
 */
public final class Passages {
  static final int MIN_CHARS = 16;
  private static final Pattern YEAR = Pattern.compile("(20[0-4]\\d|19\\d\\d)年");
  private static final Pattern SENTENCE_END = Pattern.compile("[。!?!?](?![”」』])|[。!?!?][”」』]");

  private Passages() {
  }

  public static List<Passage> of(Article a) {
    int articleYear = year(a.body(), 0);
    List<Passage> out = new ArrayList<>();
    String[] paragraphs = a.body().split("\\n\\s*\\n");
    for (int n = 0; n < paragraphs.length; n++) {
      String paragraph = paragraphs[n];
      int first = out.size();
      StringBuilder pending = new StringBuilder();
      for (String s : sentences(paragraph.replace('\n', ' ').strip())) {
        pending.append(s);
        if (pending.length() >= MIN_CHARS) {
          out.add(passage(a, out.size(), n, pending.toString(), articleYear));
          pending.setLength(0);
        }
      }
      if (!pending.isEmpty()) {
        if (out.size() == first) {
          out.add(passage(a, out.size(), n, pending.toString(), articleYear));
        } else { // a short last sentence stays with its paragraph
          Passage last = out.remove(out.size() - 1);
          out.add(passage(a, last.index(), n, last.text() + pending, articleYear));
        }
      }
    }
    return out;
  }

  private static Passage passage(Article a, int index, int paragraph, String text, int articleYear) {
    return new Passage(a.id(), index, paragraph, text, year(text, articleYear));
  }

  /** The sentences of a paragraph, each with its closing mark. */
  public static List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    Matcher m = SENTENCE_END.matcher(paragraph);
    int start = 0;
    while (m.find()) {
      String s = paragraph.substring(start, m.end()).strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
      start = m.end();
    }
    String rest = paragraph.substring(start).strip();
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  /** The latest year a text names ("据2016年报道", "2015年初"), or {@code otherwise}. */
  static int year(String text, int otherwise) {
    Matcher m = YEAR.matcher(text);
    int latest = 0;
    while (m.find()) {
      latest = Math.max(latest, Integer.parseInt(m.group(1)));
    }
    return latest == 0 ? otherwise : latest;
  }
}
