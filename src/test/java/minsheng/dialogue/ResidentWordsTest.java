package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import minsheng.claims.Peril;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Residents' yes, no and later (Wuhan dialect included) and the forms their numbers and characters come in. */
class ResidentWordsTest {

  @ParameterizedTest
  @ValueSource(strings = {"没有", "冇得", "冇", "冇拍", "莫得", "没得", "没拍", "算了不要了", "不要了", "没有照片", "无", "没得照片 ",
      "不是", "那先没有", "暂时没得", "那暂时没得", "手上现在没有", "嗯 没有", "现在还冇拍", "我没拍", "俺不会拍照",
      "发不过去 那算了不要了", "传不上去 算了不发了", "当时冇拍 现在都收拾了", "那时候冇拍 早就打扫了", "当场冇得照片",
      "那算了 没照片", "那就算了 冇得照片", "没得图片 算了", "照片没拍到 忙着舀水去了", "照片他不会拍 冇得", "图片没有",
      "现在哪有心思拍照", "冇得空拍",
      // taken as none
      "我爸说有照片 但他不会发 就当冇得吧", "照片我儿子手机里有 他在外地 那就当没有吧"})
  void no(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.NO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"等哈", "后面补", "后面再补", "等下拍给你", "有医院的诊断书 等下发", "晚点发", "明天补", "回头发给你",
      "没拍 等下发", "诊断书后面再发", "诊断书出来了再发", "拿到证明后再补",
      // a time ahead, then the sending
      "照片在我儿子手机里 他明朝发过来", "诊断书在我老婆包里 晚上拍了发你", "照片等下班回去拍了发你", "我孙子有空了拍给你们"})
  void later(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.LATER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"昨天下午发的大水", "晚上回去看了 没拍"})
  void aTimeAheadWithoutSendingIsNoLater(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isNotEqualTo(ResidentWords.Answer.LATER);
  }

  @Test
  void photosPromisedForLaterBesideAnotherAnswer() {
    assertThat(ResidentWords.promisesDocumentsLater(ResidentWords.normalize("两千五 照片明天拍了发"))).isTrue();
    assertThat(ResidentWords.promisesDocumentsLater(ResidentWords.normalize("一万五左右 照片等下班回去拍了发你"))).isTrue();
    assertThat(ResidentWords.promisesDocumentsLater(ResidentWords.normalize("两千五 等一下"))).isFalse();
    assertThat(ResidentWords.promisesDocumentsLater(ResidentWords.normalize("大概一万二 照片冇拍"))).isFalse();
    // The clause that holds the photos starts with when they will come.
    assertThat(ResidentWords.promisesDocumentsLater(ResidentWords.normalize("大概一万 下班了我再拍照片发过来"))).isTrue();
    assertThat(ResidentWords.promisesDocumentsLater(ResidentWords.normalize("估计五千 等我晚上回家再把照片发过来"))).isTrue();
    // Taken already, not to come.
    assertThat(ResidentWords.promisesDocumentsLater(ResidentWords.normalize("八千 昨天下午拍了照片"))).isFalse();
  }

  @Test
  void notKnowingWhoOrHowMuchIsNoQuestion() {
    assertThat(ResidentWords.withoutNotKnowing("不晓得哪个把纸箱子堆在楼道里")).doesNotContain("哪个");
    assertThat(ResidentWords.withoutNotKnowing("也不晓得好多钱 估计三千块")).doesNotContain("好多钱");
    assertThat(ResidentWords.withoutNotKnowing("说不清多少钱 大概一千五")).doesNotContain("多少钱");
    assertThat(ResidentWords.withoutNotKnowing("也不知道哪个缺德的在楼道里烧纸钱")).doesNotContain("哪个");
    // Asking on after it, or which office, is still a question.
    assertThat(ResidentWords.withoutNotKnowing("不知道多少钱能赔")).contains("多少钱");
    assertThat(ResidentWords.withoutNotKnowing("不知道哪个部门管这个")).contains("哪个");
  }

  /** Class: a story that says it does not know how it came about ("不晓得怎么就漏气了") asks nothing; how to file does. */
  @Test
  void notKnowingHowItHappenedIsNoQuestion() {
    assertThat(ResidentWords.withoutNotKnowing("他在厨房换气罐 不晓得怎么就漏气了")).doesNotContain("怎么");
    assertThat(ResidentWords.withoutNotKnowing("电瓶在充电 不知道么样炸了")).doesNotContain("么样");
    assertThat(ResidentWords.withoutNotKnowing("不清楚咋回事 墙就裂了")).doesNotContain("咋");
    assertThat(ResidentWords.withoutNotKnowing("不知道怎么报")).contains("怎么");
    assertThat(ResidentWords.withoutNotKnowing("不晓得怎么申请")).contains("怎么");
  }

  @ParameterizedTest
  @ValueSource(strings = {"是的 户口十几年前就迁过来了 身份证号还是老家的", "户口前几年就转过来了 身份证还是黄陂的号"})
  void aHouseholdMovedHereWithAnIdNumberFromElsewhereIsAYes(String said) {
    assertThat(ResidentWords.household(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.YES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"是", "是的", "对", "嗯", "在武昌", "要得", "是滴", "户口在武昌", "嗯嗯", "那可以", "我在武昌"})
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "我是徐家棚街武车一村社区18号的刘桂香身份证号420106196909300523|刘桂香",
      "住粮道街中山路社区6栋2单元的王秀英身份证号码420106197406184457|王秀英",
      "我是陈志高 身份证420106196901250824|陈志高",
      "我叫程明华 身份证420106197804163539|程明华",
      "名字写错了 是王建军|王建军"})
  void aNameSaidInPassingIsFound(String said, String name) {
    assertThat(NameReader.find(ResidentWords.normalize(said), false)).contains(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"五千", "两万五", "三千块", "一万二", "十万", "嗯", "好的", "户主"})
  void anAmountOrAWordOfTalkIsNeverTheNameAsked(String said) {
    assertThat(NameReader.find(ResidentWords.normalize(said), true)).as(said).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"我是想报案", "我是武昌人 户口在这", "我是户主 电话13807120001", "东亭社区5栋的后面 昨天淹了",
      "我是这里的居民"})
  void wordsAfterIAmOrAnAddressAreNoName(String said) {
    assertThat(NameReader.find(ResidentWords.normalize(said), false)).as(said).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "仉德厚 仉是单人旁一个几字的仉|仉德厚",
      "夏侯敏 我是他老婆|夏侯敏",
      "诸葛明远 复姓诸葛|诸葛明远",
      "鲁晓梅 是他女儿|鲁晓梅",
      "查淑芳 查是查东西的查|查淑芳",
      "慕容小燕 我是他妹妹 他屋里就我一个亲人了|慕容小燕"})
  void aNameAskedForMayBeFollowedByHowItIsWrittenOrWhoTheApplicantIs(String said, String name) {
    assertThat(NameReader.find(ResidentWords.normalize(said), true)).contains(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"就报五千", "那报一万八", "先写四万"})
  void anAmountInWordsOfTalkIsNoName(String said) {
    assertThat(NameReader.find(ResidentWords.normalize(said), true)).as(said).isEmpty();
  }

  @Test
  void aNameAskedForMayStartWithAnyCharacterAndHoldMoneyWords() {
    assertThat(NameReader.find("钱多多", true)).contains("钱多多");
    assertThat(NameReader.find("万国平", true)).contains("万国平");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "武车一村社区18号的刘桂香|武车一村社区18号",
      "中山路社区6栋2单元的王秀英|中山路社区6栋2单元",
      "那个新河社区八栋|新河社区八栋",
      "就是东亭社区3栋 前天暴雨|东亭社区3栋",
      "小洪山社区中区西3栋302|小洪山社区中区西3栋302"})
  void theAddressStopsBeforeTheNameAndWithoutFillers(String said, String address) {
    assertThat(SlotReader.trimAddress(said)).isEqualTo(address);
  }

  @Test
  void residentsWordsForWhatWasLost() {
    assertThat(LossWords.personGone("人冇得了")).isTrue();
    assertThat(LossWords.personGone("老伴前天走了")).isTrue();
    assertThat(LossWords.personGone("东西都没了")).isFalse();
    assertThat(LossWords.familyNotHouse("屋里老头子见义勇为")).isEqualTo("家里老头子见义勇为");
    assertThat(LossWords.familyNotHouse("屋里进水了")).isEqualTo("屋里进水了");
    assertThat(LossWords.homeHit(Peril.FIRE_EXPLOSION, "电线起火 烧到我家大门和客厅")).isTrue();
    assertThat(LossWords.homeHit(Peril.NATURAL_DISASTER, "暴雨 水漫进了卧室和厨房")).isTrue();
    assertThat(LossWords.homeHit(Peril.FIRE_EXPLOSION, "家里煤气罐起火 我男人烧伤了")).isFalse();
    assertThat(LossWords.homeHit(Peril.BRAVERY, "我家老头子见义勇为")).isFalse();
  }
  @ParameterizedTest
  @ValueSource(strings = {"就这三张", "就这两张", "就这一张", "照片算了 不发了", "那没有了", "那就没有吧", "照片就不发了", "好了"})
  void theEndOfThePhotosInOtherWords(String said) {
    assertThat(ClaimAttachments.DONE.matcher(ResidentWords.normalize(said)).find()).as(said).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"还有一张", "这张是厨房的", "有照片 等哈发", "发了三张"})
  void morePhotosAreNoEnd(String said) {
    assertThat(ClaimAttachments.DONE.matcher(ResidentWords.normalize(said)).find()).as(said).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "全有福|全有福|true",
      "申请人写我妈 毛桂珍|毛桂珍|true",
      "申请人填我爸爸 郝建国|郝建国|true",
      "你好我叫邱德胜住黄鹤楼街游艺村社区6栋302前天晚上暴雨|邱德胜|false",
      "我是南湖街松涛苑社区2栋的卢小芳昨天家里厨房着火|卢小芳|false",
      "阿依古丽·买买提|阿依古丽·买买提|true",
      "巴桂芝|巴桂芝|true",
      "我是她儿子 舒家旺|舒家旺|true",
      "我是他女儿 罗家慧|罗家慧|true"})
  void aRareSurnameANameForARelativeAndANameInVoiceTextBeforeTheStory(String said, String name, boolean asked) {
    assertThat(NameReader.find(ResidentWords.normalize(said), asked)).contains(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"确认", "没问题"})
  void theConfirmationIsNoName(String said) {
    assertThat(NameReader.find(said, true)).as(said).isEmpty();
  }

  @Test
  void whatIsOnTheRoofIsTheHomeAndAPersonHurtIsNot() {
    assertThat(LossWords.homeHit(Peril.NATURAL_DISASTER, "打雷把楼顶的太阳能劈坏了")).isTrue();
    assertThat(LossWords.homeHit(Peril.FIRE_EXPLOSION, "邻居家着火 我被烫伤了")).isFalse();
    assertThat(LossWords.injured("他掏刀捅了我腰上一刀")).isTrue();
  }

  @Test
  void theWordStandingBeforeTheIdNumberIsTheName() {
    assertThat(SlotReader.nameBeforeId(ResidentWords.normalize(
        "报案 万齐 420106 19991008 0197 手机 166-0719-6283 南湖街宝安社区8栋2单元1703"))).contains("万齐");
    assertThat(SlotReader.nameBeforeId("理赔 邓小勇,420106198203154412 电话13907126655")).contains("邓小勇");
    assertThat(SlotReader.nameBeforeId("住在东亭社区 身份证420106198203154412")).isEmpty();
  }

  @Test
  void theDoorAfterANameInVoiceTextStaysInTheAddress() {
    assertThat(SlotReader.trimAddress("长轮社区的姚翠萍住在3栋1单元501昨天下午刮大风")).isEqualTo("长轮社区3栋1单元501");
  }

  @ParameterizedTest
  @ValueSource(strings = {"人压在底下 走了", "老房子的墙被泡垮了压在里面 走了", "父亲被压在下面走了", "我爸爸跳进长江救人 自己没上来",
      "他跳进江里再也没上来", "我老伴睡在里屋 压在下面没救出来"})
  void aDeathInEverydayWordsAnywhereInTheStory(String said) {
    assertThat(LossWords.diedInIt(said)).as(said).isTrue();
    assertThat(LossWords.homeHit(Peril.NATURAL_DISASTER, "老屋垮了 " + said)).as(said).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"水退了 人都走了", "压在下面的柜子坏了", "他没上来吃饭", "邻居走了以后我才发现进水了", "我自己没上来过这栋楼",
      "房子塌了 我老伴没上来 在楼下邻居家"})
  void goneOrNotComeUpAloneIsNoDeath(String said) {
    assertThat(LossWords.diedInIt(said)).as(said).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "户口一直在武昌 没迁过|YES",
      "户口一直在武昌的 冇迁过|YES",
      "是武昌户口 从来冇变过|YES",
      "户口没迁过|YES",
      "户籍还在这边的|YES",
      "户口早就迁到洪山去了|NO",
      "户口不在武昌|NO",
      "户口在老家|NO",
      "是|YES",
      "是的 没照片|YES",
      "不是|NO",
      "我不晓得|NONE",
      "暴雨进水|NONE"})
  void theHouseholdInWords(String said, ResidentWords.Answer answer) {
    assertThat(ResidentWords.household(ResidentWords.normalize(said))).as(said).isEqualTo(answer);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "差不多八千 没拍照片|true",
      "一万二 相片冇拍|true",
      "一万二|false",
      "照片拍了 一万二|false"})
  void noPhotoBesideAnotherAnswer(String said, boolean none) {
    assertThat(ResidentWords.saysNoPhoto(ResidentWords.normalize(said))).as(said).isEqualTo(none);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "图片之前发了 户口在武昌|YES",
      "没有 户口不在武昌|NO",
      "没有|NONE",
      "照片发过了|NONE"})
  void theHouseholdSaidAfterThePhotoAnswer(String said, ResidentWords.Answer answer) {
    assertThat(ResidentWords.householdSaidToo(ResidentWords.normalize(said))).as(said).isEqualTo(answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"等两天把派出所的证明拍给你", "过几天补", "诊断书发给你"})
  void laterInMoreWords(String said) {
    assertThat(ResidentWords.answer(ResidentWords.normalize(said))).as(said).isEqualTo(ResidentWords.Answer.LATER);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "喂你好我是喻红梅我屋里前天夜里进水了|喻红梅",
      "喂我是龚德全俺屋里屋顶被大风掀了|龚德全",
      "本人欧阳丽我们家前天晚上厨房着火了|欧阳丽"})
  void aNameInVoiceTextRunOnIntoTheSpeakerAgain(String said, String name) {
    assertThat(NameReader.find(ResidentWords.normalize(said), false)).contains(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "这个民生宝险么样报|这个民生保险么样报",
      "燃气泄漏爆炸 想理陪|燃气泄漏爆炸 想理赔"})
  void slipsOfTheKeyboardInClaimWords(String said, String read) {
    assertThat(ResidentWords.normalize(said)).isEqualTo(read);
  }

  @Test
  void aNameFollowedByHowItIsWrittenButNotByWhoseItIs() {
    assertThat(NameReader.find("我叫卜长江长江的长江身份证是420106195701077436", false)).contains("卜长江");
    // "陈志高的老婆" says whose wife, not how 陈志 is written.
    assertThat(NameReader.find("我是陈志高的老婆", false)).isNotEqualTo(java.util.Optional.of("陈志"));
  }

  @Test
  void aDeathOnTheSpotAndInjuriesInMoreWords() {
    assertThat(LossWords.diedInIt("大前天中午 我公公在厨房 人当场就没了")).isTrue();
    assertThat(LossWords.injured("帮邻居救火把手烧了")).isTrue();
    assertThat(LossWords.injured("自己腿抽筋呛了水 住了一个礼拜院")).isTrue();
    assertThat(LossWords.injured("我老公拦抢包的被摩托车撞了")).isTrue();
    assertThat(LossWords.injured("房子烧了 人冇事")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "医药费花了六千多 报六千五|六千五",
      "评的十级 就报一万|一万",
      "我老娘的按最高十万报|最高十万报",
      "修屋顶要一万多 按一万二报|一万二报",
      "三千|三千"})
  void theFigureClaimedFollowsBaoOrAnAndAGradeIsNoFigure(String said, String figure) {
    assertThat(AmountsByLoss.figureSaid(said).strip()).isEqualTo(figure);
  }

  @Test
  void aPartOfAnAnswerAboutAPersonOrAThingOfTheHome() {
    assertThat(LossWords.aboutAPerson("我爸的按十万报")).isTrue();
    assertThat(LossWords.aboutAPerson("老人家的按十万")).isTrue();
    assertThat(LossWords.homeThing("窗户换新的花了两千")).isTrue();
    assertThat(LossWords.homeThing("我家的按十万")).isFalse();
  }

  @Test
  void anInjuryIsToldApartFromNoHarm() {
    assertThat(LossWords.injured("被推倒摔伤了腰 住了一个礼拜院")).isTrue();
    assertThat(LossWords.injured("摔断了手腕")).isTrue();
    assertThat(LossWords.injured("我见义勇为 想申请民生保险")).isFalse();
  }
}
