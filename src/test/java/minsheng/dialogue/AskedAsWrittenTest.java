package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import minsheng.kb.Article;
import org.junit.jupiter.api.Test;

/**
 * Round 8 of the answerability checks (issue 12): what a question asks, read the way residents say it, and whether
 * a passage states it the way the articles write it.
 */
class AskedAsWrittenTest {

  @Test
  void aFewOfSomethingIsNoQuestionOfHowMany() {
    // 几 after a demonstrative or 说, or before what some of them do, asks nothing.
    assertThat(QuestionKind.of("执法力量下沉以后 几个部门还推诿扯皮冇")).isNotEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("慈善救助那几年一共花出去几多善款啊")).isNotEqualTo(QuestionKind.DURATION);
    assertThat(QuestionKind.of("慈善总会都搞了些么项目 说几个名字我听一哈")).isNotEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("武昌一共有几个社区")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("培训要上几年")).isEqualTo(QuestionKind.DURATION);
  }

  @Test
  void theNameOfAThingIsStatedByANameTheQuestionDoesNotGive() {
    assertThat(QuestionKind.of("武昌慈善总会那几个救助项目都叫么名字")).isEqualTo(QuestionKind.NAME);
    assertThat(QuestionKind.of("老吾老这个名字全称是么事")).isEqualTo(QuestionKind.NAME);
    // A person asked by role stays a person.
    assertThat(QuestionKind.of("我们小区的网格员叫么名字")).isEqualTo(QuestionKind.PERSON);
    String projects = "武昌慈善总会开展了“大爱武昌·慈善送暖”“天祥紧急救助”“爱心成就梦想”等项目。";
    assertThat(QuestionKind.NAME.statedIn(projects)).isTrue();
    assertThat(AboutWhat.nameBeyondQuestion("慈善总会那几个项目都叫么名字", projects)).isTrue();
    String plan = "“一户一策”就是一家一个帮扶办法。";
    assertThat(QuestionKind.NAME.statedIn(plan)).isTrue();
    assertThat(AboutWhat.nameBeyondQuestion("一户一策印发的那张表叫么名字", plan)).isFalse();
    assertThat(QuestionKind.NAME.statedIn("杨园街电力新村已开了道能义工食堂")).isTrue();
    assertThat(QuestionKind.NAME.statedIn("社区网格员每天巡查")).isFalse();
  }

  @Test
  void aListAskedOfATotalNeedsThatManyItems() {
    String standards = "考核标准分设施配套齐全、服务功能完善、居住便捷舒适、环境优美整洁、人际友善和谐、社区机构健全6类。";
    assertThat(QuestionKind.of("老年宜居社区那15个是哪15个")).isEqualTo(QuestionKind.LIST);
    assertThat(AboutWhat.listOfCount("老年宜居社区那15个是哪15个", standards)).isFalse();
    assertThat(AboutWhat.listOfCount("考核标准那6类是哪6类", standards)).isTrue();
    assertThat(AboutWhat.listOfCount("周边那6个社区是哪6个", "服务周边秦臻路、长轮、武车四村等6个社区")).isTrue();
    assertThat(AboutWhat.listOfCount("都有哪些标准", standards)).isTrue();
    assertThat(QuestionKind.of("那56条具体都是些么条款")).isEqualTo(QuestionKind.LIST);
  }

  @Test
  void peopleAreCountedInPeople() {
    String canteen = "徐家幸福食堂在武车一村18号,服务周边秦臻路、长轮、武车四村等6个社区。";
    assertThat(Answerability.sameUnit("道能义工食堂免费午餐管几个老人", canteen)).isFalse();
    assertThat(Answerability.sameUnit("徐家食堂免费午餐管几个老人", "为辖区100位80岁以上的老人提供免费午餐")).isTrue();
    assertThat(Answerability.sameUnit("千家街社区一共有几个街道驻网格干部", "每周至少抽两天到社区上班")).isFalse();
    assertThat(Answerability.sameUnit("每个格子里头配几个网格员呐", "每个网格一名网格员")).isTrue();
    // A slogan (一人一格) counts no residents.
    assertThat(Answerability.sameUnit("那一个网格员大概要管几多人口", "每个网格一名网格员,叫“一人一格”")).isFalse();
    assertThat(Answerability.sameUnit("武昌常住人口一共有好多", "人口出生率保持在9.54‰以内")).isFalse();
    // A rate of people is no count of them.
    assertThat(Answerability.sameUnit("武昌人口出生率是几多", "人口出生率保持在9.54‰以内")).isTrue();
  }

  @Test
  void theFirstSessionIsNoSessionEach() {
    String courses = "据2016年报道,首期精准扶贫技能培训班全程免费,2016年11月1日在实训基地开班。";
    assertThat(Answerability.sameUnit("头一期扶贫培训是哪天开的课", courses)).isTrue();
    assertThat(Answerability.sameUnit("一期培训班招几多人", courses)).isFalse();
  }

  @Test
  void withinEachUnitIsNoPartOfATotal() {
    assertThat(AboutWhat.asksPart("每个格子里头配几个网格员呐")).isFalse();
    assertThat(AboutWhat.asksPart("幸福社区里头评上四星五星的武昌有几个")).isTrue();
    assertThat(AboutWhat.asksPart("那五千多个新幼儿学位 单算公办园的是几多个")).isTrue();
    assertThat(AboutWhat.figureAbout("幸福社区里头评上四星五星的武昌有几个", "武昌区建成62个三星级以上幸福社区")).isFalse();
  }

  @Test
  void kindsAskedInResidentsWords() {
    assertThat(QuestionKind.of("扶贫培训班年纪最大收到几岁")).isEqualTo(QuestionKind.AGE_LIMIT);
    assertThat(QuestionKind.of("做志愿服务攒的积分能换些么东西")).isEqualTo(QuestionKind.EXCHANGE);
    assertThat(QuestionKind.of("见义勇为的认定要开么事证明")).isEqualTo(QuestionKind.DOCUMENTS);
    assertThat(QuestionKind.of("省肿瘤医院看胃癌哪个专家好")).isEqualTo(QuestionKind.ADVICE);
    assertThat(QuestionKind.of("19个社区卫生服务中心哪一个在中南路街")).isEqualTo(QuestionKind.LIST);
    // A resident's own age is a circumstance, not an age limit asked.
    assertThat(QuestionKind.of("我五十几岁冇读么书能去学技术啵")).isNotEqualTo(QuestionKind.AGE_LIMIT);
    // What to do is no list; what was installed is.
    assertThat(QuestionKind.of("送岗位社区行搞之前要先做些么事")).isNotEqualTo(QuestionKind.LIST);
    assertThat(QuestionKind.of("东亭社区给老人配了些么养老的设施")).isEqualTo(QuestionKind.LIST);
    // Who held something is an organisation, stated by its name (a base, a bureau).
    assertThat(QuestionKind.of("那个创投比赛是哪个地方办的")).isEqualTo(QuestionKind.ORGANISATION);
    assertThat(QuestionKind.ORGANISATION.statedIn("武昌区社会组织孵化基地举办了公益创投大赛")).isTrue();
    // A base where classes are held runs nothing.
    assertThat(QuestionKind.ORGANISATION.statedIn("2016年11月1日在武昌区就业创业培训实训基地开班")).isFalse();
    assertThat(QuestionKind.of("徐家幸福食堂在哪个地方")).isEqualTo(QuestionKind.ADDRESS);
    // Which street a place is in: its street before its name, for the place the question names.
    assertThat(Answerability.streetOf("那个自管得好的梅苑小区在哪个街道", "中南路街梅苑小区2009年被物业公司弃管")).isTrue();
    assertThat(Answerability.streetOf("水果湖街的社区卫生服务中心在哪条街", "水果湖街东亭社区是创建点之一")).isFalse();
    assertThat(Answerability.streetOf("梅苑小区在哪里", "中南路街梅苑小区2009年被物业公司弃管")).isFalse();
  }

  @Test
  void kindsCountedAreStatedByNamingThem() {
    Article a = new Article("t", "培训完有证书吗", "employment_training", "s", List.of(), List.of(), List.of(),
        "据2016年报道,考核合格的学员会拿到《结业证书》《职业资格证书》,并直接安排就业岗位。", false);
    Answerability checks = AnswerabilityTest.checksOf2016();
    String kinds = "培训考核合格了发几种证";
    assertThat(checks.check(kinds, QuestionKind.of(kinds), AnswerabilityTest.matched(a)).answers()).isTrue();
    String people = "培训考核合格的有几个人";
    assertThat(checks.check(people, QuestionKind.of(people), AnswerabilityTest.matched(a)).answers()).isFalse();
  }

  @Test
  void theResidentsOwnCaseIsNotTheReportsExample() {
    Article a = new Article("t", "贫困户房子漏水,扶贫能帮忙吗", "poverty_help", "s", List.of(), List.of(), List.of(),
        "报道里有这样的例子:水果湖街贫困户张启荣的房子房顶漏水严重。街道办事处主任陈彤联系武昌房地公司承接,她家盼来了屋顶改造。",
        false);
    Answerability checks = AnswerabilityTest.checksOf2016();
    String own = "我家屋顶也漏 能不能也找武昌房地公司免费修";
    Answerability.Verdict v = checks.check(own, QuestionKind.of(own), AnswerabilityTest.matched(a));
    assertThat(v.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
    String theirs = "张启荣家的屋顶是哪个公司修的";
    assertThat(checks.check(theirs, QuestionKind.of(theirs), AnswerabilityTest.matched(a)).answers()).isTrue();
  }

  @Test
  void whatComesNextAfterAPauseIsNotTheFuture() {
    Article a = new Article("t", "一户一策", "poverty_help", "s", List.of(), List.of(), List.of(),
        "据2016年报道,包户党员上门走访,根据每户的具体需求,制定详细的帮扶脱贫计划。", false);
    String next = "包户党员上门走访完了 接下来搞么事";
    assertThat(AnswerabilityTest.checksOf2016().check(next, QuestionKind.of(next), AnswerabilityTest.matched(a))
        .answers()).isTrue();
  }

  @Test
  void aDetailAskedIsAQuestionNotAClaim() {
    Answerability checks = AnswerabilityTest.checksOf2016();
    assertThat(checks.detailAsked("民生保险赔的钱打到哪张卡上")).isPresent();
    assertThat(checks.detailAsked("因病救助6个月满了还能延长啵")).isPresent();
    assertThat(checks.detailAsked("扶贫培训班名额满员了冇")).isPresent();
    assertThat(checks.detailAsked("房子被烧了 赔之前哪个来现场定损")).isPresent();
    assertThat(checks.detailAsked("我要报案 屋里被水淹了")).isEmpty();
  }

  @Test
  void aRunnerUpNamesWhatTheQuestionNamesShortenedOrWhole() {
    Answerability checks = AnswerabilityTest.checksOf2016();
    String lunch = "据2016年报道,徐家幸福食堂2016年10月8日开业,为辖区100位80岁以上的老人提供了免费午餐。";
    assertThat(checks.runnerUpAbout("徐家食堂么时候开张的", lunch, lunch, s -> false)).isTrue();
    // A canteen the knowledge base names elsewhere is not this article's.
    assertThat(checks.runnerUpAbout("道能义工食堂免费午餐管几个老人", lunch, lunch, "道能义工食堂"::equals)).isFalse();
    assertThat(checks.runnerUpAbout("徐家幸福食堂免费午餐管几个老人", lunch, lunch, "徐家幸福食堂"::equals)).isTrue();
    // Two common words far apart name nothing in particular.
    String meiyuan = "报道里有个例子:中南路街梅苑小区2009年被物业公司弃管";
    assertThat(checks.runnerUpAbout("新建小区物业服务质量考评办法么时候正式出台的", meiyuan, meiyuan, s -> false)).isFalse();
  }
}
