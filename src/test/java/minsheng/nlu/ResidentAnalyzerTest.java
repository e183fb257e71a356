package minsheng.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResidentAnalyzerTest {
  private final ResidentAnalyzer analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));

  @Test
  void residentsWordsFoldOntoOneWord() {
    assertThat(analyzer.words("房子")).isEqualTo(analyzer.words("房屋"));
    assertThat(analyzer.words("家里被淹了")).contains("水灾");
    assertThat(analyzer.words("内涝")).isEqualTo(analyzer.words("暴雨"));
    assertThat(analyzer.words("老人")).isEqualTo(analyzer.words("老年人"));
    assertThat(analyzer.words("赔")).isEqualTo(analyzer.words("理赔"));
    assertThat(analyzer.words("最低生活保障")).isEqualTo(analyzer.words("低保"));
  }

  @Test
  void theArticlesWordsForRainDisabilityAndCapsAreResidentsWordsToo() {
    // "那年大暴雨" is the report's 最强降雨, "落了个残疾" its 伤残, "封顶给几多" its 最高: one word each, whichever is typed.
    assertThat(analyzer.words("大暴雨")).isEqualTo(analyzer.words("暴雨"));
    assertThat(analyzer.words("最强降雨")).contains("水灾");
    assertThat(analyzer.words("特大暴雨")).isEqualTo(analyzer.words("强降雨"));
    assertThat(analyzer.words("残疾")).isEqualTo(analyzer.words("伤残"));
    assertThat(analyzer.words("封顶")).isEqualTo(analyzer.words("最高"));
    assertThat(analyzer.words("上限")).isEqualTo(analyzer.words("顶格"));
  }

  @Test
  void dialectAndTyposAreUnderstood() {
    assertThat(analyzer.words("咋申请")).isEqualTo(analyzer.words("怎么申请"));
    assertThat(analyzer.words("冇得")).isEqualTo(analyzer.words("没有"));
    assertThat(analyzer.words("地保")).isEqualTo(analyzer.words("低保"));
  }

  @Test
  void punctuationFillersAndWidthAreNormalised() {
    assertThat(analyzer.words("低保吗?")).isEqualTo(analyzer.words("低保"));
    assertThat(analyzer.words("ＷＣ２０２６")).isEqualTo(analyzer.words("wc2026"));
    assertThat(analyzer.words("!!!,。")).isEmpty();
  }

  @Test
  void aSingleCharacterIsNotTakenForAPeril() {
    // 烧 in 学烧菜 is cooking, not a fire.
    assertThat(analyzer.words("学烧菜")).doesNotContain("火灾");
  }
}
