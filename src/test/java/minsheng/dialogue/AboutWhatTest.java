package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether what a passage states is about what was asked: figures, numbers, roles, parts of a total. */
class AboutWhatTest {

  @Test
  void aFigureTheQuestionNamesIsNotItsAnswer() {
    String passage = "平安产险湖北分公司立即决定赔款214万元。";
    String left = AboutWhat.figuresAsked("暴雨那次214万赔给了几多户", passage);
    assertThat(left).doesNotContain("214");
    assertThat(QuestionKind.AMOUNT.statedIn(left)).isFalse();
    assertThat(AboutWhat.figuresAsked("暴雨那次赔了几多", passage)).contains("214万元");
  }

  @Test
  void aHouseholdsOwnMoneyAnswersOnlyAQuestionNamingIt() {
    String passage = "刘某和老伴靠每月2036元退休金生活,住院3次,花了1.7万余元。";
    String relief = AboutWhat.figuresAsked("因病救助每个月给几多钱", passage);
    assertThat(QuestionKind.AMOUNT.statedIn(relief)).isFalse();
    assertThat(AboutWhat.figuresAsked("刘某两口子每个月退休金几多", passage)).contains("2036元");
    assertThat(AboutWhat.figuresAsked("刘某看病花了好多", passage)).contains("1.7万余元");
    // Money the asking clause names, the passage must name too.
    assertThat(AboutWhat.figureAbout("住院的医药费最多能报几多", "每人死亡或伤残最高赔10万元")).isFalse();
    assertThat(AboutWhat.figureAbout("医药费太重 民生保险最多赔几多", "每人死亡或伤残最高赔10万元")).isTrue();
    assertThat(AboutWhat.figureAbout("慈善花了几多钱", "慈善救助支出善款1000余万元")).isTrue();
    assertThat(AboutWhat.figureAbout("看病的社区卫生站全区有几家", "社区卫生服务站25个")).isTrue();
    assertThat(QuestionKind.AMOUNT.statedIn(AboutWhat.figuresAsked("居民一年能到手几多钱", "居民人均可支配收入4.4万元")))
        .isTrue(); // income is what the article reports, not a household's own figure beside the point
  }

  @Test
  void aPartOfATotalIsStatedOnlyByAPassageBreakingItDown() {
    assertThat(AboutWhat.figureAbout("62个幸福社区里头五星级的有几个", "建成62个三星级以上幸福社区,每年安排资金3600万元")).isFalse();
    assertThat(AboutWhat.figureAbout("82项里头能当场办的有几项", "审批事项有82项,其中40项可以即时办结")).isTrue();
    assertThat(AboutWhat.figureAbout("学校里头几个学生摊一台电脑", "学校生机比达到6.7:1")).isTrue(); // a place, not a total
  }

  @Test
  void aNumberTheArticleNeverStatesAsksAboutAnotherOne() {
    String article = "报道里的例子是首义路长湖村社区第6网格员董斯敏。2016年7月赔了214万元。";
    assertThat(AboutWhat.numberNotStated("长湖村社区第7网格的网格员是哪个", article)).contains("第7网格");
    assertThat(AboutWhat.numberNotStated("长湖村社区第六网格的网格员是哪个", article)).isEmpty();
    assertThat(AboutWhat.numberNotStated("那214万赔了几户", article)).isEmpty();
    assertThat(AboutWhat.numberNotStated("我爸85了 着火理赔第一步咋弄", article)).isEmpty(); // a circumstance, a way of speaking
    assertThat(AboutWhat.numberNotStated("15年那次赔了几多", article)).isEmpty();
    assertThat(AboutWhat.ordinals("第七、八、九网格,第十二次,第二十一")).isEqualTo("第7、八、九网格,第12次,第21");
  }

  @Test
  void aPersonAskedByRoleIsStatedOnlyUnderThatRole() {
    String sentence = "例如首义路街区域发展办公室副主任陈光明,负责千家街社区第七、八、九网格。";
    assertThat(AboutWhat.roleNotStated("首义路街的街道办主任叫么名字", sentence)).contains("主任");
    assertThat(AboutWhat.roleNotStated("梅苑小区自管小组的组长是哪个", sentence)).contains("组长");
    assertThat(AboutWhat.roleNotStated("区域发展办公室副主任是哪个", sentence)).isEmpty();
    assertThat(AboutWhat.roleNotStated("千家街社区七八九网格驻的街道干部是哪个", sentence)).isEmpty();
  }

