package minsheng.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Traditional characters read as simplified ones, by the analyzer as by the checks; simplified text untouched. */
class SimplifiedTest {

  @Test
  void traditionalCharactersAreFoldedToSimplifiedOnes() {
    assertThat(Simplified.fold("社區衛生服務站建了幾個")).isEqualTo("社区卫生服务站建了几个");
    assertThat(Simplified.fold("武昌一共建了幾個養老福利機構")).isEqualTo("武昌一共建了几个养老福利机构");
  }

  @Test
  void simplifiedTextAndOtherCharactersAreLeftAsTheyAre() {
    String simplified = "著名的干部 着火了 后来 Wuchang 123 ,。😀";
    assertThat(Simplified.fold(simplified)).isEqualTo(simplified);
  }

  @Test
  void theAnalyzerReadsATraditionalQuestionAsItsSimplifiedForm() {
    ResidentAnalyzer analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));
    assertThat(analyzer.words("民生保險每個人一年的保費是幾塊錢"))
        .isEqualTo(analyzer.words("民生保险每个人一年的保费是几块钱"));
  }
}
