package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Residents' yes, no and later (Wuhan dialect included) and the forms their numbers and characters come in. */
class ResidentWordsTest {

  @ParameterizedTest
  @ValueSource(strings = {"没有", "冇得", "冇", "冇拍", "莫得", "没得", "没拍", "算了不要了", "不要了", "没有照片", "无", "没得照片 ",
      "不是"})
  void no(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.NO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"等哈", "后面补", "后面再补", "等下拍给你", "有医院的诊断书 等下发", "晚点发", "明天补", "回头发给你",
      "没拍 等下发", "诊断书后面再发"})
  void later(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.LATER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"是", "是的", "对", "嗯", "在武昌", "要得", "是滴", "户口在武昌"})
  void yes(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.YES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"不知道", "不清楚", "不记得了", "暴雨进水", "张三"})
  void neither(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.NONE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "幺三八 幺二三四 五六七八|138 1234 5678",
      "电话一三八一二三四五六七九|电话13812345679",
      "４２０１０６１９７１０６１３００６Ｘ|42010619710613006X",
      "我叫李四 13812345678|我叫李四 13812345678",
      "我叫李四 一三八一二三四五六七八|我叫李四 13812345678",
      "電話號碼13812345670|电话号码13812345670",
      "東亭社區3棟 損失八千塊|东亭社区3栋 损失八千块",
      "三千|三千",
      "五六七|五六七"})
  void normalised(String said, String read) {
    assertThat(ResidentWords.normalize(said)).isEqualTo(read);
  }
}
