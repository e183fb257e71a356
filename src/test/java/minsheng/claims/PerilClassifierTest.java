package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PerilClassifierTest {

  private static PerilClassifier classifier() {
    return TestPolicy.wuchang().perilClassifier();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "我家房子被淹了想报案          | NATURAL_DISASTER",
      "flood                        | NATURAL_DISASTER",
      "Rainstorm damage             | NATURAL_DISASTER",
      "waterlogging                 | NATURAL_DISASTER",
      "typhoon                      | NATURAL_DISASTER",
      "landslide                    | NATURAL_DISASTER",
      "家里被淹了                   | NATURAL_DISASTER",
      "下暴雨                       | NATURAL_DISASTER",
      "小区内涝                     | NATURAL_DISASTER",
      "家门口渍水                   | NATURAL_DISASTER",
      "台风把窗户吹坏了             | NATURAL_DISASTER",
      "泥石流                       | NATURAL_DISASTER",
      "山体滑坡                     | NATURAL_DISASTER",
      "下冰雹砸坏了屋顶             | NATURAL_DISASTER",
      "房子被雷击了                 | NATURAL_DISASTER",
      "家里火灾                     | FIRE_EXPLOSION",
      "厨房着火了                   | FIRE_EXPLOSION",
      "楼下失火                     | FIRE_EXPLOSION",
      "煤气爆炸                     | FIRE_EXPLOSION",
      "燃气爆炸把墙炸坏了           | FIRE_EXPLOSION",
      "隔壁爆炸                     | FIRE_EXPLOSION",
      "房子烧了                     | FIRE_EXPLOSION",
      "见义勇为受伤了               | BRAVERY",
      "下水救人受了伤               | BRAVERY",
      "帮人受伤了能赔吗             | BRAVERY",
      "抓小偷受伤                   | BRAVERY",
      "小偷偷了东西,我去抓小偷受伤了 | BRAVERY",
      "救人的时候被车撞了           | BRAVERY"})
  void infersTheCoveredPeril(String text, Peril expected) {
    PerilClassifier.Result r = classifier().classify(text);
    assertThat(r).isInstanceOf(PerilClassifier.Covered.class);
    assertThat(((PerilClassifier.Covered) r).peril()).isEqualTo(expected);
  }

  /** A rescue told as what the rescuer did, by them or by the family filing for them: bravery, even in a fire. */
  @ParameterizedTest
  @ValueSource(strings = {
      "有个细伢掉下去了 他下去救 把伢托上了岸 自己腿被划开了",
      "看到一个女的往湖里跳 他跳下去把人拉上来了 自己沉了下去",
      "大前天晚上他楼下那户起火了 他冲进去把那家的老奶奶背了出来 自己手烧伤了",
      "我们那栋楼五楼起火 我老公冲上楼去把被困的老两口一个一个扶下来 他吸了太多烟",
      "我爸前天在小区里救火 从火场里抱出来一个伢 自己被烟呛倒了",
      "有个男的抢一个姑娘的包 我冲上去把他按在地上 被他拿刀捅了肚子"})
  void aRescueToldAsWhatTheRescuerDidIsBravery(String text) {
    PerilClassifier.Result r = classifier().classify(text);
    assertThat(r).as(text).isInstanceOf(PerilClassifier.Covered.class);
    assertThat(((PerilClassifier.Covered) r).peril()).as(text).isEqualTo(Peril.BRAVERY);
  }

  /** The teller carried out or pulled up by someone else acted in nothing: the fire is the peril. */
  @ParameterizedTest
  @ValueSource(strings = {"昨天我家厨房着火 消防员冲进来把我背出来的", "楼里起火 消防员把我背出来 我腿烧伤了",
      "楼道里着火了 我被邻居救出来了 手烧伤了"})
  void theTellerRescuedBySomeoneElseIsNoBravery(String text) {
    PerilClassifier.Result r = classifier().classify(text);
    assertThat(r).as(text).isInstanceOf(PerilClassifier.Covered.class);
    assertThat(((PerilClassifier.Covered) r).peril()).as(text).isEqualTo(Peril.FIRE_EXPLOSION);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "家里被偷了       | 被盗",
      "入室盗窃         | 被盗",
      "小偷偷了我的电动车 | 被盗",
      "出了车祸         | 交通事故",
      "交通事故受伤     | 交通事故",
      "撞车了           | 交通事故",
      "生病了能赔吗     | 生病看病",
      "得了疾病         | 生病看病",
      "住院看病花了很多钱 | 生病看病",
      "孩子发烧了       | 生病看病"})
  void explainsUncoveredEventsKindly(String text, String kind) {
    PerilClassifier.Result r = classifier().classify(text);
    assertThat(r).isInstanceOf(PerilClassifier.Uncovered.class);
    PerilClassifier.Uncovered u = (PerilClassifier.Uncovered) r;
    assertThat(u.kind()).isEqualTo(kind);
    assertThat(u.explanation()).startsWith("很抱歉").contains(kind).contains("民生保险")
        .contains("自然灾害").contains("火灾爆炸事故").contains("见义勇为").contains("工作人员");
  }

  @ParameterizedTest
  @ValueSource(strings = {"我要理赔", "申请民生保险赔偿", "", "你好"})
  void asksWhatHappenedWhenItCannotTell(String text) {
    PerilClassifier.Result r = classifier().classify(text);
    assertThat(r).isInstanceOf(PerilClassifier.Unclear.class);
    assertThat(((PerilClassifier.Unclear) r).question()).contains("因为什么").contains("暴雨").contains("见义勇为");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "房子被淹了               | HOUSE_DAMAGE",
      "房屋倒塌                 | HOUSE_DAMAGE",
      "屋顶漏了                 | HOUSE_DAMAGE",
      "墙倒了                   | HOUSE_DAMAGE",
      "家具被淹                 | HOUSE_DAMAGE",
      "家里淹了                 | HOUSE_DAMAGE",
      "老人去世了               | DEATH",
      "不幸死亡                 | DEATH",
      "在洪水中遇难             | DEATH",
      "父亲被淹死了             | DEATH",
      "身故                     | DEATH",
      "救人的时候牺牲了         | DEATH",
      "没能出来 人走了          | DEATH",
      "送到医院没抢救过来       | DEATH",
      "我爸上个月离世了         | DEATH",
      "落下残疾                 | DISABILITY",
      "评了伤残                 | DISABILITY",
      "受伤致残                 | DISABILITY"})
  void infersOneLossType(String text, LossType expected) {
    assertThat(classifier().lossTypes(text)).containsExactly(expected);
  }

  @Test
  void lightningAGasFlashAndBraveryNamedInAFire() {
    assertThat(classifier().classify("前天晚上打雷 雷电把电视机打坏了"))
        .isInstanceOf(PerilClassifier.Covered.class)
        .extracting(r -> ((PerilClassifier.Covered) r).peril()).isEqualTo(Peril.NATURAL_DISASTER);
    assertThat(classifier().classify("燃气灶闪爆 吊顶炸下来了"))
        .extracting(r -> ((PerilClassifier.Covered) r).peril()).isEqualTo(Peril.FIRE_EXPLOSION);
    assertThat(classifier().classify("隔壁着火 我冲进去救人 腿砸伤了 这算见义勇为"))
        .extracting(r -> ((PerilClassifier.Covered) r).peril()).isEqualTo(Peril.BRAVERY);
    assertThat(classifier().classify("隔壁着火 把我家烧了"))
        .extracting(r -> ((PerilClassifier.Covered) r).peril()).isEqualTo(Peril.FIRE_EXPLOSION);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"昨天晚上雷把我家楼顶的太阳能劈坏了", "前天一个炸雷 把我屋里的电视跟冰箱都击坏了",
      "风把我家阳台的雨棚整个刮下来了", "雪把车棚顶压塌了"})
  void theThingHitMayStandBetweenTheCauseAndTheVerb(String text) {
    assertThat(perilOf(text)).isEqualTo(Peril.NATURAL_DISASTER);
  }

  @Test
  void aRescueFromSomeoneElsesFireIsBraveryAndAGapWordDoesNotOutweighAPlainOne() {
    assertThat(perilOf("邻居屋里着火 我冲进去把老太太背出来了 自己手烧伤了")).isEqualTo(Peril.BRAVERY);
    assertThat(perilOf("我家着火了 消防员把我背出来了")).isEqualTo(Peril.FIRE_EXPLOSION);
    // "进了…水" over "进了湖里救一个落水" weighs its own three characters, and a plain word of as many wins.
    assertThat(perilOf("我跳进了湖里救一个落水的伢 被石头划断了脚筋")).isEqualTo(Peril.BRAVERY);
    assertThat(perilOf("夜里雨下得猛 屋里进了半米深的水")).isEqualTo(Peril.NATURAL_DISASTER);
  }

  private static Peril perilOf(String text) {
    return ((PerilClassifier.Covered) classifier().classify(text)).peril();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"今天早上我家卫生间的燃气热水器爆了", "高压锅爆了 把厨房吊顶和油烟机打坏了",
      "电动车电瓶在客厅充电的时候爆了", "煤气罐旁边的热水器突然炸开了"})
  void aHouseholdApplianceThatBlewUpIsAnExplosion(String text) {
    assertThat(perilOf(text)).isEqualTo(Peril.FIRE_EXPLOSION);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"她屋里天花板被雨泡塌了", "下了一夜雨 天花板泡软了掉下来", "雨水从窗户灌进来 木地板全泡起来了"})
  void rainSaidAsRainAloneIsTheNaturalDisaster(String text) {
    assertThat(perilOf(text)).isEqualTo(Peril.NATURAL_DISASTER);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "下水道返水 一楼全泡了|NATURAL_DISASTER", "前天发大水 屋里全是水|NATURAL_DISASTER",
      "江水倒灌进小区|NATURAL_DISASTER", "暴风把窗户打烂了|NATURAL_DISASTER",
      "家里电线短路冒烟|FIRE_EXPLOSION", "冰箱突然冒烟 烧着了|FIRE_EXPLOSION",
      "我帮邻居救火 手被烧伤了|BRAVERY", "我把要跳江的人拉了上来 自己掉下去腿摔断了|BRAVERY"})
  void perilsInMoreEverydayWords(String text, Peril peril) {
    assertThat(perilOf(text)).isEqualTo(peril);
  }

  @Test
  void carryingOthersOutOfAFireThatIsNotTheTellersHomeIsBravery() {
    assertThat(perilOf("火灾的时候我背了两个老人下楼 自己从楼梯上摔下来")).isEqualTo(Peril.BRAVERY);
    assertThat(perilOf("我家着火了 我把孩子抱出来了 房子烧了")).isEqualTo(Peril.FIRE_EXPLOSION);
    assertThat(perilOf("我老头子追一个偷电瓶的 被推倒摔断了腿")).isEqualTo(Peril.BRAVERY);
  }

  @Test
  void standingUpToARobberIsBraveryButBeingRobbedIsNot() {
    assertThat(perilOf("我在路上看到有人抢包 上去拦住 被那人拿刀划伤了手")).isEqualTo(Peril.BRAVERY);
    assertThat(perilOf("追一个抢手机的劫匪 被他推下台阶 腿摔断了")).isEqualTo(Peril.BRAVERY);
    assertThat(classifier().classify("我的包在路上被抢了")).isNotInstanceOf(PerilClassifier.Covered.class);
    // Rescued is not rescuing: the firefighters' act is no bravery claim of the resident's.
    assertThat(classifier().classify("消防来救火 把我家门砸坏了")).isNotInstanceOf(PerilClassifier.Covered.class);
    assertThat(classifier().classify("消防员把我拉上来了")).isNotInstanceOf(PerilClassifier.Covered.class);
  }

  @Test
  void lightningWithSixteenCharactersBetweenIsStillLightningButNotAcrossAClause() {
    assertThat(perilOf("雷把我们家屋顶上那个太阳能热水器都打坏了")).isEqualTo(Peril.NATURAL_DISASTER);
    assertThat(perilOf("雷把我家楼顶的热水器和电线都打坏了 要报案")).isEqualTo(Peril.NATURAL_DISASTER);
    // An appliance named with no blast is no explosion; a water pipe that burst is no covered peril either.
    assertThat(classifier().classify("热水器坏了 不出热水")).isInstanceOf(PerilClassifier.Unclear.class);
    assertThat(classifier().classify("水管爆了")).isInstanceOf(PerilClassifier.Unclear.class);
    assertThat(classifier().classify("雷师傅来修过电池,他说明天再来打坏的那块")).isInstanceOf(PerilClassifier.Unclear.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"雷锋叔叔 。 今天劈柴", "风湿犯了", "打个电话给他 风。很大 刮"})
  void aCauseAndAVerbInDifferentClausesOrAlonePartNoPeril(String text) {
    assertThat(classifier().classify(text)).isInstanceOf(PerilClassifier.Unclear.class);
  }

  @Test
  void infersSeveralLossTypesAtOnce() {
    assertThat(classifier().lossTypes("房子烧了,老伴也遇难了")).containsExactly(LossType.HOUSE_DAMAGE, LossType.DEATH);
    assertThat(classifier().lossTypes("墙塌了,我被砸成残疾,邻居死亡"))
        .containsExactly(LossType.HOUSE_DAMAGE, LossType.DEATH, LossType.DISABILITY);
  }

  @Test
  void noLossWordsAsksWhichLoss() {
    assertThat(classifier().lossTypes("帮人受伤了能赔吗")).isEmpty();
    Parsed<java.util.Set<LossType>> p = classifier().parseLosses("不清楚");
    assertThat(p.reason().orElseThrow()).contains("房屋损失").contains("死亡").contains("伤残").contains("多个");
    assertThat(classifier().parseLosses("房子淹了,人也受伤致残").orElseThrow())
        .containsExactly(LossType.HOUSE_DAMAGE, LossType.DISABILITY);
  }

  @Test
  void wordsTheResidentRulesOutAreNotReadIn() {
    PerilClassifier.Result r = classifier().classify("不是火灾,是被偷了");
    assertThat(r).isInstanceOf(PerilClassifier.Uncovered.class);
    assertThat(((PerilClassifier.Uncovered) r).kind()).isEqualTo("被盗");
    assertThat(classifier().classify("没着火,是暴雨淹的"))
        .isEqualTo(new PerilClassifier.Covered(Peril.NATURAL_DISASTER, "暴雨"));
    assertThat(classifier().lossTypes("房子淹了,没有人去世")).containsExactly(LossType.HOUSE_DAMAGE);
    assertThat(classifier().lossTypes("屋顶塌了,人没被烧死,但是落下残疾"))
        .containsExactly(LossType.HOUSE_DAMAGE, LossType.DISABILITY);
    assertThat(classifier().lossTypes("水淹没了屋顶")).containsExactly(LossType.HOUSE_DAMAGE);
  }

  /**
   * Class: a story-shaped message whose peril is told by an unusual verb, no policy word in it (round-9 blind misses:
   * a heater that "引燃" the sofa, a flat "烧光了", a window "烧化了"). Read by the root with a result, in other words.
   */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "电热毯把被子引燃了 床垫全毁了                | FIRE_EXPLOSION",
      "蚊香点燃了窗帘                              | FIRE_EXPLOSION",
      "我屋里整个都烧光了                          | FIRE_EXPLOSION",
      "插线板那里的电线烧化了 墙也熏黑了            | FIRE_EXPLOSION",
      "卧室烧得一塌糊涂                            | FIRE_EXPLOSION",
      "烟头掉在沙发上 沙发烧穿了                    | FIRE_EXPLOSION",
      "对面楼的火星子飘过来 晾的衣服都烧没了         | FIRE_EXPLOSION",
      "那天晚上火势好大 我们跑下楼了                | FIRE_EXPLOSION",
      "楼下有人烧纸钱 把我家阳台的杂物燃起来了       | FIRE_EXPLOSION",
      "院墙被吹垮了                                | NATURAL_DISASTER",
      "门口那棵树刮倒了 压在我家屋顶上              | NATURAL_DISASTER",
      "雨棚整个掀翻了                              | NATURAL_DISASTER",
      "半夜水一下子漫进来 家具全泡了                | NATURAL_DISASTER",
      "下水道倒灌 一楼全是水                        | NATURAL_DISASTER",
      "昨天刮那么大的风 院子里的樟树倒了 砸在屋顶上  | NATURAL_DISASTER",
      "那天风好大 阳台的玻璃全碎了                  | NATURAL_DISASTER",
      "我儿子冲到火里去救隔壁的婆婆 烧伤了           | BRAVERY"})
  void aStoryTellsThePerilByItsRootWhenNoPolicyWordDoes(String text, Peril expected) {
    PerilClassifier.Result r = classifier().classify(text);
    assertThat(r).as(text).isInstanceOf(PerilClassifier.Covered.class);
    assertThat(((PerilClassifier.Covered) r).peril()).as(text).isEqualTo(expected);
  }

  /** The same roots in their other meanings tell no peril: cooking, a fever, an offering, a utility, a train, a scratch. */
  @ParameterizedTest
  @ValueSource(strings = {"我在屋里烧菜", "水烧开了", "清明节去烧纸", "燃气费怎么交", "坐火车去汉口", "上火了嘴巴起泡",
      "吹头发的时候", "车门被刮花了", "没有燃起来 就冒了一下", "红烧肉烧糊了",
      // strong wind in words no policy word lists, with nothing damaged, is weather, not a loss
      "昨天起了风 出门要穿厚点"})
  void theSameRootsInTheirOtherMeaningsTellNoPeril(String text) {
    assertThat(classifier().classify(text)).as(text).isNotInstanceOf(PerilClassifier.Covered.class);
  }

  /** A word of the policy still decides where it applies: the story's root is consulted only without one. */
  @Test
  void aPolicyWordStillDecidesBeforeTheRoot() {
    assertThat(classifier().classify("厨房着火 火星子飘到阳台"))
        .isEqualTo(new PerilClassifier.Covered(Peril.FIRE_EXPLOSION, "着火"));
    assertThat(classifier().classify("暴雨把院墙吹垮了"))
        .isEqualTo(new PerilClassifier.Covered(Peril.NATURAL_DISASTER, "暴雨"));
  }
}
