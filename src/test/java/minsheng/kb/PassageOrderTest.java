package minsheng.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import minsheng.kb.ArticleMatch.PassageMatch;
import org.junit.jupiter.api.Test;

/** Which passage of an article the checks try first: the one holding the words that tell it apart. */
class PassageOrderTest {
  private static final Passage GROUP = new Passage("x", 0, 0,
      "报道里有个例子:中南路街梅苑小区2009年被物业公司弃管,社区成立物业自管5人小组,请下岗失业人员做保洁保安。", 2016);
  private static final Passage RESULT = new Passage("x", 1, 1,
      "7年来每户每月只交10元,养活了16人,年底还有盈余,还装了监控探头、换了部分防盗门。", 2016);

  private static List<PassageMatch> fusedOrder() {
    // The first passage matches better as a whole (it names the estate and the group).
    return List.of(new PassageMatch(GROUP, 9, 0.68f, 0.37f), new PassageMatch(RESULT, 3, 0.6f, 0.24f));
  }

  @Test
  void theWordBesideWhatIsAskedChoosesThePassage() {
    // 小区 is in the first passage only, 养活 in the second only: 养活 stands beside 几个人, what is asked.
    List<PassageMatch> ordered = PassageOrder.tellingFirst("梅苑小区自管收的钱养活了几个人", fusedOrder(),
        List.of("梅", "苑", "小区", "自", "管", "收", "钱", "养活", "几", "个", "人"), p -> p.passage().text());
    assertThat(ordered.get(0).passage()).isEqualTo(RESULT);
  }

  @Test
  void aOneCharacterWordBesideWhatIsAskedDoesNotChoose() {
    Passage items = new Passage("w", 0, 0, "老年宜居社区就是处处照顾老人的社区:路上有减速标志,楼道有休闲板凳,厕所有固定扶手。", 2016);
    Passage criteria = new Passage("w", 2, 1, "考核标准分设施配套齐全、服务功能完善等6类,共19项56条。", 2016);
    List<String> words = List.of("标", "配", "东西");
    // 配 stands beside what is asked, and only the criteria passage writes it (inside 配套): one character tells nothing.
    List<PassageMatch> read = List.of(
        new PassageMatch(items, 6, 0.78f, 0.36f, Set.of("老年人", "社区", "减速", "标志", "楼道", "休闲", "板凳", "扶手")),
        new PassageMatch(criteria, 0, 0.62f, 0.19f, Set.of("考核", "标准", "设施", "配套", "齐全", "服务")));
    assertThat(PassageOrder.tellingFirst("老年宜居社区标配有些么东西", read, words, p -> p.passage().text()).get(0).passage())
        .isEqualTo(items);
  }

  @Test
  void aWordTheQuestionWritesIsReadAsWritten() {
    Passage household = new Passage("z", 0, 0, "赔过。据报道,2015年武昌有6户居民获得民生保险赔付,共84683.6元。", 2016);
    Passage total = new Passage("z", 1, 1, "报道还提到,民生保险理赔总金额达2000余万元。", 2016);
    // The analyzer folds 赔付 into 理赔; the question writes 理赔, which only the total's passage writes.
    List<PassageMatch> scored = List.of(new PassageMatch(household, 2, 0.68f, 0.24f, Set.of("理赔", "民生", "保险")),
        new PassageMatch(total, 2, 0.69f, 0.24f, Set.of("理赔", "民生", "保险", "总金额")));
    assertThat(PassageOrder.tellingFirst("理赔一共赔出去好多钱了", scored, List.of("理赔", "一共", "出去", "多少", "钱"),
        p -> p.passage().text()).get(0).passage()).isEqualTo(total);
  }

