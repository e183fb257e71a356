package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import minsheng.kb.Article;
import minsheng.kb.ArticleMatch;
import minsheng.kb.ArticleMatch.PassageMatch;
import minsheng.kb.Passage;
import minsheng.kb.Passages;
import org.junit.jupiter.api.Test;

/** The answerability checks on their own: the gazetteer, the kind of question, what a passage states. */
class AnswerabilityTest {
  static final Places places = Places.load(AnswerPolicy.PLACES);

  @Test
  void placesOutsideWuchangAreNamedAndWuchangsOwnAreNot() {
    assertThat(places.elsewhere("汉阳区的低保怎么申请")).contains("汉阳区");
    assertThat(places.elsewhere("我住汉口 老年食堂有没有")).contains("汉口");
    assertThat(places.elsewhere("北京的民生保险赔多少")).contains("北京");
    assertThat(places.elsewhere("我是黄冈市的")).contains("黄冈市");
    assertThat(places.elsewhere("恩施州那边有没有培训班")).contains("恩施州");
    assertThat(places.elsewhere("我老家的低保")).contains("老家");
    assertThat(places.elsewhere("我是洪山区的 房子淹了能赔吗")).contains("洪山区");
    assertThat(places.elsewhere("水果湖街的网格员")).isEmpty();
    assertThat(places.elsewhere("武汉武昌区徐家棚的低保")).isEmpty();
    assertThat(places.elsewhere("湖北武汉的民生保险")).isEmpty();
    assertThat(places.elsewhere("洪山广场旁边的社区")).isEmpty();
    assertThat(places.elsewhere("中山路那边的食堂")).isEmpty();
    assertThat(places.elsewhere("江汉路步行街")).isEmpty(); // a street named after a district is not the district
    assertThat(places.elsewhere("安康社区")).isEmpty(); // a common word, listed only with its suffix
  }

  @Test
  void theKindOfInformationAskedForIsRecognised() {
    assertThat(QuestionKind.of("幸福食堂电话多少")).isEqualTo(QuestionKind.PHONE);
    assertThat(QuestionKind.of("食堂几点开门")).isEqualTo(QuestionKind.HOURS);
    assertThat(QuestionKind.of("食堂在哪里")).isEqualTo(QuestionKind.ADDRESS);
    assertThat(QuestionKind.of("培训班哪天开班")).isEqualTo(QuestionKind.DATE);
    assertThat(QuestionKind.of("民生保险最多赔多少钱")).isEqualTo(QuestionKind.CAP);
    assertThat(QuestionKind.of("幸福食堂吃一餐要几多钱")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("一个网格多少户")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("申请救助要带什么材料")).isEqualTo(QuestionKind.DOCUMENTS);
    assertThat(QuestionKind.of("低保怎么申请")).isEqualTo(QuestionKind.PROCEDURE);
    assertThat(QuestionKind.of("商业保险和民生保险哪个好")).isEqualTo(QuestionKind.ADVICE);
    assertThat(QuestionKind.of("民生保险是什么")).isEqualTo(QuestionKind.DEFINITION);
    assertThat(QuestionKind.of("网格员")).isEqualTo(QuestionKind.OTHER);
    assertThat(QuestionKind.PHONE.statedIn("徐家幸福食堂在武车一村18号")).isFalse();
    assertThat(QuestionKind.AMOUNT.statedIn("每户房屋损失最高赔5万元")).isTrue();
    assertThat(QuestionKind.DATE.statedIn("2016年11月1日开班")).isTrue();
    assertThat(QuestionKind.DEFINITION.statedIn("任何一句话")).isTrue();
  }

  @Test
  void aPassageThatOnlyPointsToAPersonStatesNothing() {
    Article a = new Article("t", "食堂", "elderly_care", "s", List.of(), List.of(), List.of(),
        "据2016年报道,徐家幸福食堂在武车一村18号,服务周边6个社区。\n\n食堂的电话报道没写,请问您所在社区。", false);
    List<Passage> ps = Passages.of(a);
    assertThat(ps).hasSize(2);
    assertThat(ps.get(0).year()).isEqualTo(2016);
    List<PassageMatch> scored = List.of(new PassageMatch(ps.get(1), 5, 0.9f, 0.8f), new PassageMatch(ps.get(0), 3, 0.7f, 0.6f));
    ArticleMatch m = new ArticleMatch(a, 8, 0.9f, 0.8f, scored);
    Answerability checks = new Answerability(places, Answerability.neighbours(AnswerPolicy.NEIGHBOURS));
    Answerability.Verdict phone = checks.check("食堂电话多少", QuestionKind.PHONE, m);
    assertThat(phone.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
    assertThat(phone.passage().passage().index()).isZero(); // the related fact, not the pointer
    Answerability.Verdict where = checks.check("食堂在哪", QuestionKind.ADDRESS, m);
    assertThat(where.answers()).isTrue();
    assertThat(where.passage().passage().text()).contains("武车一村18号");
    Answerability.Verdict now = checks.check("现在食堂服务几个社区", QuestionKind.COUNT, m);
    assertThat(now.reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
    assertThat(now.missing()).isEqualTo("2016");
  }

  @Test
  void aFigureMustCountWhatTheQuestionCounts() {
    assertThat(Answerability.sameUnit("老年公寓有几多张床", "引进了1个社区卫生服务中心、1个老年公寓")).isFalse();
    assertThat(Answerability.sameUnit("社区惠民资金每个社区能分到几多", "每年安排社区惠民资金3600万元。")).isFalse();
    assertThat(Answerability.sameUnit("自管每户每个月交好多钱", "7年来每户每月只交10元")).isTrue();
    assertThat(Answerability.sameUnit("一个网格管几多户", "每300户一个单位,分成1811个网格")).isTrue();
  }

  @Test
  void wordsThatOnlyLookLikeAKindAreNotIt() {
    assertThat(QuestionKind.of("武昌居民收入这几年涨了多少")).isNotEqualTo(QuestionKind.DURATION);
    assertThat(QuestionKind.of("给多少困难群体提供了帮扶")).isNotEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("政府能给多少钱")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("杨园街那个义工食堂叫么名字")).isNotEqualTo(QuestionKind.PERSON);
    assertThat(QuestionKind.of("我们小区的网格员叫么名字")).isEqualTo(QuestionKind.PERSON);
  }
}