  @Test
  void whichOnesAndWhetherItCostsAreKindsOfTheirOwn() {
    assertThat(QuestionKind.of("即时办结的40项具体是哪几项")).isEqualTo(QuestionKind.LIST);
    assertThat(QuestionKind.of("武昌慈善总会做事是围到哪几块来的")).isEqualTo(QuestionKind.LIST);
    assertThat(QuestionKind.of("哪些人能申请")).isNotEqualTo(QuestionKind.LIST);
    assertThat(QuestionKind.of("入园要交哪些资料")).isEqualTo(QuestionKind.DOCUMENTS);
    assertThat(QuestionKind.LIST.statedIn("把城管、工商质监、食药监等执法力量整合起来")).isTrue();
    assertThat(QuestionKind.LIST.statedIn("区直部门下放的事项有82项,其中40项可以即时办结")).isFalse();
    assertThat(QuestionKind.of("老人去用要不要钱")).isEqualTo(QuestionKind.COSTS);
    assertThat(QuestionKind.COSTS.statedIn("场地向老人免费开放")).isTrue();
    assertThat(QuestionKind.AMOUNT.statedIn("场地向老人免费开放")).isFalse();
    assertThat(QuestionKind.of("扶贫培训班学费要几多")).isEqualTo(QuestionKind.AMOUNT);
    assertThat(QuestionKind.of("杨园街那家老人食堂叫么名字")).isNotEqualTo(QuestionKind.PERSON);
  }

  @Test
  void aCountIsInTheMeasureAskedAndOurUnitIsEachUnit() {
    assertThat(Answerability.sameUnit("214万赔给了几多户", "立即决定赔款214万元")).isFalse();
    assertThat(Answerability.sameUnit("区里总共搞了好多家养老福利机构", "建成35个养老福利机构")).isTrue();
    assertThat(Answerability.sameUnit("当时一共给几多户籍居民买了", "覆盖了1086411名户籍居民")).isTrue();
    assertThat(Answerability.sameUnit("社区惠民资金我们社区分了好多", "每年安排社区惠民资金3600万元")).isFalse();
    assertThat(Answerability.sameUnit("我们社区分了好多", "每个社区每年20万元")).isTrue();
  }

  @Test
  void theWordAskedAboutIsTheOneNextToTheAskingWords() {
    java.util.Set<String> function = java.util.Set.of("名字", "情况");
    assertThat(KnownTerms.askedWords("梅苑小区自管小组的组长是哪个", java.util.List.of("梅苑", "小区", "自管", "小组", "组长"),
        function)).containsExactly("组长");
    assertThat(KnownTerms.askedWords("老年宜居社区评上了有么奖励", java.util.List.of("老年", "宜居", "社区", "评上", "奖励"),
        function)).containsExactly("奖励");
    // The circumstance is not what is asked.
    assertThat(KnownTerms.askedWords("煤气罐爆炸伤了人能找民生保险吗", java.util.List.of("煤气", "爆炸", "民生保险"), function))
        .isEmpty();
    assertThat(KnownTerms.askedWords("义工食堂叫么名字", java.util.List.of("义工", "食堂", "名字"), function))
        .containsExactly("义工", "食堂");
  }

  @Test
  void aPassageWithoutAYearIsAsOldAsItsSources() {
    minsheng.kb.Article a = new minsheng.kb.Article("runs", "民生保险谁管", "insurance_coverage", "s", java.util.List.of(),
        java.util.List.of(), java.util.List.of(), "按报道,民生保险是政府出钱、商业保险公司具体运作。", false);
    java.util.List<minsheng.kb.Passage> ps = minsheng.kb.Passages.of(a);
    minsheng.kb.ArticleMatch m = new minsheng.kb.ArticleMatch(a, 8, 0.9f, 0.8f,
        ps.stream().map(p -> new minsheng.kb.ArticleMatch.PassageMatch(p, 5, 0.8f, 0.7f)).toList());
    Answerability undated = new Answerability(AnswerabilityTest.places, new Answerability.Terms(java.util.List.of(),
        java.util.List.of()), () -> 2016);
    String later = "2024年民生保险还是政府出钱啵";
    Answerability.Verdict v = undated.check(later, QuestionKind.of(later), m);
    assertThat(v.reason()).isEqualTo(Decision.Reason.NOT_CURRENT);
    assertThat(v.missing()).isEqualTo("2016");
    assertThat(undated.check("民生保险是政府出钱啵", QuestionKind.of("民生保险是政府出钱啵"), m).answers()).isTrue();
    assertThat(QuestionKind.of("现在学校生机比到几比一了")).isEqualTo(QuestionKind.COUNT);
  }

