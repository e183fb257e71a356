package minsheng.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import minsheng.nlu.IntentExamples;
import minsheng.nlu.ResidentAnalyzer;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The knowledge base says only what its source says, and every article can be found by its own questions. */
class KnowledgeBaseContentTest {
  private static final Path SEED = Path.of("kb-index/sources/000_4b04b5fb95c86753.txt");
  private static List<Article> articles;
  private static String seed;

  @BeforeAll
  static void read() throws Exception {
    articles = ArticleFiles.readAll(Path.of("kb-index"));
    seed = Files.readString(SEED, StandardCharsets.UTF_8);
  }

  @Test
  void thereAreEnoughArticlesWithUniqueIdsAndKnownTopics() {
    assertThat(articles).hasSizeGreaterThanOrEqualTo(30);
    Set<String> ids = new HashSet<>();
    articles.forEach(a -> assertThat(ids.add(a.id())).as("duplicate id %s", a.id()).isTrue());
    Set<String> intents = IntentExamples.read(Path.of("intents/train")).byIntent().keySet();
    articles.forEach(a -> assertThat(intents).as("topic of %s", a.id()).contains(a.topic()));
  }

  @Test
  void everyArticleQuotesItsSourceVerbatim() {
    for (Article a : articles) {
      assertThat(a.source()).as(a.id()).isEqualTo(SEED.getFileName().toString());
      assertThat(a.passages()).as("passages of %s", a.id()).isNotEmpty();
      for (String passage : a.passages()) {
        assertThat(seed).as("passage of %s", a.id()).contains(passage);
      }
    }
  }

  @Test
  void noArticleInventsAPhoneNumberOrAWebAddress() {
    Pattern phone = Pattern.compile("(?<!\\d)(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}|\\d{3,4}-\\d{4}-?\\d{4})(?!\\d)");
    for (Article a : articles) {
      assertThat(phone.matcher(a.body()).find()).as("phone number in %s", a.id()).isFalse();
      assertThat(a.body()).as(a.id()).doesNotContain("http://", "https://", "www.");
    }
  }

  @Test
  void everyNumberInAnArticleIsInItsPassages() {
    Pattern number = Pattern.compile("\\d+(\\.\\d+)?");
    List<String> unsupported = new ArrayList<>();
    for (Article a : articles) {
      String quoted = String.join(" ", a.passages());
      var m = number.matcher(a.summary() + "\n" + a.details());
      while (m.find()) {
        if (!quoted.contains(m.group()) && !List.of("2015", "2016").contains(m.group())) {
          unsupported.add(a.id() + ": " + m.group());
        }
      }
    }
    assertThat(unsupported).isEmpty();
  }

  @Test
  void everyArticleIsFoundFirstByItsOwnExampleQuestions() throws Exception {
    ResidentAnalyzer analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));
    List<String> misses = new ArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.open(new ByteBuffersDirectory(), analyzer, "test", articles)) {
      for (Article a : articles) {
        for (String q : a.questions()) {
          List<SearchHit> hits = kb.search(q, Optional.of(a.topic()), 1);
          if (hits.isEmpty() || !hits.get(0).article().id().equals(a.id())) {
            misses.add(a.id() + " <- " + q + " (got " + (hits.isEmpty() ? "nothing" : hits.get(0).article().id()) + ")");
          }
        }
      }
    }
    assertThat(misses).isEmpty();
  }

  @Test
  void theIndexIsRebuiltOnlyWhenContentChanges() throws Exception {
    ResidentAnalyzer analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (KnowledgeBase kb = KnowledgeBase.open(dir, analyzer, "v1", articles)) {
      assertThat(kb.articles()).hasSize(articles.size());
    }
    long generation = org.apache.lucene.index.SegmentInfos.readLatestCommit(dir).getGeneration();
    try (KnowledgeBase kb = KnowledgeBase.open(dir, analyzer, "v1", articles)) {
      assertThat(kb.search("民生保险", Optional.empty(), 1)).isNotEmpty();
    }
    assertThat(org.apache.lucene.index.SegmentInfos.readLatestCommit(dir).getGeneration()).isEqualTo(generation);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, analyzer, "v2", articles)) {
      assertThat(kb.search("民生保险", Optional.empty(), 1)).isNotEmpty();
    }
    assertThat(org.apache.lucene.index.SegmentInfos.readLatestCommit(dir).getGeneration()).isGreaterThan(generation);
  }

  @Test
  void aVeryLongQuestionIsSearchedWithoutFailing() throws Exception {
    ResidentAnalyzer analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));
    StringBuilder text = new StringBuilder("民生保险最多赔多少钱");
    for (int i = 0; i < 1500; i++) {
      text.append((char) ('\u4e00' + (i * 37) % 20000));
    }
    try (KnowledgeBase kb = KnowledgeBase.open(new ByteBuffersDirectory(), analyzer, "test", articles)) {
      assertThat(kb.search(text.toString(), Optional.empty(), 3)).isNotEmpty();
    }
  }
}
