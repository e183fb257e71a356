package minsheng.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import minsheng.nlu.ResidentAnalyzer;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The knowledge base reads a question as the articles' words meant it (slips of the keyboard), and ranks first the
 * article whose passage answers it, not the one whose topic words it shares most.
 */
class PassageEvidenceTest {
  static final ResidentAnalyzer analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));
  static KnowledgeBase kb;

  @BeforeAll
  static void open() {
    kb = KnowledgeBase.open(new ByteBuffersDirectory(), analyzer, "test", ArticleFiles.readAll(Path.of("kb-index")));
  }

  @AfterAll
  static void close() throws Exception {
    kb.close();
  }

  private static List<ArticleMatch> found(String question) {
    return kb.hybrid(analyzer.words(question), kb.embedder().embed(question), Fusion.DEFAULT, 5);
  }

  @Test
  void theArticleWhosePassageAnswersRanksFirst() {
    // The free-courses article shares the topic's words (扶贫, 培训, 开课) in its title, keywords and questions; the
    // passage saying whom the courses suit is in another article of the topic.
    assertThat(found("扶贫培训班开课是照顾么样的人的特点").get(0).article().id()).isEqualTo("training-older-low-education");
    assertThat(found("扶贫技能培训除了学费全免 还给学员么好处").get(0).article().id()).isEqualTo("training-benefits");
  }

  @Test
  void thePassageLagOrdersArticlesAndLeavesTheirRetrievalScore() {
    String question = "幸福食堂在哪里";
    List<ArticleMatch> ranked = found(question);
    ArticleMatch top = ranked.get(0);
    assertThat(top.article().id()).isEqualTo("elderly-canteen-where");
    assertThat(top.lag()).isZero();
    // Every candidate keeps retrieval's own fused score (thresholds and the intent's lift read it) and carries what
    // its closest passage lags behind the top's, which orders them.
    float closest = closest(top);
    for (ArticleMatch m : ranked) {
      assertThat(m.fused()).isEqualTo(Fusion.DEFAULT.fuse(m.bm25(), m.vector()));
      assertThat(m.lag()).isCloseTo((float) (HybridSearch.PASSAGE_LAG_WEIGHT * (closest - closest(m))),
          org.assertj.core.data.Offset.offset(1e-5f));
    }
    assertThat(ranked).extracting(ArticleMatch::order).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(ranked).anyMatch(m -> m.lag() > 0.01f);
  }

  private static float closest(ArticleMatch m) {
    float best = 0;
    for (ArticleMatch.PassageMatch p : m.passages()) {
      best = Math.max(best, p.vector());
    }
    return best;
  }

  @Test
  void slipsOfTheKeyboardAreReadAgainstTheCurrentArticles() {
    assertThat(kb.asMeant("网隔员看到问题么样报上去")).isEqualTo("网格员看到问题么样报上去");
    assertThat(kb.asMeant("夕阳宏食堂在哪")).isEqualTo("夕阳宏食堂在哪");
    // An article edited in the console names a new term: a slip for it is read as meant from then on.
    Article lunch = kb.article("elderly-free-lunch").orElseThrow();
    List<String> keywords = new ArrayList<>(lunch.keywords());
    keywords.add("夕阳红");
    kb.put(new Article(lunch.id(), lunch.title(), lunch.topic(), lunch.source(), lunch.passages(), lunch.questions(),
        keywords, lunch.body(), false));
    assertThat(kb.asMeant("夕阳宏食堂在哪")).isEqualTo("夕阳红食堂在哪");
  }
}
