package minsheng.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import minsheng.kb.ArticleFiles;
import minsheng.kb.KnowledgeBase;
import minsheng.nlu.Intent;
import minsheng.nlu.ResidentAnalyzer;
import minsheng.nlu.Understanding;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision rules, with what the intent model "understood" given directly. */
class AnswerPolicyTest {
  static ResidentAnalyzer analyzer;
  static KnowledgeBase kb;
  static AnswerPolicy policy;

  @BeforeAll
  static void setUp() {
    analyzer = ResidentAnalyzer.load(Path.of("conf/synonyms.txt"), Path.of("conf/stopwords.txt"));
    kb = KnowledgeBase.open(new ByteBuffersDirectory(), analyzer, "test", ArticleFiles.readAll(Path.of("kb-index")));
    policy = new AnswerPolicy(kb, 0.5, 0.3, minsheng.TestConfigs.with(java.util.Map.of()).kbMinFused, 0.5);
  }

  @AfterAll
  static void tearDown() throws Exception {
    kb.close();
  }

  static Understanding understood(String text, Intent... ranked) {
    Map<String, Double> p = new HashMap<>();
    for (Intent i : ranked) {
      p.put(i.name(), i.confidence());
    }
    return new Understanding(text, analyzer.words(text), List.of(ranked), p);
  }

  @Test
  void aConfidentTopicIsAnsweredFromItsBestArticle() {
    Decision d = policy.decide(understood("民生保险最多赔多少钱",
        new Intent("insurance_coverage", 0.9), new Intent("claim_start", 0.05)));
    assertThat(d).isInstanceOf(Decision.Answer.class);
    assertThat(((Decision.Answer) d).hits().get(0).article().id()).isEqualTo("insurance-caps");
  }

  @Test
  void twoCloseTopicsAreAskedAboutNotGuessed() {
    Decision d = policy.decide(understood("保险怎么弄",
        new Intent("insurance_coverage", 0.52), new Intent("claim_start", 0.40)));
    assertThat(d).isInstanceOf(Decision.Clarify.class);
    assertThat(((Decision.Clarify) d).second().name()).isEqualTo("claim_start");
  }

  @Test
  void tornBetweenTwoTopicsBelowTheThresholdAsksInsteadOfHandingOver() {
    Decision d = policy.decide(understood("老人困难补助", new Intent("elderly_care", 0.3), new Intent("social_assistance", 0.25)));
    assertThat(d).isInstanceOf(Decision.Clarify.class);
  }

