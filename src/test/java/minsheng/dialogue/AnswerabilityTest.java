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
    Answerability checks = new Answerability(places, Answerability.terms(AnswerPolicy.NEIGHBOURS));
    Answerability.Verdict phone = checks.check("食堂电话多少", QuestionKind.PHONE, m);
    assertThat(phone.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
    assertThat(phone.passage().passage().index()).isZero(); // the related fact, not the pointer
    Answerability.Verdict where = checks.check("食堂在哪", QuestionKind.ADDRESS, m);
    assertThat(where.answers()).isTrue();
    assertThat(where.passage().passage().text()).contains("武车一村18号");
    Answerability.Verdict now = checks.check("现在食堂服务几个社区", QuestionKind.COUNT, m);
    assertThat(now.reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
    assertThat(now.missing()).isEqualTo("2016");
    // Whether something still holds today, with no figure asked: a dated passage cannot say either.
    assertThat(checks.check("现在徐家食堂还在武车一村啵", QuestionKind.of("现在徐家食堂还在武车一村啵"), m).reason())
        .isEqualTo(Decision.Reason.NOT_CURRENT);
    assertThat(checks.check("徐家食堂在武车一村啵", QuestionKind.of("徐家食堂在武车一村啵"), m).answers()).isTrue();
    assertThat(checks.check("下个月食堂服务几个社区", QuestionKind.COUNT, m).reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
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

  @Test
  void countiesTownsAndDevelopmentZonesAreOtherPlaces() {
    assertThat(places.elsewhere("我老屋在监利县 那边有培训班吗")).contains("监利县");
    assertThat(places.elsewhere("我是大冶的")).contains("大冶");
    assertThat(places.elsewhere("住在阳逻的民生保险么样报案")).contains("阳逻");
    assertThat(places.elsewhere("武汉开发区的因病救助")).contains("武汉开发区");
    assertThat(places.elsewhere("我们那个小县城有没有")).isPresent(); // a county the gazetteer does not list
    assertThat(places.elsewhere("区县级的政策")).isEmpty();
    assertThat(places.elsewhere("社区有黄梅戏班子吗")).isEmpty(); // listed only with its suffix
    assertThat(places.elsewhere("公安来了")).isEmpty();
  }

  @Test
  void theNeighboursFileHasProgrammesAndDetails() {
    Answerability.Terms terms = Answerability.terms(AnswerPolicy.NEIGHBOURS);
    assertThat(terms.neighbours()).contains("医保", "疫苗", "派位").doesNotContain("利息", "[details]");
    List<String> detailWords = terms.details().stream().flatMap(l -> java.util.Arrays.stream(l.split("\\s+"))).toList();
    assertThat(detailWords).contains("利息", "工资", "薪水").doesNotContain("医保");
  }

  @Test
  void aDetailTheArticleNeverNamesIsMissingEvenWhenAFigureOfTheKindIsThere() {
    Article a = new Article("loans", "小额担保贷款", "employment", "s", List.of(), List.of(), List.of(),
        "武昌区发放过小额担保贷款。据2016年报道,共发放3.1亿元,新增劳动创业者2.2万人。", false);
    List<Passage> ps = Passages.of(a);
    ArticleMatch m = new ArticleMatch(a, 8, 0.9f, 0.8f,
        ps.stream().map(p -> new PassageMatch(p, 5, 0.8f, 0.7f)).toList());
    Answerability checks = new Answerability(places, new Answerability.Terms(List.of(), List.of("利息", "工资")));
    Answerability.Verdict interest = checks.check("创业贷款的利息是好多", QuestionKind.of("创业贷款的利息是好多"), m);
    assertThat(interest.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
    assertThat(interest.check()).isEqualTo("detail");
    assertThat(interest.missing()).isEqualTo("利息");
    assertThat(interest.passage()).isNotNull(); // the related fact the reply offers
    assertThat(checks.check("小额担保贷款放了好多", QuestionKind.of("小额担保贷款放了好多"), m).answers()).isTrue();
    // Named outside the clause that asks, a detail is context, not what is asked.
    assertThat(checks.check("工资不高 小额担保贷款放了好多", QuestionKind.of("小额担保贷款放了好多"), m).answers()).isTrue();
    assertThat(Answerability.askingClause("退休工资不高 医药费太重 有没有政策兜底")).isEqualTo("有没有政策兜底");
  }

  @Test
  void anArticleNamingOneWordOfALineNamesTheDetail() {
    Article a = new Article("wages", "老板欠工资", "employment", "s", List.of(), List.of(), List.of(),
        "武昌区帮劳动者追讨过工资。据2016年报道,共追讨工资3.17亿元。", false);
    ArticleMatch m = new ArticleMatch(a, 8, 0.9f, 0.8f,
        Passages.of(a).stream().map(p -> new PassageMatch(p, 5, 0.8f, 0.7f)).toList());
    Answerability checks = new Answerability(places, new Answerability.Terms(List.of(), List.of("工资 薪水 月薪")));
    assertThat(checks.check("公司拖着不发薪水", QuestionKind.of("公司拖着不发薪水"), m).answers()).isTrue();
  }

  @Test
  void aFigureAskedPerPeriodNeedsAFigurePerPeriod() {
    assertThat(Answerability.samePeriod("梅苑的保安一个月拿几多", "养活了16人,年底还有盈余")).isFalse();
    assertThat(Answerability.samePeriod("一户人家一年保费是好多", "按每人每年1元、每户每年4元的标准买")).isTrue();
    assertThat(Answerability.samePeriod("街道干部一个礼拜来几天", "每周至少抽两天到社区上班")).isTrue();
    assertThat(Answerability.samePeriod("培训班哪一天开班", "2016年11月1日开班")).isTrue(); // 哪一天 is no period
    assertThat(Answerability.samePeriod("十一月有几场", "办了多场")).isTrue();
  }

  @Test
  void aYearAfterTheFiguresIsAskedAboutALaterTime() {
    assertThat(Answerability.laterYear("2025年武昌新增就业几多人", 2016)).isTrue();
    assertThat(Answerability.laterYear("2015年赔了几户", 2016)).isFalse();
    assertThat(Answerability.laterYear("我在这住了20年了", 2016)).isFalse();
  }

  @Test
  void residentsWordsForDirectionsNamesFeesAndTimesAreRead() {
    assertThat(QuestionKind.of("就业创业培训实训基地么样走")).isEqualTo(QuestionKind.STREET_ADDRESS);
    assertThat(QuestionKind.of("东亭社区的书记姓么事")).isEqualTo(QuestionKind.PERSON);
    assertThat(QuestionKind.of("因病救助从申请到批下来要好久")).isEqualTo(QuestionKind.DURATION);
    assertThat(QuestionKind.of("结对帮扶的党员一个月上门几次")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("居家养老服务中心上门服务要不要收钱")).isEqualTo(QuestionKind.COSTS);
    assertThat(QuestionKind.of("学烧菜的班子还开不开")).isNotEqualTo(QuestionKind.HOURS);
    assertThat(QuestionKind.of("食堂周末开不开")).isEqualTo(QuestionKind.HOURS);
    assertThat(QuestionKind.ADDRESS.statedIn("武昌区当时正在研究制订新建住宅小区物业服务质量考评办法")).isFalse();
    assertThat(QuestionKind.ADDRESS.statedIn("徐家幸福食堂在武车一村18号")).isTrue();
    assertThat(Answerability.sameUnit("党员一个月上门几次", "999名党员、186个党支部")).isFalse();
    assertThat(Answerability.sameUnit("培训班一期收几多个学员", "武昌区完成就业、创业培训5.2万人")).isFalse();
    assertThat(QuestionKind.of("帮扶困难户的意见是几几年出的")).isEqualTo(QuestionKind.DATE);
    assertThat(QuestionKind.of("结对的干部好久没上门了")).isNotEqualTo(QuestionKind.DURATION);
    assertThat(QuestionKind.of("我快六十了还收不收学员")).isNotEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("中午能去吃不要钱的饭么")).isNotEqualTo(QuestionKind.AMOUNT); // the free meal, no price asked
    assertThat(QuestionKind.of("驻网格干部一个月多拿几多补贴")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("住在这里的民生保险么样报案")).isEqualTo(QuestionKind.PROCEDURE);
    assertThat(QuestionKind.DURATION.statedIn("2016年11月1日在实训基地开班")).isFalse(); // a date, not a length
    assertThat(QuestionKind.DATE.statedIn("徐家幸福食堂在武车一村18号")).isFalse(); // a house number, not a day
    assertThat(QuestionKind.DATE.statedIn("11月3号改造")).isTrue();
    assertThat(QuestionKind.DURATION.statedIn("获得了6个月的阶段性救助")).isTrue();
    assertThat(QuestionKind.of("幸福社区评三星级看么事标准")).isEqualTo(QuestionKind.CRITERIA);
    assertThat(QuestionKind.CRITERIA.statedIn("建成62个三星级以上幸福社区")).isFalse();
    assertThat(QuestionKind.CRITERIA.statedIn("考核标准分设施配套齐全、服务功能完善6类")).isTrue();
    assertThat(QuestionKind.of("收入低于好多才能吃低保")).isEqualTo(QuestionKind.THRESHOLD);
    assertThat(QuestionKind.of("退休金有几多才能申请")).isEqualTo(QuestionKind.THRESHOLD);
    assertThat(QuestionKind.THRESHOLD.statedIn("靠每月2036元退休金生活")).isFalse(); // an income, not a line
    assertThat(QuestionKind.THRESHOLD.statedIn("家庭月人均收入低于780元")).isTrue();
  }

  @Test
  void howToApplyIsStatedByWhereToGoNotByWhereToAsk() {
    assertThat(QuestionKind.of("扶贫技能培训班到哪里报名")).isEqualTo(QuestionKind.PROCEDURE);
    assertThat(QuestionKind.of("我想申请当扶贫对象 找哪个部门认定")).isEqualTo(QuestionKind.PROCEDURE);
    assertThat(QuestionKind.of("想学梅苑小区成立自管小组 要办么样的手续")).isEqualTo(QuestionKind.DOCUMENTS);
    assertThat(QuestionKind.of("楼下着火烧到我屋里 理赔第一步么样搞")).isEqualTo(QuestionKind.PROCEDURE);
    assertThat(QuestionKind.of("徐家幸福食堂在哪里")).isEqualTo(QuestionKind.ADDRESS);
    assertThat(QuestionKind.PROCEDURE.statedIn("想申请,请先找您所在社区。")).isTrue();
    assertThat(QuestionKind.PROCEDURE.statedIn("可以先找您所在社区的网格员,也可以去街道行政事务服务中心窗口问。")).isTrue();
    assertThat(QuestionKind.PROCEDURE.statedIn("想参加,可以问您所在社区。")).isFalse(); // where to ask, not to apply
    assertThat(QuestionKind.PROCEDURE.statedIn("武昌区14个街道的999名党员结对帮扶3407户扶贫对象。")).isFalse();
    Article a = new Article("loans", "小额担保贷款", "employment", "s", List.of(), List.of(), List.of(),
        "武昌区发放过小额担保贷款,共发放3.1亿元。\n\n报道没写申请条件和办法,想了解可以问社区或街道行政事务服务中心窗口。", false);
    ArticleMatch m = new ArticleMatch(a, 8, 0.9f, 0.8f,
        Passages.of(a).stream().map(p -> new PassageMatch(p, 5, 0.8f, 0.7f)).toList());
    Answerability checks = new Answerability(places, Answerability.terms(AnswerPolicy.NEIGHBOURS));
    String apply = "小额担保贷款我想申请 到哪个窗口办";
    assertThat(checks.check(apply, QuestionKind.of(apply), m).reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
  }

  @Test
  void theClauseThatAsksIsTheLastOneThatAsksInWords() {
    assertThat(Answerability.askingClause("民生保险要不要我个人掏腰包啊 我退休工资不高")).isEqualTo("民生保险要不要我个人掏腰包啊");
    assertThat(Answerability.askingClauses("民生保险有效期到么时候 过了年还要续吗")).contains("有效期", "续");
    assertThat(ResidentWords.plain("第６網格")).isEqualTo("第6网格");
  }

  @Test
  void whichOrganisationIsStatedOnlyByAnOrganisationsOwnName() {
    assertThat(QuestionKind.of("那次暴雨是哪家保险公司赔的")).isEqualTo(QuestionKind.ORGANISATION);
    assertThat(QuestionKind.of("屋顶是哪个单位修的")).isEqualTo(QuestionKind.ORGANISATION);
    assertThat(QuestionKind.of("测评的机构是哪一家")).isEqualTo(QuestionKind.ORGANISATION);
    assertThat(QuestionKind.of("上了红榜的是哪几家")).isEqualTo(QuestionKind.ORGANISATION);
    assertThat(QuestionKind.ORGANISATION.statedIn("平安产险湖北分公司开通了理赔绿色通道")).isTrue();
    assertThat(QuestionKind.ORGANISATION.statedIn("陈彤联系武昌房地公司,屋顶改造")).isTrue();
    assertThat(QuestionKind.ORGANISATION.statedIn("经社区、街道、区民政局评审后")).isTrue();
    // A kind of organisation names none.
    assertThat(QuestionKind.ORGANISATION.statedIn("政府主导、商业保险公司具体运作")).isFalse();
    assertThat(QuestionKind.ORGANISATION.statedIn("请第三方机构测评,主要看业主的满意度")).isFalse();
    assertThat(QuestionKind.ORGANISATION.statedIn("老社区自治学物业公司的做法")).isFalse();
    assertThat(QuestionKind.ORGANISATION.statedIn("建成社区卫生服务中心19个,看病不用去社区医院以外")).isFalse();
    assertThat(QuestionKind.ORGANISATION.statedIn("破除了66个区直部门的壁垒")).isFalse();
  }

  @Test
  void wuhanDialectWordsForHowLongHowManyAndWhoAreRead() {
    assertThat(QuestionKind.of("申请交上去要等几久")).isEqualTo(QuestionKind.DURATION);
    assertThat(QuestionKind.of("一期培训要上好长时间")).isEqualTo(QuestionKind.DURATION);
    assertThat(QuestionKind.of("议事平台分几级")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("那个活动投了好多资金")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("每个月拿到手是几多块钱")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("食堂是哪个在负责")).isEqualTo(QuestionKind.PERSON);
    assertThat(QuestionKind.of("食堂老板叫么名字")).isEqualTo(QuestionKind.PERSON);
    // A count asked in 场 or 级 needs a figure in it: "办了多场" states none.
    assertThat(Answerability.sameUnit("招聘会一共办了几场", "办了多场招聘活动,每场有10家企业")).isFalse();
    assertThat(Answerability.sameUnit("招聘会一共办了几场", "办了12场招聘活动")).isTrue();
  }

  @Test
  void theWholeOfWuchangsCityOrProvinceIsMoreThanWuchang() {
    assertThat(places.elsewhere("整个武汉市加起来有几多个网格")).contains("武汉");
    assertThat(places.elsewhere("全湖北有几多低保户")).contains("湖北");
    assertThat(places.elsewhere("武汉一共有几个老年食堂")).contains("武汉");
    assertThat(places.elsewhere("武汉武昌区一共有几多个网格")).isEmpty();
    assertThat(places.elsewhere("武昌的社工在全市排得上号啵")).isEmpty(); // compared with the city, asked of Wuchang
  }

  @Test
  void everyPlaceTheArticlesNameIsWuchangs() {
    // The articles are Wuchang's: a place they name (小洪山) is never taken for another one (洪山).
    assertThat(places.elsewhere("小洪山那户人家的屋顶是哪个修的")).isEmpty();
    for (Article a : minsheng.kb.ArticleFiles.readAll(Path.of("kb-index"))) {
      assertThat(places.elsewhere(a.title() + "\n" + a.body())).as(a.id()).isEmpty();
    }
  }

  @Test
  void aFigurePerHouseholdIsPerHouseholdWhateverTheWordAndOursCountsOnlyWhereItIsAsked() {
    assertThat(Answerability.sameUnit("物业走了以后每家每个月交几多钱", "每户每月只交10元")).isTrue();
    assertThat(Answerability.sameUnit("每户交几多钱", "每家每年交120元")).isTrue();
    assertThat(Answerability.sameUnit("每家交几多钱", "一共收了12万元")).isFalse();
    assertThat(Answerability.sameUnit("我们社区分了好多钱", "全区每年安排资金3600万元")).isFalse();
    // The resident's own community before the asking clause is a circumstance, not the unit asked per.
    assertThat(Answerability.sameUnit("我们社区好大 一个网格按几多户划", "按每300户一个单位,分成1811个网格")).isTrue();
  }

  @Test
  void whatComesNextInASequenceIsNotTheFuture() {
    Article a = new Article("t", "一户一策", "poverty_help", "s", List.of(), List.of(), List.of(),
        "据2016年报道,包户党员上门走访,根据每户的具体需求,制定详细的帮扶脱贫计划。", false);
    ArticleMatch m = matched(a);
    Answerability checks = checksOf2016();
    String next = "党员上门走访过后接下来做么事";
    assertThat(checks.check(next, QuestionKind.of(next), m).answers()).isTrue();
    String future = "接下来还会不会上门走访";
    assertThat(checks.check(future, QuestionKind.of(future), m).reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
    String later = "走访接下来还搞吗";
    assertThat(checks.check(later, QuestionKind.of(later), m).reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
  }

  @Test
  void whetherAFigureChangedSinceIsAskedOfNow() {
    Article a = new Article("t", "保费", "insurance_coverage", "s", List.of(), List.of(), List.of(),
        "据2016年报道,民生保险的保费由区财政出,按每人每年1元的标准买。", false);
    ArticleMatch m = matched(a);
    Answerability checks = checksOf2016();
    String changed = "如今区里替我们交的保费涨了冇";
    assertThat(checks.check(changed, QuestionKind.of(changed), m).reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
    String who = "保费是区里出啵";
    assertThat(checks.check(who, QuestionKind.of(who), m).answers()).isTrue();
  }

  @Test
  void aListOfFiguresIsAListUnlessTheQuestionNamesOne() {
    String figures = "居民人均可支配收入超过4.4万元,城镇新增就业16.9万人,建成社区卫生服务中心19个。";
    assertThat(QuestionKind.LIST.statedIn(figures)).isTrue();
    String items = "下放到街道的审批事项有82项,其中40项可以即时办结,占48.7%。";
    assertThat(QuestionKind.LIST.statedIn(AboutWhat.figuresAsked("那40项是哪几项", items))).isFalse();
    // A count said in passing (冇读几年: not many years) is no question of how long.
    assertThat(QuestionKind.of("我书也冇读几年 培训班收不收我")).isNotEqualTo(QuestionKind.DURATION);
    assertThat(QuestionKind.of("培训要上几年")).isEqualTo(QuestionKind.DURATION);
  }

  @Test
  void wuchangsOwnPlacesBelowTheDistrictAreFoundAndCountNothing() {
    assertThat(places.ownPlaceIn("水果湖街一共有几个网格")).contains("水果湖街");
    assertThat(places.ownPlaceIn("武昌区一共有几个网格")).isEmpty(); // the district itself
    assertThat(places.ownPlaceIn("汉阳区有几个网格")).isEmpty();
    assertThat(places.withoutOwnNames("陈光明负责千家街社区的网格")).isEqualTo("陈光明负责的网格");
    assertThat(QuestionKind.COUNT.statedIn(places.withoutOwnNames("负责千家街社区的网格"))).isFalse();
  }

  @Test
  void moneyNamedBeforeACountOfPeopleDoesNotMakeItAnAmount() {
    assertThat(QuestionKind.of("梅苑那点钱养活了几多人")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("免费午餐管几多个老人")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("免费午餐一餐的钱几多")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("培训费要几多")).isEqualTo(QuestionKind.AMOUNT);
  }

  @Test
  void aFigureAskedOfAStreetOrCommunityIsNotTheDistricts() {
    Article a = new Article("t", "网格", "community_service", "s", List.of(), List.of(), List.of(),
        "据2016年报道,武昌区把140个社区按每300户一个单位,分成1811个网格。", false);
    ArticleMatch m = matched(a);
    Answerability checks = checksOf2016();
    String community = "长湖村社区一共分了几个网格";
    Answerability.Verdict v = checks.check(community, QuestionKind.of(community), m);
    assertThat(v.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
    assertThat(v.check()).isEqualTo("about");
    String district = "武昌一共分了几个网格";
    assertThat(checks.check(district, QuestionKind.of(district), m).answers()).isTrue();
    // Where the resident lives is a circumstance.
    String resident = "我住长湖村社区的武昌一共分了几个网格";
    assertThat(checks.check(resident, QuestionKind.of(resident), m).answers()).isTrue();
    // Rain falling (降雨) is no figure changing.
    String rain = "今年遇到强降雨 网格是么意思";
    assertThat(checks.check(rain, QuestionKind.of(rain), m).answers()).isTrue();
    String changed = "今年网格的划法变了冇";
    assertThat(checks.check(changed, QuestionKind.of(changed), m).reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
  }

  /** An article found with every passage scored alike. */
  static ArticleMatch matched(Article a) {
    return new ArticleMatch(a, 8, 0.9f, 0.8f,
        Passages.of(a).stream().map(p -> new PassageMatch(p, 5, 0.8f, 0.7f)).toList());
  }

  @Test
  void kindsAreReadAsTheArticlesWriteThem() {
    // A door number asked after a place is an address, not a date.
    assertThat(QuestionKind.of("徐家幸福食堂在武车一村几号啊")).isEqualTo(QuestionKind.STREET_ADDRESS);
    assertThat(QuestionKind.of("低保金每个月几号发")).isEqualTo(QuestionKind.DATE);
    // A person asked by 哪个 and a role, or who leads.
    assertThat(QuestionKind.of("对口帮扶张启荣的是哪个主任啊 叫么名字")).isEqualTo(QuestionKind.PERSON);
    assertThat(QuestionKind.of("老吾老行动当时是哪个领导总负责的")).isEqualTo(QuestionKind.PERSON);
    // Which people: stated by a kind of people (下岗失业人员, 低龄老人).
    assertThat(QuestionKind.of("老伙伴计划 是哪些老人帮哪些老人")).isEqualTo(QuestionKind.ELIGIBILITY);
    assertThat(QuestionKind.ELIGIBILITY.statedIn("请小区下岗失业人员做保洁保安")).isTrue();
    // Public bodies are named by their short names.
    assertThat(QuestionKind.ORGANISATION.statedIn("把城管、工商质监、食药监等执法力量整合起来")).isTrue();
    assertThat(QuestionKind.ORGANISATION.statedIn("考评结果和物业企业的信用档案、评先争优等挂钩")).isFalse();
    // Money asked by its standard is an amount; an age limit needs an age; an exchange needs what it is for.
    assertThat(QuestionKind.of("民生保险的保费标准是么样算的")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("申请小额担保贷款有冇得年龄限制")).isEqualTo(QuestionKind.AGE_LIMIT);
    assertThat(QuestionKind.AGE_LIMIT.statedIn("共发放3.1亿元,新增劳动创业者2.2万人")).isFalse();
    assertThat(QuestionKind.of("志愿服务积分攒多了能换么东西")).isEqualTo(QuestionKind.EXCHANGE);
    assertThat(QuestionKind.EXCHANGE.statedIn("建立志愿服务登记积分和激励机制")).isFalse();
    assertThat(QuestionKind.of("民生保险理赔要带哪些单据")).isEqualTo(QuestionKind.DOCUMENTS);
    // A list written as titles (《结业证书》《职业资格证书》) is a list.
    assertThat(QuestionKind.LIST.statedIn("学员会拿到《结业证书》《职业资格证书》")).isTrue();
  }

  @Test
  void aNameIsNoFigureAndNoVerb() {
    assertThat(QuestionKind.PERSON.statedIn("行动投入资金2000万元,帮老人解决个性化需求")).isFalse();
    assertThat(QuestionKind.PERSON.statedIn("网格员负责自己那片“责任田”")).isFalse();
    assertThat(QuestionKind.PERSON.statedIn("首义路长湖村社区第6网格员董斯敏,她以前是专干")).isTrue();
  }

  @Test
  void aUnitWordMayBeShortenedAndResidentsAreNotStaff() {
    assertThat(Answerability.sameUnit("每个格子里头配几个网格员", "每个网格一名网格员")).isTrue();
    assertThat(Answerability.sameUnit("一个网格员大概要管几多人口", "每个网格一名网格员")).isFalse();
    assertThat(Answerability.sameUnit("武昌常住人口有几多人口", "常住人口120万人")).isTrue();
  }

  @Test
  void aRunnerUpMustBeAboutWhatTheQuestionNames() {
    Answerability checks = checksOf2016();
    assertThat(checks.runnerUpAbout("徐家幸福食堂是哪天开张的", "徐家幸福食堂2016年10月8日开业",
        "据2016年报道,徐家幸福食堂2016年10月8日开业", NOWHERE)).isTrue();
    // Only asking words and the district in common: a neighbour's fact of the same kind.
    assertThat(checks.runnerUpAbout("天祥紧急救助最多能给几多钱", "民生保险最多赔多少",
        "按报道,民生保险每次事故:每人死亡或伤残最高赔10万元", NOWHERE)).isFalse();
    // Another community's grid, or the resident's own from an example.
    assertThat(checks.runnerUpAbout("长湖村社区第7网格的网格员是哪个", "首义路街千家街社区第七、八、九网格",
        "负责千家街社区第七、八、九网格", NOWHERE)).isFalse();
    assertThat(checks.runnerUpAbout("我们社区的网格员叫么名字", "网格员",
        "报道里的例子是首义路长湖村社区第6网格员董斯敏,她以前是专干", NOWHERE)).isFalse();
  }

  /** A knowledge base naming no place in particular. */
  private static final java.util.function.Predicate<String> NOWHERE = s -> false;

  @Test
  void aRateTheArticleNeverNamesIsAnotherRate() {
    assertThat(AboutWhat.figureWithSubject("武昌人口死亡率是好多",
        "武昌区人口出生率保持在9.54‰以内,自然增长率控制在3.89‰以内", QuestionKind.COUNT::statedIn)).isFalse();
    assertThat(AboutWhat.figureWithSubject("武昌出生率是好多",
        "武昌区人口出生率保持在9.54‰以内,自然增长率控制在3.89‰以内", QuestionKind.COUNT::statedIn)).isTrue();
  }

  @Test
  void aNeighbourNoArticleNamesIsFoundWithoutAnArticle() {
    Answerability checks = checksOf2016();
    assertThat(checks.neighbourNamedNowhere("独生子女父母退休有冇得一次性奖励", w -> false)).contains("独生子女");
    assertThat(checks.neighbourNamedNowhere("武汉最低工资标准是几多", w -> false)).contains("最低工资");
    assertThat(checks.neighbourNamedNowhere("物业费怎么交", w -> w.equals("物业费"))).isEmpty();
  }

  /** The checks with sources from 2016. */
  static Answerability checksOf2016() {
    return new Answerability(places, Answerability.terms(AnswerPolicy.NEIGHBOURS), () -> 2016);
  }

  @Test
  void whyIsAnsweredOnlyByAReason() {
    assertThat(QuestionKind.of("紫阳街那个刘某为么事吃不到低保")).isEqualTo(QuestionKind.REASON);
    assertThat(QuestionKind.of("扶贫培训班为什么专门开做饭家政这些课")).isEqualTo(QuestionKind.REASON);
    assertThat(QuestionKind.REASON.statedIn("刘某因为有固定收入,不能享受低保")).isTrue();
    assertThat(QuestionKind.REASON.statedIn("照顾到扶贫对象年龄偏大等特点,才开设了这些课程")).isTrue();
    assertThat(QuestionKind.REASON.statedIn("刘某和老伴靠每月2036元退休金生活,花了1.7万余元")).isFalse();
  }

  @Test
  void aCountInAnyMeasureWordAndAYearSpelledAreAskedForWhatTheyAre() {
    assertThat(QuestionKind.of("考核标准细化下来一共几条")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("培训班一共办了几期")).isEqualTo(QuestionKind.COUNT);
    assertThat(QuestionKind.of("梅苑小区是二零几年被物业弃管的")).isEqualTo(QuestionKind.DATE);
    assertThat(QuestionKind.of("梅苑小区自管了几年")).isEqualTo(QuestionKind.DURATION);
    // Where to sign up is a procedure, not where the class is held.
    assertThat(QuestionKind.of("我想报名扶贫培训班 到哪里报")).isEqualTo(QuestionKind.PROCEDURE);
    assertThat(QuestionKind.of("扶贫培训班在哪里上课")).isEqualTo(QuestionKind.ADDRESS);
  }

  @Test
  void aListWrittenAsParallelClausesIsAList() {
    assertThat(QuestionKind.LIST.statedIn("老年宜居社区就是处处照顾老人的社区:路上有减速标志,楼道有休闲板凳,厕所有固定扶手。"))
        .isTrue();
    assertThat(QuestionKind.LIST.statedIn("社区有一个食堂,服务老人。")).isFalse();
  }

  @Test
  void aPassageDenyingWhatIsAskedForIsNotQuotedAsItsAnswer() {
    Article a = new Article("t", "有退休金能吃低保吗", "social_assistance", "s", List.of(), List.of(), List.of(),
        "报道里,紫阳街的刘某因为有固定收入,不能享受低保及低保边缘户的各项优惠政策;像这样因病致贫的家庭被称作“夹心层”。\n\n"
            + "如果是看病把家拖穷了,武昌区有“因病支出型贫困”救助政策。", false);
    List<Passage> ps = Passages.of(a);
    List<PassageMatch> scored = List.of(new PassageMatch(ps.get(0), 5, 0.9f, 0.8f), new PassageMatch(ps.get(1), 3, 0.7f, 0.6f));
    ArticleMatch m = new ArticleMatch(a, 8, 0.9f, 0.8f, scored);
    Answerability checks = new Answerability(places, Answerability.terms(AnswerPolicy.NEIGHBOURS));
    String policy = "有退休金又生了病够不上低保 还有么事政策";
    assertThat(checks.check(policy, QuestionKind.of(policy), m).passage().passage().text()).contains("因病支出型贫困");
    // A yes-or-no question is answered by the passage opening with the yes or the no.
    Article premium = new Article("p", "民生保险要不要自己交钱", "insurance_coverage", "s", List.of(), List.of(), List.of(),
        "不用自己交。按报道,民生保险的保费由武昌区财政出,按每人每年1元、每户每年4元的标准买。\n\n"
            + "2015年初,区财政出资243万元,为全区1086411名户籍居民买了民生保险。", false);
    List<Passage> pp = Passages.of(premium);
    ArticleMatch pm = new ArticleMatch(premium, 8, 0.9f, 0.8f,
        List.of(new PassageMatch(pp.get(1), 5, 0.9f, 0.8f), new PassageMatch(pp.get(0), 3, 0.7f, 0.6f)));
    String pay = "民生保险要不要我们自己掏钱买啊";
    assertThat(checks.check(pay, QuestionKind.of(pay), pm).passage().passage().text()).startsWith("不用自己交");
    // A name asked for is given where the passage says what something is called.
    String name = "拿得到退休金评不上低保 又被病拖穷了 这种人家报上叫么名堂";
    assertThat(checks.check(name, QuestionKind.of(name), m).passage().passage().text()).contains("夹心层");
  }
}