  @Test
  void aBreakdownsPartMustBeTheOneThePassageNames() {
    String passage = "建成35个养老福利机构、74个街道(社区)养老服务中心(站),其中28个实现社会化运营。";
    assertThat(AboutWhat.partNamed("那74个里头公办的有几个", passage)).isFalse();
    assertThat(AboutWhat.partNamed("74个里头社会化运营的有几个", passage)).isTrue();
    assertThat(AboutWhat.partNamed("这些机构当中搞养老的是几个", passage)).isTrue(); // 养老 named, 搞 is no part
    assertThat(AboutWhat.partNamed("养老机构有几个", passage)).isTrue(); // no breakdown asked
  }

  @Test
  void aWaitIsAnsweredByATimeLimitNotByHowLongSomethingLasted() {
    String lasted = "经社区、街道、区民政局评审后,获得了6个月的阶段性救助。";
    assertThat(AboutWhat.waitStated("救助申请交了要等几久才批下来", lasted)).isFalse();
    assertThat(AboutWhat.waitStated("救助从申请到批下来要好久", lasted)).isFalse();
    assertThat(AboutWhat.waitStated("救助申请交了要等几久", "材料齐全的,5个工作日内办结。")).isTrue();
    assertThat(AboutWhat.waitStated("那个救助给了好长时间", lasted)).isTrue(); // how long it lasted, not a wait
  }

  @Test
  void aFigureBelongsToTheSubjectNamedBeforeTheAskingWord() {
    String passage = "武昌区人口出生率保持在9.54‰以内,自然增长率控制在3.89‰以内,出生人口性别比持续下降。";
    assertThat(AboutWhat.figureSubject("武昌出生人口性别比具体是几多")).endsWith("性别比");
    assertThat(AboutWhat.figureWithSubject("武昌出生人口性别比具体是几多", passage, QuestionKind.COUNT::statedIn))
        .isFalse();
    assertThat(AboutWhat.figureWithSubject("武昌自然增长率是几多", passage, QuestionKind.COUNT::statedIn)).isTrue();
    // The subject first, its figure later in the same sentence.
    String premium = "民生保险的保费由武昌区财政出,以政府购买服务的方式,按每人每年1元的标准买。";
    assertThat(AboutWhat.figureWithSubject("一个人的保费是几多钱", premium, QuestionKind.AMOUNT::statedIn)).isTrue();
    // A subject the passage never names (a paraphrase) is left to the other checks.
    assertThat(AboutWhat.figureWithSubject("生娃娃的比例是几多", passage, QuestionKind.COUNT::statedIn)).isTrue();
  }

  @Test
  void aListTheQuestionNamesItselfIsNotItsAnswer() {
    String passage = "徐家幸福食堂服务周边秦臻路、长轮、武车四村等6个社区。";
    assertThat(AboutWhat.listBeyondQuestion("秦臻路长轮武车四村以外 还管哪几个社区", passage)).isFalse();
    assertThat(AboutWhat.listBeyondQuestion("幸福食堂管哪几个社区", passage)).isTrue();
    assertThat(AboutWhat.listBeyondQuestion("除了长轮还管哪几个", passage)).isTrue();
  }

  @Test
  void anAmountAskedOfOneKindOfMoneyIsNotStatedByAnother() {
    String loans = "共发放小额担保贷款3.1亿元,新增劳动创业者2.2万人。";
    assertThat(AboutWhat.moneyAbout("大学生创业补贴一次性给几多钱", loans)).isFalse();
    assertThat(AboutWhat.moneyAbout("创业贷款一共放了几多钱", loans)).isTrue();
    assertThat(AboutWhat.moneyAbout("补贴不够 创业能贷几多钱", loans)).isTrue(); // the kind in the asking clause only
    assertThat(AboutWhat.moneyAbout("那次暴雨的赔款一共几多", "平安产险湖北分公司赔付214万元")).isTrue();
  }