  @Test
  void aWordThePassageWritesAsASynonymIsNoTellingWord() {
    Passage paid = new Passage("y", 0, 0, "这份保险是区政府出钱,替全区家庭和户籍居民买的。", 2016);
    Passage sum = new Passage("y", 1, 1, "2015年初区财政出资243万元,为1086411名户籍居民买了这份保险。", 2015);
    // The analyzer reads 出钱 as 出资: both passages hold the question's 出资, so fused order stands.
    List<PassageMatch> scored = List.of(new PassageMatch(paid, 4, 0.79f, 0.32f, Set.of("保险", "出资", "政府")),
        new PassageMatch(sum, 3, 0.55f, 0.22f, Set.of("出资", "保险", "户籍居民")));
    assertThat(PassageOrder.tellingFirst("民生保险到底是个么保险 哪个出钱", scored, List.of("保险", "哪个", "出资"),
        p -> p.passage().text()).get(0).passage()).isEqualTo(paid);
    // Without the analyzer's reading only the second writes 出资, and it would be put first.
    List<PassageMatch> unread = List.of(new PassageMatch(paid, 4, 0.79f, 0.32f), new PassageMatch(sum, 3, 0.55f, 0.22f));
    assertThat(PassageOrder.tellingFirst("民生保险到底是个么保险 哪个出钱", unread, List.of("保险", "哪个", "出资"),
        p -> p.passage().text()).get(0).passage()).isEqualTo(sum);
  }

  @Test
  void aListOfHeadingsDoesNotHoldTheCategoryWhoseMembersAreAsked() {
    Passage items = new Passage("w", 0, 0, "老年宜居社区就是处处照顾老人的社区:路上有减速标志,楼道有休闲板凳,厕所有固定扶手。", 2016);
    Passage criteria = new Passage("w", 2, 1, "考核标准分设施配套齐全、服务功能完善、居住便捷舒适等6类,共19项56条。", 2016);
    List<PassageMatch> fused = List.of(new PassageMatch(items, 3, 0.78f, 0.40f), new PassageMatch(criteria, 6, 0.70f, 0.36f));
    // 设施 is written only by the criteria, as the head of one of its items: it does not put them first, and the
    // things themselves answer.
    for (String asked : List.of("老年宜居社区有些么设施", "宜居社区给老年人配了些么设施", "老年宜居社区一般都装些么适老的设施")) {
      assertThat(PassageOrder.tellingFirst(asked, fused, List.of("设施", "老年人"), p -> p.passage().text()).get(0)
          .passage()).as(asked).isEqualTo(items);
    }
    // Asked about the heading itself, not for its members, the criteria still hold it.
    assertThat(PassageOrder.tellingFirst("设施配套这一类考核几条", fused, List.of("设施", "配套", "考核"),
        p -> p.passage().text()).get(0).passage()).isEqualTo(criteria);
  }

  @Test
  void aListOfMembersHoldsItsCategoryAndItsItems() {
    String members = "自治向专业物业公司看齐,在为民服务、财务收支、门卫值守、停车管理等方面学物业企业的经验。";
    assertThat(PassageOrder.onlyAsAHeading("在哪些方面学物业公司", members, "方面")).isFalse();
    String courses = "开设中西式烹调、电子商务、家政服务、物业管理等课程,全程免费。";
    assertThat(PassageOrder.onlyAsAHeading("培训班开了些么课程", courses, "课程")).isFalse();
    assertThat(PassageOrder.onlyAsAHeading("有些么电子商务", "课程有烹调、电子商务、家政。", "电子商务")).isFalse();
    assertThat(PassageOrder.onlyAsAHeading("有些么设施", "考核标准分设施配套齐全、服务功能完善、居住便捷舒适6类。", "设施"))
        .isTrue();
  }

  @Test
  void aFigureSizingAGroupIsNoCountOfThePeopleAsked() {
    // "请了几多人做事": GROUP holds 请 and the estate's name, but its 5人 sizes the 小组; 养活了16人 counts them.
    for (String asked : List.of("梅苑自管请了几多人做事", "梅苑小区那个自管的请了好多个人")) {
      assertThat(PassageOrder.tellingFirst(asked, fusedOrder(), List.of("梅苑", "自管", "请", "人", "做事"),
          p -> p.passage().text()).get(0).passage()).as(asked).isEqualTo(RESULT);
    }
    // Asked of the group itself, its size answers.
    assertThat(PassageOrder.tellingFirst("梅苑自管小组有几个人", fusedOrder(), List.of("梅苑", "自管", "小组", "人"),
        p -> p.passage().text()).get(0).passage()).isEqualTo(GROUP);
    assertThat(PassageOrder.onlySizesAGroup("请了几多人", "成立3人团队,又请了12人。")).isFalse();
    assertThat(PassageOrder.onlySizesAGroup("帮扶了多少人次", "成立5人小组。")).isFalse();
  }
}
