package minsheng.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A slip of the pinyin keyboard read as the word meant: residents type by sound and pick the wrong character of
 * the same syllable ("低饱" for 低保, "网隔员" for 网格员, "一户一侧" for 一户一策, "考平" for 考评). A run of two to
 * five characters of a question that the knowledge base never writes, read the same (toneless pinyin, as the
 * keyboard reads it) as one of its words and differing from it in exactly one character, is read as that word.
 * Only one character may differ, so two different words that merely sound alike (公式, 公示) are not folded
 * unless they share the rest; a run the articles write anywhere is never changed, so the articles' own wording
 * always stands. The readings ({@code pinyin.txt}, one for each of GB 2312's 6,763 characters) were generated
 * from ICU4J's Han-Latin transliteration.
 */
public final class SoundAlike {
  private static final String RESOURCE = "/minsheng/nlu/pinyin.txt";
  /** Each character's syllable (1-based; 0: no reading). */
  private static final short[] SYLLABLE = new short[Character.MAX_VALUE + 1];
  private static final int SHORTEST = 2;
  private static final int LONGEST = 5;
  /** Enough syllables for a word: bits per syllable in a run's key. */
  private static final int BITS = 9;
  /** How much of a message is read for slips: a question is short; a 10,000-character paste is not a question. */
  private static final int READ_AT_MOST = 300;
  /**
   * Characters that frame a sentence (的, 是, 了, 那, 没…): typed everywhere and meant as typed, they are never read
   * as a slip for a word of the knowledge base ("全是水" is not 全市, "没人管" not 每人).
   */
  private static final String FUNCTION = "的地得是了在那哪没有不也以就都和与及或又还再个人时事把被给让叫到着过要会能可这"
      + "他她它你我们上下里来去说看吗呢吧啊啵冇么啥谁几多少好一二三四五六七八九十两";
  private static final Pattern QUOTED = Pattern.compile("[“\"「]([\\u4e00-\\u9fa5]{2,5})[”\"」]");

  static {
    try (InputStream in = SoundAlike.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      short id = 0;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.strip().split(" ");
        id++;
        for (char c : parts[1].toCharArray()) {
          SYLLABLE[c] = id;
        }
      }
      if (id >= 1 << BITS) {
        throw new IllegalStateException(RESOURCE + ": too many syllables");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The knowledge base's words by how they sound. */
  private final Map<Long, List<String>> bySound;
  /** How often the knowledge base writes each of its words. */
  private final Map<String, Integer> uses;
  /** The terms the articles name (keywords, quoted terms): the only words a slip of two characters is read as. */
  private final Set<String> named;
  /** Everything the knowledge base writes: a run found in it is its own wording, never a slip. */
  private final String written;

  private SoundAlike(Map<Long, List<String>> bySound, Map<String, Integer> uses, Set<String> named, String written) {
    this.bySound = bySound;
    this.uses = uses;
    this.named = named;
    this.written = written;
  }

  /**
   * The slips read against what the knowledge base writes: {@code texts} (titles and bodies) give its words — the
   * segmenter's words of two characters or more, and the quoted terms ("夹心层") —, {@code terms} (keywords) more
   * words, and {@code wordings} (example questions) only runs that are meant as written.
   */
  public static SoundAlike of(Collection<String> texts, Collection<String> terms, Collection<String> wordings) {
    Map<String, Integer> uses = new HashMap<>();
    Set<String> named = new HashSet<>();
    StringBuilder written = new StringBuilder();
    for (String text : texts) {
      written.append(text).append('\n');
      for (String w : segmented(text)) {
        uses.merge(w, 1, Integer::sum);
      }
      Matcher q = QUOTED.matcher(text);
      while (q.find()) {
        named.add(q.group(1));
        uses.merge(q.group(1), 1, Integer::sum);
      }
    }
    for (String term : terms) {
      written.append(term).append('\n');
      named.add(term);
      uses.merge(term, 1, Integer::sum);
    }
    for (String wording : wordings) {
      written.append(wording).append('\n');
    }
    Map<Long, List<String>> bySound = new HashMap<>();
    for (Map.Entry<String, Integer> e : uses.entrySet()) {
      String w = e.getKey();
      // A word the articles write once may be incidental (人际, 全市); one they use again, or name as a term, is
      // their vocabulary.
      if (w.length() >= SHORTEST && w.length() <= LONGEST && (e.getValue() >= 2 || named.contains(w))) {
        long key = key(w, 0, w.length());
        if (key != 0) {
          bySound.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
        }
      }
    }
    // Two characters sound alike too often (被烟, 被淹): a slip of two is read only as a term the articles name.
    return new SoundAlike(bySound, uses, named, written.toString());
  }

  /** The message with its slips read as the words meant; the message itself when it has none. */
  public String fold(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    int end = Math.min(message.length(), READ_AT_MOST);
    if (!anySlip(message, end)) {
      return message;
    }
    // A slip makes no word with its neighbours, so the segmenter leaves it a character of its own; a run that cuts
    // through a word of the message ("商场的场地": 场的) is no slip.
    boolean[] boundary = new boolean[end + 1];
    boolean[] alone = new boolean[end];
    for (int[] token : tokens(message.substring(0, end))) {
      boundary[token[0]] = true;
      boundary[token[1]] = true;
      if (token[1] - token[0] == 1) {
        alone[token[0]] = true;
      }
    }
    List<Slip> slips = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      if (!boundary[i]) {
        continue;
      }
      for (int len = SHORTEST; len <= Math.min(LONGEST, end - i); len++) {
        Slip slip = boundary[i + len] ? slip(message, i, i + len) : null;
        if (slip != null && alone[slip.at()] && FUNCTION.indexOf(message.charAt(slip.at())) < 0) {
          slips.add(slip);
        }
      }
    }
    if (slips.isEmpty()) {
      return message;
    }
    // Where two readings overlap ("吃不到低饱": 到底 or 低保), the word the knowledge base uses more wins.
    slips.sort(Comparator.comparingInt(Slip::uses).reversed().thenComparingInt(Slip::from));
    char[] out = message.toCharArray();
    boolean[] taken = new boolean[message.length()];
    for (Slip s : slips) {
      boolean free = true;
      for (int i = s.from(); i < s.from() + s.word().length(); i++) {
        free &= !taken[i];
      }
      if (free) {
        for (int i = 0; i < s.word().length(); i++) {
          out[s.from() + i] = s.word().charAt(i);
          taken[s.from() + i] = true;
        }
      }
    }
    return new String(out);
  }

  /** Whether any run sounds like a word of the knowledge base (most questions: none, and nothing is segmented). */
  private boolean anySlip(String message, int end) {
    for (int i = 0; i < end; i++) {
      for (int len = SHORTEST; len <= Math.min(LONGEST, end - i); len++) {
        if (slip(message, i, i + len) != null) {
          return true;
        }
      }
    }
    return false;
  }

  /** A run read as a word of the knowledge base, and how often the knowledge base uses that word. */
  private record Slip(int from, int at, String word, int uses) {
  }

  /** The slip the run {@code [from, to)} is, or null. */
  private Slip slip(String message, int from, int to) {
    long key = key(message, from, to);
    if (key == 0) {
      return null;
    }
    List<String> alike = bySound.get(key);
    if (alike == null) {
      return null;
    }
    String run = message.substring(from, to);
    String found = null;
    int at = -1;
    for (String word : alike) {
      if (differsInOne(run, word) && (word.length() > SHORTEST || named.contains(word))) {
        if (found != null) {
          return null; // two words it could be: not a slip to guess at
        }
        found = word;
        at = from + differsAt(run, word);
      }
    }
    // What is kept of the run must say something: "照哪个" shares only 哪 with 找哪, "被烟" only 被 with 被淹.
    if (found != null && !sharesAWord(run, found)) {
      return null;
    }
    // A run the knowledge base writes, or a word of the language (一期, 江夏, 办公), is meant as written.
    if (found == null || written.contains(run) || isWord(run) || leansOn(message, from, to, at)) {
      return null;
    }
    return new Slip(from, at, found, uses.get(found));
  }

  /**
   * Whether the run's first or last character makes a word of the knowledge base with the character beside it
   * outside the run ("低保线": 保 belongs to 低保, so 保线 is no slip for 保险), or the slipped character, at the run's
   * edge, makes a word of the language with its neighbour (then it was meant).
   */
  private boolean leansOn(String message, int from, int to, int at) {
    if (from > 0) {
      String before = message.substring(from - 1, from + 1);
      if (known(before) || at == from && isWord(before)) {
        return true;
      }
    }
    if (to < message.length()) {
      String after = message.substring(to - 1, to + 1);
      return known(after) || at == to - 1 && isWord(after);
    }
    return false;
  }

  private boolean known(String pair) {
    long key = key(pair, 0, 2);
    return key != 0 && bySound.getOrDefault(key, List.of()).contains(pair);
  }

  /** Whether the segmenter's dictionary knows the run as one word. */
  private static boolean isWord(String run) {
    List<String> words = segmented(run);
    return words.size() == 1 && words.get(0).equals(run);
  }

  /** Whether a run and the word it is read as share a character that does not merely frame a sentence. */
  private static boolean sharesAWord(String run, String word) {
    for (int i = 0; i < run.length(); i++) {
      if (run.charAt(i) == word.charAt(i) && FUNCTION.indexOf(run.charAt(i)) < 0) {
        return true;
      }
    }
    return false;
  }

  private static int differsAt(String a, String b) {
    int i = 0;
    while (a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private static boolean differsInOne(String a, String b) {
    int differ = 0;
    for (int i = 0; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i) && ++differ > 1) {
        return false;
      }
    }
    return differ == 1;
  }

  /** The syllables of a run as one number, or 0 when a character has no reading. */
  private static long key(String s, int from, int to) {
    long key = 0;
    for (int i = from; i < to; i++) {
      short id = SYLLABLE[s.charAt(i)];
      if (id == 0) {
        return 0;
      }
      key = key << BITS | id;
    }
    return key;
  }

  /** The segmenter's words of a text as [start, end) offsets. */
  private static List<int[]> tokens(String text) {
    List<int[]> out = new ArrayList<>();
    try (Tokenizer tokenizer = new HMMChineseTokenizer()) {
      tokenizer.setReader(new StringReader(text));
      OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
      tokenizer.reset();
      while (tokenizer.incrementToken()) {
        out.add(new int[] {offset.startOffset(), offset.endOffset()});
      }
      tokenizer.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> segmented(String text) {
    return tokens(text).stream().map(t -> text.substring(t[0], t[1])).toList();
  }
}