  @Test
  void tornBetweenTwoTopicsAQuestionAnArticleOfEitherAnswersIsAnsweredNotAskedBack() {
    Decision d = policy.decide(understood("创业带动了几多人就业",
        new Intent("employment", 0.56), new Intent("district_figures", 0.39)));
    assertThat(d).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.passage().text()).contains("10.8万人"));
    // The same when the intent is sure but the runner-up topic is close.
    Decision close = policy.decide(understood("徐家那个食堂的盒饭配几个荤菜几个素菜",
        new Intent("elderly_care", 0.55), new Intent("district_figures", 0.3)));
    assertThat(close).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.passage().text()).contains("三荤两素"));
  }

  @Test
  void tornBetweenTwoTopicsEachTopicsOwnArticleMayAnswer() {
    Decision d = policy.decide(understood("民生保险理陪是去社区还是去街道哪个窗口",
        new Intent("community_service", 0.45), new Intent("claim_start", 0.30)));
    assertThat(d).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.passage().text()).contains("街道行政事务服务中心"));
  }

  @Test
  void askingWhetherAClaimCanBeMadeHereIsAQuestionNotARequest() {
    assertThat(policy.claimAction(understood("在这个聊天框框里头能不能直接登记民生保险的理赔",
        new Intent("claim_start", 0.87), new Intent("insurance_coverage", 0.1)))).isFalse();
    assertThat(policy.claimAction(understood("打字跟你报民生保险的案可以冇",
        new Intent("claim_start", 0.87), new Intent("insurance_coverage", 0.1)))).isFalse();
    assertThat(policy.claimAction(understood("我要报案", new Intent("claim_start", 0.95), new Intent("insurance_coverage", 0.01))))
        .isTrue();
    assertThat(policy.claimAction(understood("帮我报个民生保险", new Intent("claim_start", 0.95),
        new Intent("insurance_coverage", 0.01)))).isTrue();
  }

  @Test
  void aQuestionNamingAProgrammeIsAnsweredThoughItReadsAsSmallTalk() {
    Decision d = policy.decide(understood("老吾老这个名字全称是么事",
        new Intent("capabilities", 0.91), new Intent("elderly_care", 0.04)));
    assertThat(d).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.passage().text()).contains("千名干部进百家社区助千户老人"));
    // A neighbouring programme no article names is handed over, however weakly the question matches.
    assertThat(policy.decide(understood("省人民医院晚上有冇得急诊",
        new Intent("greeting", 0.75), new Intent("health_education", 0.09))))
        .isInstanceOfSatisfying(Decision.Handoff.class, h -> assertThat(h.reason()).isEqualTo(Decision.Reason.NOT_COVERED));
    assertThat(policy.decide(understood("你好 你都会些么事", new Intent("capabilities", 0.9), new Intent("greeting", 0.05))))
        .isInstanceOf(Decision.Smalltalk.class);
  }

  @Test
  void lowConfidenceOutOfScopeAndRequestsGoToAPerson() {
    assertThat(policy.decide(understood("嗯嗯那个", new Intent("elderly_care", 0.3), new Intent("out_of_scope", 0.2))))
        .isInstanceOfSatisfying(Decision.Handoff.class, h -> assertThat(h.reason()).isEqualTo(Decision.Reason.LOW_CONFIDENCE));
    assertThat(policy.decide(understood("嗯嗯那个", new Intent("elderly_care", 0.2), new Intent("charity", 0.1))))
        .isInstanceOf(Decision.Handoff.class);
    assertThat(policy.decide(understood("股票怎么买", new Intent("out_of_scope", 0.9), new Intent("employment", 0.05))))
        .isInstanceOfSatisfying(Decision.Handoff.class, h -> assertThat(h.reason()).isEqualTo(Decision.Reason.OUT_OF_SCOPE));
    assertThat(policy.decide(understood("转人工", new Intent("human_handoff", 0.95), new Intent("greeting", 0.01))))
        .isInstanceOfSatisfying(Decision.Handoff.class, h -> assertThat(h.reason()).isEqualTo(Decision.Reason.REQUESTED));
  }

  @Test
  void aTopicWithNothingMatchingIsWeakRetrievalAndAHandoff() {
    Decision d = policy.decide(understood("xyzzy plugh", new Intent("employment", 0.9), new Intent("charity", 0.01)));
    assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class,
        h -> assertThat(h.reason()).isEqualTo(Decision.Reason.WEAK_RETRIEVAL));
  }

  @Test
  void aQuestionInsideAGreetingWinsOverThePleasantry() {
    Decision d = policy.decide(understood("你好 民生保险最多能赔多少钱",
        new Intent("greeting", 0.7), new Intent("insurance_coverage", 0.25)));
    assertThat(d).isInstanceOf(Decision.Answer.class);
    assertThat(policy.decide(understood("你好", new Intent("greeting", 0.9), new Intent("thanks", 0.05))))
        .isInstanceOf(Decision.Smalltalk.class);
  }

  @Test
  void anUnsureIntentIsAnsweredWhenRetrievalSinglesOutAnArticleOfOneOfItsTopics() {
    // Under the intent's threshold and under the strong score: the article is still the only close match.
    Decision d = policy.decide(understood("刘某两口子每月退休金几多",
        new Intent("social_assistance", 0.45), new Intent("out_of_scope", 0.40)));
    assertThat(d).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.passage().text()).contains("2036元"));
    // The same match, for topics the intent model hesitates between that are not the article's: not taken.
    Decision other = policy.decide(understood("刘某两口子每月退休金几多",
        new Intent("health_education", 0.45), new Intent("out_of_scope", 0.40)));
    assertThat(other).isNotInstanceOf(Decision.Answer.class);
  }

  @Test
  void wordsThatFrameWhenOrHowMuchAreNotWhatIsAskedAbout() {
    // 主要, 后来: the resident's framing, not a detail the knowledge base lacks.
    Decision charity = policy.decide(understood("武昌慈善总会主要在哪些方面帮人哦", new Intent("charity", 0.9)));
    assertThat(charity).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.passage().text()).contains("济困"));
    Decision repair = policy.decide(understood("水果湖那个张启荣屋里漏水 后来是哪个公司修的", new Intent("poverty_help", 0.9)));
    assertThat(repair).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.passage().text()).contains("武昌房地公司"));
  }

  @Test
  void theChosenTopicOfAClarificationIsAnswered() {
    Decision d = policy.answer(new Intent("claim_start", 1.0), "保险怎么弄");
    assertThat(d).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.hits().get(0).article().topic()).isEqualTo("claim_start"));
  }

  @Test
  void whatIsAskedAboutMustBeSomethingTheKnowledgeBaseKnows() {
    String reward = "老年宜居社区评上了有么奖励";
    AnswerPolicy.Explanation e = policy.explain(understood(reward, new Intent("elderly_care", 0.9)),
        kb.embedder().embed(reward));
    assertThat(e.check()).isEqualTo("unknown");
    assertThat(e.decision()).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
      assertThat(h.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
      assertThat(h.missing()).isEqualTo("奖励");
      assertThat(h.known()).isNotNull(); // what the knowledge base does know, offered with the hand-over
    });
    String facilities = "老年宜居社区有些么设施";
    assertThat(policy.decide(understood(facilities, new Intent("elderly_care", 0.9)))).isInstanceOf(Decision.Answer.class);
  }

  @Test
  void aFigureForSomethingElseIsNotTheAnswerAndTheConsoleSaysWhy() {
    String relief = "因病救助每个月给几多钱";
    AnswerPolicy.Explanation e = policy.explain(understood(relief, new Intent("social_assistance", 0.9)),
        kb.embedder().embed(relief));
    assertThat(e.decision()).isInstanceOf(Decision.Handoff.class);
    assertThat(e.check()).isEqualTo("about"); // a passage gives an amount, but a couple's pension
    String pension = "紫阳街那个刘某两口子每个月退休金几多";
    assertThat(policy.decide(understood(pension, new Intent("social_assistance", 0.9))))
        .isInstanceOf(Decision.Answer.class);
  }

  @Test
  void aParticularFactOfSomethingTheFoundArticleNeverNamesIsAboutItsNeighbour() {
    String office = "千家街那边的居委会在哪里";
    AnswerPolicy.Explanation e = policy.explain(understood(office, new Intent("community_service", 0.9)),
        kb.embedder().embed(office));
    assertThat(e.decision()).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
      assertThat(h.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL);
      assertThat(h.missing()).isEqualTo("居委会");
    });
    assertThat(e.check()).isEqualTo("about");
    assertThat(kb.articles().stream().anyMatch(a -> a.body().contains("居委会"))).isTrue(); // known, elsewhere
    String canteen = "徐家幸福食堂在哪里";
    assertThat(policy.decide(understood(canteen, new Intent("elderly_care", 0.9)))).isInstanceOf(Decision.Answer.class);
  }

  @Test
  void whetherTheInsurancePaysIsAnsweredOnlyForItsPerilsAndTheLossesItNames() {
    // Furniture, a car, medical bills: the articles (and the contract's loss types) name none of them.
    for (String q : List.of("着火把屋里家具都烧了 家具能赔吗", "暴雨把我停在楼下的车淹了 民生保险管车不",
        "见义勇为受伤住院花了三万多医药费民生保险报不报", "屋里冰箱电视都被水泡坏了 最多赔几多")) {
      AnswerPolicy.Explanation e = policy.explain(understood(q, new Intent("insurance_coverage", 0.9)),
          kb.embedder().embed(q));
      assertThat(e.check()).as(q).isEqualTo("cover");
      assertThat(e.decision()).as(q).isInstanceOfSatisfying(Decision.Handoff.class,
          h -> assertThat(h.reason()).isEqualTo(Decision.Reason.MISSING_DETAIL));
    }
    // What happened is no peril the articles name: a fall at school.
    String school = "小孩在学校摔断了腿 民生保险赔吗";
    assertThat(policy.explain(understood(school, new Intent("insurance_coverage", 0.9)), kb.embedder().embed(school))
        .check()).isEqualTo("cover");
    // A covered peril, however told, is answered by a passage naming it — and the thing that did the harm
    // (被摩托车撞了) is not a loss asked about.
    for (String q : List.of("我伢下河救人受了伤 民生保险赔不赔撒", "我老公拦抢包的被摩托车撞了 腿骨折了 民生保险管不管")) {
      Decision d = policy.decide(understood(q, new Intent("insurance_coverage", 0.9)));
      assertThat(d).as(q).isInstanceOfSatisfying(Decision.Answer.class,
          a -> assertThat(a.passage().text()).contains("见义勇为"));
    }
    // How much is paid is the caps' to say, whatever the peril told.
    Decision cap = policy.decide(understood("屋里房子被火烧了 民生保险一户最多赔几多",
        new Intent("insurance_coverage", 0.9)));
    assertThat(cap).isInstanceOfSatisfying(Decision.Answer.class,
        a -> assertThat(a.hits().get(0).article().id()).isEqualTo("insurance-caps"));
  }

  @Test
  void aCoverageQuestionOrAClaimElsewhereIsAQuestionNotTheClaimForm() {
    Intent claim = new Intent("claim_start", 0.9);
    assertThat(policy.claimAction(understood("着火把屋里家具都烧了 家具能赔吗", claim))).isFalse();
    assertThat(policy.claimAction(understood("我在湖南长沙那边见义勇为受了伤 长沙有冇得这种保险赔", claim))).isFalse();
    assertThat(policy.claimAction(understood("交强险出了事么样理赔", claim))).isFalse();
    assertThat(policy.claimAction(understood("我要报案", claim))).isTrue();
    // Asked whether it can be filed: the form is the answer.
    assertThat(policy.claimAction(understood("打雷把我家的电视和路由器都劈坏了 这个能报吗", claim))).isTrue();
    assertThat(policy.claimAction(understood("见义勇为受伤住院花了三万多医药费民生保险报不报", claim))).isFalse();
  }

  @Test
  void fullWidthDigitsAreReadAsDigits() {
    String q = "第７网格的网格员叫么名字";
    AnswerPolicy.Explanation e = policy.explain(understood(q, new Intent("community_service", 0.9)),
        kb.embedder().embed(q));
    assertThat(e.decision()).isInstanceOfSatisfying(Decision.Handoff.class,
        h -> assertThat(h.missing()).contains("第7"));
  }

  @Test
  void theIntentsLiftChoosesOnlyBetweenCloseMatchesAndNeverMakesAWeakOneWin() {
    java.util.function.BiFunction<String, Double, minsheng.kb.ArticleMatch> match = (id, fused) ->
        new minsheng.kb.ArticleMatch(kb.article(id).orElseThrow(), 10, 0.7f, fused.floatValue(), List.of());
    // Ordered as the intent's topic lifted them.
    var weakLifted = List.of(match.apply("district-minsheng-figures", 0.43), match.apply("community-governance-award", 0.61));
    assertThat(AnswerPolicy.outranked(weakLifted, 0.45)).hasValueSatisfying(
        m -> assertThat(m.article().id()).isEqualTo("community-governance-award"));
    var clearlyBetter = List.of(match.apply("community-grid-size", 0.63), match.apply("property-deliberation", 0.69));
    assertThat(AnswerPolicy.outranked(clearlyBetter, 0.45)).hasValueSatisfying(
        m -> assertThat(m.article().id()).isEqualTo("property-deliberation"));
    var close = List.of(match.apply("community-grid-size", 0.63), match.apply("property-deliberation", 0.66));
    assertThat(AnswerPolicy.outranked(close, 0.45)).isEmpty();
    var bothWeak = List.of(match.apply("community-grid-size", 0.30), match.apply("property-deliberation", 0.34));
    assertThat(AnswerPolicy.outranked(bothWeak, 0.45)).isEmpty();
  }

  @Test
  void aCloseRunnerUpStatingTheKindAskedAnswersWhereTheBestArticleStatesNone() {
    // The canteen's address article matches "开张" questions best; only the free-lunch article states its opening day.
    Decision d = policy.decide(understood("帮我婆婆问下 徐家幸福食堂是哪天开张的",
        new Intent("elderly_care", 0.95), new Intent("district_figures", 0.02)));
    assertThat(d).isInstanceOfSatisfying(Decision.Answer.class, a -> {
      assertThat(a.hits().get(0).article().id()).isEqualTo("elderly-free-lunch");
      assertThat(a.passage().text()).contains("10月8日");
    });
  }

  @Test
  void aRunnerUpStatingTheKindOnlyInAWeakerPassageDoesNotAnswer() {
    // 爱心成就梦想's amount per child is stated nowhere; the charity total's passage states an amount, but matches the
    // question less well than the projects article's own passage, so the question is still handed over.
    Decision d = policy.decide(understood("爱心成就梦想给一个学生资助几多钱",
        new Intent("charity", 0.95), new Intent("district_figures", 0.02)));
    assertThat(d).isInstanceOf(Decision.Handoff.class);
  }

  @Test
  void aPointerToTheCommunityDoesNotChooseThePassageForAQuestionNamingTheCommunity() {
    // "不想跑社区": 社区 is the resident's circumstance; the article's "以您所在社区…为准" points to a person, it
    // states nothing, so the passage saying to tell the assistant "我要报案" is quoted.
    Decision d = policy.decide(understood("我不想跑社区 就在这上面报案得行啵",
        new Intent("claim_start", 0.9), new Intent("insurance_coverage", 0.05)));
    assertThat(d).isInstanceOfSatisfying(Decision.Answer.class, a -> {
      assertThat(a.hits().get(0).article().id()).isEqualTo("claim-by-assistant");
      assertThat(a.passage().text()).contains("我要报案");
    });
  }
}
