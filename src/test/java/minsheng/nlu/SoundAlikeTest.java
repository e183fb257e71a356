package minsheng.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.nio.file.Path;
import minsheng.kb.ArticleFiles;
import minsheng.kb.KnowledgeBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slips of the pinyin keyboard read as the articles' words: one character off, sounding the same, never a run the
 * articles write or a word of the language, never a character that frames a sentence.
 */
class SoundAlikeTest {
  private static SoundAlike slips;

  @BeforeAll
  static void readTheKnowledgeBase() {
    slips = KnowledgeBase.slipsOf(ArticleFiles.readAll(Path.of("kb-index")));
  }

  @Test
  void aCharacterOfTheSameSoundIsReadAsTheWordMeant() {
    assertThat(slips.fold("网隔员看到问题么样报上去")).isEqualTo("网格员看到问题么样报上去");
    assertThat(slips.fold("紫阳街那个刘某为么事吃不到低饱")).isEqualTo("紫阳街那个刘某为么事吃不到低保");
    assertThat(slips.fold("民生宝险最多赔几多")).isEqualTo("民生保险最多赔几多");
    assertThat(slips.fold("报纸上说的夹芯层是么回事")).isEqualTo("报纸上说的夹心层是么回事");
    assertThat(slips.fold("物业考平主要看么事")).isEqualTo("物业考评主要看么事");
  }

  @Test
  void wordsOfTheLanguageAndTheArticlesOwnWordingStand() {
    for (String meant : List.of("江夏区有老年食堂吗", "培训班一期上几天", "屋里全是水", "小区垃圾没人收", "低保线是多少钱一个月",
        "商场的场地老人能用吗", "社区卫生服务中心建了几个", "网格员是干啥的", "老小区搞自治是照哪个的经验来",
        "我爸冲进去救人 被烟呛倒了")) {
      assertThat(slips.fold(meant)).as(meant).isEqualTo(meant);
    }
  }

  @Test
  void twoCharactersAreReadOnlyAsATermTheArticlesName() {
    // 达成 is a word the articles happen to write, not a term they name: "打成残疾" stays.
    assertThat(slips.fold("见义勇为被人打成残疾了 最高赔好多")).isEqualTo("见义勇为被人打成残疾了 最高赔好多");
  }

  @Test
  void aLongMessageIsReadOnlyAsFarAsAQuestionGoes() {
    String paste = "网隔员".repeat(4000);
    String read = slips.fold(paste);
    assertThat(read).hasSize(paste.length()).startsWith("网格员").endsWith("网隔员");
  }

  @Test
  void emptyAndForeignTextIsLeftAlone() {
    assertThat(slips.fold("")).isEmpty();
    assertThat(slips.fold("😀😀 ,。 Wuchang 123")).isEqualTo("😀😀 ,。 Wuchang 123");
  }
}
