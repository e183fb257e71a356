package minsheng.dialogue;

import java.util.regex.Pattern;

/**
 * The kind of information a question asks for, and whether a passage states that kind. A question asking for a
 * phone number is not answered by a sentence about the same topic that has no phone number in it.
 * {@code asks} recognises the question; {@code states} the passage. Kinds are tried in order, specific first.
 */
public enum QuestionKind {
  PHONE("电话", "电话|号码|热线|手机号|联系方式|怎么联系|咋联系|么样联系|打哪个", "\\d{3,4}-?\\d{7,8}|1[3-9]\\d{9}|电话"),
  HOURS("开放时间", "几点|哪几天开|开门|关门|营业|上班时间|办公时间|作息|周末|上不上班|(?<!还)开不开|节假日|双休|星期几|礼拜几|开放时间|几时开|么时候开门",
      "\\d{1,2}[点时:]|上午|下午|周[一二三四五六日末]|星期|工作日"),
  STREET_ADDRESS("门牌地址", "哪条路|路几号|门牌|几栋|哪栋|几楼|哪一栋|哪个楼|具体地址|详细地址|几单元|怎么走|咋走|么样走|怎样走|坐几路|怎么去|咋去|么样去|么样过去|怎么过去",
      "\\d+号|\\d+栋|\\d+楼|\\d+单元"),
  ADDRESS("具体地址", "在哪|哪里|哪儿|哪个地方|么地方|啥地方|什么地方|地址|地点|位置|在么子",
      "(?<!正)在[^,。,]{0,12}(号|路|街|村|社区|小区|基地|中心|楼)|(去|到|找)[^,。,]{0,12}(窗口|中心|社区|网格员)|地址|位于"),
  /**
   * Which organisation ("哪个保险公司出的钱", "哪个单位修的"): stated only by an organisation's own name — whose it
   * is (武昌房地公司, 区民政局) or its brand (平安产险) —, not by a kind of organisation (商业保险公司, 第三方机构,
   * 社区医院), which names none.
   */
  ORGANISATION("单位名称", "哪(个|家|一家|几家|些|一个)(保险)?(公司|单位|部门|机构|企业|银行|医院)|是哪[一几]?家",
      "[\\u4e00-\\u9fa5]{2}(?<!物业|保险|三方|爱心|福利|服务|区直|职能|内设|专业|社区|基层|去大)(公司|产险|局|总会|医院|银行|部(?!门)|委员会)"),
  PERSON("负责人", "(员|主任|书记|人|老师|医生|干部|经理|长|老板)[^,,。]?(叫什么名字|叫么名字|叫啥)|哪个(在)?负责|(党员|网格员|主任|书记|组长|站长|老师|医生)(是|又是)?(哪个|哪位)|谁负责|负责人|是谁|哪位|姓什么|姓么|姓啥|主任是|书记是|联系人",
      "主任|书记|网格员[\\u4e00-\\u9fa5]{2,3}|[\\u4e00-\\u9fa5]{1}某|[张王李刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文][\\u4e00-\\u9fa5]{1,2}(,|,|的|她|他|主任|书记)"),
  DATE("具体日期", "什么时候|么时候|啥时候|哪天|哪一天|几号|几月|何时|几时|截止|到期|多久能到|多久到账|哪年|哪一年|几几年|开班时间|下一期|下期",
      "\\d{4}年|\\d{1,2}月|\\d{1,2}日|(?<=月)\\d{1,2}号|年初|年底|月底"),
  DURATION("时长", "多久|几久|好长时间|好久(?![没不])|多长时间|几天|几个月|(?<![这近前头])几年|多少天|多长",
      "(?<![\\d.])\\d{1,3}\\s*(天|年|小时|周|个月|个星期|个礼拜)|[一二三四五六七八九十两半]+(天|年|小时|周|个月)|为期"),
  CAP("最高额", "(最多|最高|顶多|上限|封顶)[^,,。]{0,6}(钱|赔|贷|补|给|领|拿|借|几多|多少|好多)",
      "最高|最多|上限|封顶|不超过"),
  THRESHOLD("收入标准", "低于|收入标准|收入线|收入要求|(收入|工资|退休金)[^,,。]{0,6}(多少|几多|好多)[^,,。]{0,4}(才|能|可以|算)",
      "(低于|不高于|不超过|不足)[^,,。]{0,8}\\d|\\d[\\d.]*\\s*(万)?元(以下|以内)"),
  COSTS("收不收费", "收不收(钱|费)|收钱|收费吗|要不要钱|(?<!不)要钱|要不要交钱|交不交钱|免不免费|免费吗|免费啵|花不花钱",
      "\\d[\\d.,]*\\s*(余)?(万|亿)?元|\\d+块|(?<!不)免费|不要钱|不收|不用交|不用自己交|收费"),
  AMOUNT("金额", "多少钱|几多钱|好多钱|多少块|几多块|好多块|(?<!哪)几块|(费|钱|资金|工资|补贴|补助|价钱|价格)[^,,。]{0,3}(几多|好多|多少)|几毛|多少元|多钱|花多少|赔多少|补多少|给多少(钱|块|元)|给多少$|发多少|交多少|出多少|收多少|工资(是)?(多少|几多|好多|几千)|(多少|几多|好多)(工资|钱|补贴|补助|津贴|费|资金|经费|款)|补贴(是)?(多少|几多|好多)|贷几多|贷多少|薪水|薪资|待遇|收费标准|标准是多少|补贴多少|多少补贴",
      "\\d[\\d.,]*\\s*(余)?(万|亿)?元|\\d[\\d.]*\\s*(余)?(万|亿)(?![人户个名次场家所项位])|\\d+块|[一二三四五六七八九十百千万]+元|全程免费|不要钱|不用交|不用自己交"),
  LIST("具体是哪些", "哪几(?![天年月号点次回])|哪些(?![人材证手地资])", "、|“[^”]{2,}”[^“]{0,2}“"),
  COUNT("数字", "几次|多少次|几多次|好多次|几回|多少|几个|几家|几所|几项|几人|几户|几多|好多|几名|几位|几场|几级|几批|几类|几种|有几|比例|百分之|几比",
      "\\d[\\d.,]*\\s*(余|多)?(万|亿)?\\s*(个|家|所|项|名|户|人|位|场|类|种|次|条|班|元|万|亿|%|‰|:)|[一二三四五六七八九十百千万两]+(?![年月日号])[\\u4e00-\\u9fa5]"),
  DOCUMENTS("要带的材料", "带什么|带么|带啥|带哪些|要什么材料|什么材料|哪些资料|什么资料|么资料|么事资料|么材料|么事材料|啥材料|哪些材料|什么证件|么证件|么事证件|啥证件|哪些证件|什么手续|么手续|么事手续|啥手续|哪些手续|证明材料|要带|准备么|准备什么|准备啥",
      "材料|证件|身份证|户口本|证明"),
  ADVICE("比较和建议", "哪个好|哪个划算|哪个更好|划不划算|划算吗|值不值|值得买|推荐|建议我|该选|选哪个|比较好",
      "比[^,。,]{0,8}(好|划算|强)|建议您|推荐"),
  PROCEDURE("办理流程", "找谁|找哪个|找哪里|怎么办|咋办|如何办|怎么申请|咋申请|如何申请|怎么报名|咋报名|如何报名|在哪报名|哪里报名|去哪报名|流程|步骤|怎么弄|咋弄|怎么报|咋报|怎么参加|咋参加|如何参加|怎么办理|去哪办|哪里办|在哪办|么样报|么样申请|么样办|么样弄|么样参加|么样登记",
      "找|问|申请|报名|窗口|告诉我|联系|办理|流程"),
  CRITERIA("评选标准", "(评|考核|评选|验收|评定|达标)[^,,。]{0,8}(标准|细则)|(么事|什么|啥|哪些)标准|标准是么|标准是什么|标准是啥",
      "标准|细则|考核|看[^,,。]{0,6}(满意|感受)"),
  ELIGIBILITY("条件", "条件|资格|符合|能不能申请|能申请|可以申请|能不能享受|能享受|哪些人|什么人|么人|啥人|谁能|谁可以|适合|要求",
      "以上|以下|户籍|低保|困难|空巢|独居|残疾|条件|对象|家庭|老人|居民|不看"),
  DEFINITION("", "是什么|是啥|啥是|什么是|么是|是么子|么意思|什么意思|啥意思|干什么的|做什么的|干嘛的|有什么用|有啥用", ""),
  YES_NO("", "吗|么$|不$|没有$|没$|有没有|是不是|能不能|可不可以|要不要|会不会", ""),
  OTHER("", "", "");

  private final String label;
  private final Pattern asks;
  private final Pattern states;

  QuestionKind(String label, String asks, String states) {
    this.label = label;
    this.asks = asks.isEmpty() ? null : Pattern.compile(asks);
    this.states = states.isEmpty() ? null : Pattern.compile(states);
  }

  /** How the missing piece is named to a resident ("这个电话我这里没有"); empty for kinds any fact answers. */
  public String label() {
    return label;
  }

  /** Whether an answer must state something particular (a number, a date, a place…), not just the topic. */
  public boolean specific() {
    return states != null;
  }

  /** What a question asks for: the first kind whose words it uses. */
  public static QuestionKind of(String question) {
    String q = question.strip();
    for (QuestionKind k : values()) {
      if (k.asks != null && k.asks.matcher(q).find()) {
        return k;
      }
    }
    return OTHER;
  }

  /** Whether a passage states this kind of information (any passage answers a kind that is not specific). */
  public boolean statedIn(String passage) {
    return states == null || states.matcher(passage).find();
  }
}
