package minsheng.nlu;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How Minsheng reads Chinese as residents write it: full-width letters and digits folded, traditional characters
 * simplified ({@link Simplified}), smartcn word
 * segmentation, lower case, residents' words folded onto one word each (房子/房屋, 淹/内涝/暴雨, 咋/怎么),
 * then punctuation and filler words dropped. The same chain serves the index, the queries and the intent
 * model, so all three agree on what a word is.
 */
public final class ResidentAnalyzer extends Analyzer {
  private final SynonymMap synonyms;
  private final CharArraySet stopwords;
  private final boolean forIndex;

  private ResidentAnalyzer(SynonymMap synonyms, CharArraySet stopwords, boolean forIndex) {
    this.synonyms = synonyms;
    this.stopwords = stopwords;
    this.forIndex = forIndex;
  }

  /** The analyzer for queries and classification. */
  public static ResidentAnalyzer load(Path synonymsFile, Path stopwordsFile) {
    return new ResidentAnalyzer(readSynonyms(synonymsFile), readStopwords(stopwordsFile), false);
  }

  /** The same chain for writing the index: synonym graphs flattened, as IndexWriter requires. */
  public ResidentAnalyzer forIndexing() {
    return new ResidentAnalyzer(synonyms, stopwords, true);
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return Simplified.filter(new CJKWidthCharFilter(reader));
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = new HMMChineseTokenizer();
    TokenStream stream = new LowerCaseFilter(tokenizer);
    if (synonyms != null) {
      stream = new SynonymGraphFilter(stream, synonyms, true);
    }
    stream = new StopFilter(stream, stopwords);
    if (forIndex && synonyms != null) {
      stream = new FlattenGraphFilter(stream);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }

  /** The words of a text, in order, as the index and the intent model see them. */
  public List<String> words(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static CharArraySet readStopwords(Path file) {
    CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
    for (String line : lines(file)) {
      set.add(line);
    }
    return set;
  }

  private static SynonymMap readSynonyms(Path file) {
    // Synonym entries are segmented by the same tokenizer (without synonyms or stop words) as the text.
    Analyzer segmenter = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new HMMChineseTokenizer();
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
      }

      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
      }
    };
    try {
      SolrSynonymParser parser = new SolrSynonymParser(true, false, segmenter);
      parser.parse(new StringReader(String.join("\n", lines(file))));
      return parser.build();
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read synonyms from " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
