package minsheng.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import minsheng.nlu.ResidentAnalyzer;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passages, vectors stored in the index and kept across restarts, and only changed text embedded again. */
class HybridRetrievalTest {
  static final ResidentAnalyzer analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));

  @TempDir
  Path dir;

  @Test
  void passagesAreSentencesWithTheirArticleAndYear() {
    Article a = new Article("x", "t", "topic", "s", List.of(), List.of(), List.of(),
        "可以。据2016年报道,某事一共有3项内容。另一句比较长的说明文字就写在这里。\n\n2015年初,区财政出资243万元。", false);
    List<Passage> ps = Passages.of(a);
    assertThat(ps).extracting(Passage::text).containsExactly("可以。据2016年报道,某事一共有3项内容。", "另一句比较长的说明文字就写在这里。",
        "2015年初,区财政出资243万元。");
    assertThat(ps).extracting(Passage::year).containsExactly(2016, 2016, 2015);
    assertThat(ps).allMatch(p -> p.articleId().equals("x"));
  }

  @Test
  void vectorsPersistWithTheIndexAndOnlyChangedTextIsEmbeddedAgain() throws Exception {
    List<Article> articles = ArticleFiles.readAll(Path.of("kb-index"));
    Embedder first = Embedder.withFile(dir.resolve("cache"));
    try (KnowledgeBase kb = KnowledgeBase.open(FSDirectory.open(dir.resolve("index")), analyzer, "v1", articles, first)) {
      List<ArticleMatch> found = kb.hybrid(analyzer.words("幸福食堂在哪里"), first.embed("幸福食堂在哪里"), Fusion.DEFAULT, 3);
      assertThat(found.get(0).article().id()).isEqualTo("elderly-canteen-where");
      assertThat(found.get(0).bestPassage().passage().text()).contains("武车一村18号");
      assertThat(found.get(0).vector()).isGreaterThan(0.8f);
      assertThat(found.get(0).bm25()).isGreaterThan(0f);
    }
    // A restart with an empty vector file: the index is up to date and holds the vectors, so nothing is embedded.
    Embedder second = Embedder.withFile(dir.resolve("empty-cache"));
    try (KnowledgeBase kb = KnowledgeBase.open(FSDirectory.open(dir.resolve("index")), analyzer, "v1", articles, second)) {
      assertThat(second.computed()).isZero();
      assertThat(kb.hybrid(analyzer.words("民生保险最多赔多少钱"), first.embed("民生保险最多赔多少钱"), Fusion.DEFAULT, 1)
          .get(0).article().id()).isEqualTo("insurance-caps");
      // An edit embeds its new sentence only.
      Article caps = kb.article("insurance-caps").orElseThrow();
      kb.put(new Article(caps.id(), caps.title(), caps.topic(), caps.source(), caps.passages(), caps.questions(),
          caps.keywords(), caps.body() + "\n\n这是一句编辑时新加的说明文字,用来检验。", false));
      assertThat(second.computed()).isEqualTo(1);
      List<ArticleMatch> found = kb.hybrid(analyzer.words("编辑时新加的说明"), second.embed("编辑时新加的说明"), Fusion.DEFAULT, 1);
      assertThat(found.get(0).article().id()).isEqualTo("insurance-caps");
      assertThat(found.get(0).bestPassage().passage().text()).contains("编辑时新加");
    }
    // An index rebuilt (analysis changed) takes unchanged texts' vectors from the file.
    Embedder third = Embedder.withFile(dir.resolve("cache"));
    long before = third.computed();
    try (KnowledgeBase kb = KnowledgeBase.open(FSDirectory.open(dir.resolve("index")), analyzer, "v2", articles, third)) {
      assertThat(third.computed() - before).isZero();
      assertThat(new ArrayList<>(kb.passages("insurance-caps"))).isNotEmpty();
    }
  }
}