  @Test
  void aYearTheArticleNeverStatesAsksAboutAnotherYear() {
    String article = "据2016年“民生数说”,慈善救助支出善款1000余万元。2015年初区财政出资243万元。";
    assertThat(AboutWhat.yearNotStated("2012年慈善支出了几多", article, 2016)).contains("2012年");
    assertThat(AboutWhat.yearNotStated("2015年区里出了几多钱", article, 2016)).isEmpty();
    assertThat(AboutWhat.yearNotStated("2025年还有没有", article, 2016)).isEmpty(); // later: a question of currency
  }

  @Test
  void anExclusionAsksForTheRestOfTheListItNames() {
    String canteen = "徐家幸福食堂服务周边秦臻路、长轮、武车四村等6个社区。";
    assertThat(AboutWhat.listBeyondExcluded("除了秦臻路长轮 另外还有哪些社区", canteen)).isTrue();
    assertThat(AboutWhat.listBeyondExcluded("除了秦臻路长轮武车四村 还有哪三个", canteen)).isFalse();
    String dongting = "东亭社区是15个老年宜居社区创建点之一,引进了1个社区卫生服务中心、1个老年公寓。";
    assertThat(AboutWhat.listBeyondExcluded("15个老年宜居社区 除了东亭还有哪些", dongting)).isFalse();
    assertThat(AboutWhat.listBeyondExcluded("东亭引进了哪些", dongting)).isTrue(); // nothing excluded
  }

  @Test
  void aPartIsNamedWholeAndOrdinalsCountNothing() {
    String happy = "武昌区建成62个三星级以上幸福社区,每年安排社区惠民资金3600万元。";
    assertThat(AboutWhat.partNamed("三星级以上幸福社区里头五星级的有几个", happy)).isFalse(); // 星级 is not 五星级
    assertThat(AboutWhat.figureAbout("小学跟初中的生机比分别是几多", "学校“生机比”达到6.7:1")).isFalse();
    assertThat(AboutWhat.figureAbout("小学跟初中的生机比分别是几多", "小学、初中生机比分别为6:1、7:1")).isTrue();
    assertThat(AboutWhat.figureAbout("一个人跟一户分别交几多", "按每人每年1元、每户每年4元的标准买")).isTrue();
    assertThat(QuestionKind.COUNT.statedIn(AboutWhat.figuresAsked("一共有几个干部", "陈光明负责第七、八、九网格")))
        .isFalse();
  }

  @Test
  void anAddressIsStatedOnlyForThePlaceItsClauseNames() {
    String passage = "据2016年报道,徐家幸福食堂在武车一村18号,服务周边6个社区。在它之前,杨园街电力新村已开了道能义工食堂。";
    assertThat(AboutWhat.placeWithDetail("道能义工食堂具体门牌号是好多", passage, passage,
        QuestionKind.STREET_ADDRESS::statedIn)).isFalse();
    // The first sentence alone, the article naming the other canteen in the next.
    String first = "徐家幸福食堂在武车一村18号,服务周边6个社区。";
    assertThat(AboutWhat.placeWithDetail("道能义工食堂具体门牌号是好多", first, passage,
        QuestionKind.STREET_ADDRESS::statedIn)).isFalse();
    assertThat(AboutWhat.placeWithDetail("请问徐家幸福食堂门牌号是好多", first, passage,
        QuestionKind.STREET_ADDRESS::statedIn)).isTrue();
    assertThat(AboutWhat.placeWithDetail("老年食堂在哪里", first, passage, QuestionKind.ADDRESS::statedIn)).isTrue();
  }

  @Test
  void aCountOfAThingIsNotAnsweredByACountOfALongerThingNamedAfterIt() {
    String clinics = "据2016年“民生数说”,武昌区建成社区卫生服务中心19个、社区卫生服务站25个。";
    assertThat(AboutWhat.countsTheThingAsked("武昌一共有几多个社区", clinics)).isFalse();
    assertThat(AboutWhat.countsTheThingAsked("武昌有几多个社区卫生服务中心", clinics)).isTrue();
    assertThat(AboutWhat.countsTheThingAsked("武昌一共有几多个社区", "把140个社区按每300户一个单位分成1811个网格")).isTrue();
    assertThat(AboutWhat.countsTheThingAsked("招聘会拿出来几多个岗位", "提供工作岗位20余万个")).isTrue();
    assertThat(AboutWhat.countsTheThingAsked("有几个老年宜居社区", "创建15个老年宜居社区")).isTrue();
    assertThat(AboutWhat.countsTheThingAsked("免费午饭管几多个老人", "为辖区100位80岁以上的空巢、独居及残疾老人提供午餐")).isTrue();
    // A passage that never names the thing (a paraphrase) is left to the other checks.
    assertThat(AboutWhat.countsTheThingAsked("有几多个伢上了幼儿园", "新增学位5470个")).isTrue();
  }

  @Test
  void aGroupsSizeIsNotACountOfThePeopleItServes() {
    String passage = "社区成立物业自管5人小组,请下岗失业人员做保洁保安。";
    assertThat(Answerability.sameUnit("梅苑自管请了几多人做事", passage)).isFalse();
    assertThat(Answerability.sameUnit("梅苑自管小组有几个人", passage)).isTrue();
    assertThat(Answerability.sameUnit("梅苑自管请了几多人做事", "每户每月只交10元,养活了16人")).isTrue();
  }

  @Test
  void whatIsAskedForByNameIsNotStatedInsideAnItemOfAnotherListOrDenied() {
    AboutWhat.Head facilities = AboutWhat.askedHead("老年宜居社区有些么设施");
    assertThat(facilities).isEqualTo(new AboutWhat.Head("设施", true));
    assertThat(AboutWhat.askedHead("东亭社区引进了些么养老的机构").noun()).isEqualTo("机构");
    AboutWhat.Head policy = AboutWhat.askedHead("还有么事政策");
    assertThat(policy).isEqualTo(new AboutWhat.Head("政策", false));
    assertThat(AboutWhat.askedHead("是么样的人")).isEqualTo(AboutWhat.Head.NONE);
    assertThat(AboutWhat.askedHead("刘某为么事享受不了低保")).isEqualTo(AboutWhat.Head.NONE); // a doing, not a thing
    String criteria = "考核标准分设施配套齐全、服务功能完善、居住便捷舒适6类,共19项56条。";
    assertThat(AboutWhat.headOnlyAside(facilities, criteria)).isTrue();
    assertThat(AboutWhat.headOnlyAside(facilities, "减速标志、休闲板凳、固定扶手这些设施,是老年宜居社区的标配")).isFalse();
    AboutWhat.Head traits = AboutWhat.askedHead("培训班照顾了扶贫对象哪些特点");
    assertThat(AboutWhat.headOnlyAside(traits, "照顾到扶贫对象年龄偏大、文化程度偏低、身体素质较差等特点")).isFalse();
    AboutWhat.Head offices = AboutWhat.askedHead("4个内设机构是哪几个办公室");
    assertThat(AboutWhat.headOnlyAside(offices, "统一设置党建、公共管理、公共服务、公共安全4个办公室")).isFalse();
    String denied = "刘某因为有固定收入,不能享受低保及低保边缘户的各项优惠政策。";
    assertThat(AboutWhat.headOnlyAside(policy, denied)).isTrue();
    assertThat(AboutWhat.headOnlyAside(policy, "武昌区有“因病支出型贫困”救助政策。")).isFalse();
  }

  @Test
  void aYearSpelledInCharactersIsTheYearInDigits() {
    assertThat(AboutWhat.spelledYears("一六年那场暴雨武昌有几户拿到了赔款")).startsWith("2016年");
    assertThat(AboutWhat.spelledYears("二〇一五年赔了几多")).startsWith("2015年");
    assertThat(AboutWhat.spelledYears("干了十六年")).isEqualTo("干了十六年"); // a duration, not a year
    assertThat(AboutWhat.yearNotStated("一六年那场暴雨有几户拿到了赔款", "2015年武昌有6户居民获得赔付", 2016))
        .contains("2016年");
  }
}
