package minsheng.dialogue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.claims.ClaimFields;
import minsheng.claims.Money;

/**
 * The applicant's name in what a resident wrote: "我叫张三", "名字写错了 改成王武", the message itself when the name
 * was asked, and in voice text without punctuation "我是刘桂香身份证…" or "…18号的刘桂香身份证…" (a name after an
 * address, before the ID number). An amount ("五千", "两万五") or a word of talk ("嗯", "好的") is never a name.
 */
final class NameReader {
  /** A name in parts joined by a middle dot ("阿依古丽·买买提"). */
  private static final Pattern DOTTED_NAME = Pattern.compile("[\\u4e00-\\u9fa5]{1,8}(?:[·•・][\\u4e00-\\u9fa5]{1,8}){1,2}");
  /** "名字写错了 改成王武", "姓名应该是李芳", "名字也打错了一个字 是刘建锋", "名字错了 是蔺相如的蔺 蔺玉珍". */
  private static final Pattern RENAMED = Pattern.compile(
      "(?:名字|姓名)[^,,。]{0,10}?(?:改成|改为|换成|应该是|是)\\s*(?:[\\u4e00-\\u9fa5]{1,5}的[\\u4e00-\\u9fa5][\\s,,]+)?"
          + "([\\u4e00-\\u9fa5·]{2,4})(?=[,,。\\s]|$)");
  private static final String NAME = "([\\u4e00-\\u9fa5·]{2,4}?)";
  /**
   * What may follow a name said in passing: the next field, a number, a break, the end, or (voice text) the story,
   * which may start with the speaker again ("我是喻红梅我屋里…", "我是龚德全俺屋里…", "本人欧阳丽我们家…").
   */
  private static final String NAME_END = "(?=身份证|证件|电话|手机|号码|联系|[0-9]|[,,。;;\\s]|$"
      + "|住|家住|昨天|前天|今天|大前天|上午|下午|晚上|昨晚|前晚|家里|我|俺|咱|屋里"
      // "我叫卜长江长江的长江": how the given name is written follows it (X的X; the name is group 1, this group 2).
      + "|([\\u4e00-\\u9fa5]{1,2})的\\2)";
  private static final Pattern SELF = Pattern.compile("(?:我是|我叫|本人是?)" + NAME + NAME_END);
  /** "18号的刘桂香", "2单元的王秀英": after the last part of an address. */
  static final Pattern AFTER_ADDRESS = Pattern.compile("(?<=[号室栋幢元楼层户组区0-9])的" + NAME + NAME_END);
  /** Words of talk in a short reply to the name question ("嗯", "我不知道", "等下"), not a name. */
  private static final Pattern NOT_A_NAME = Pattern.compile(
      "[不没吗呢吧了啥么什怎哪谁我你他她是有在好要问说冇莫等哈补拍发嗯哦啊呀嘛噢唉喂呃额的最按报填]");
  private static final Pattern QUESTION_OR_NO = Pattern.compile("[不没吗呢吧么啥冇莫哈嗯哦啊呀嘛]");
  /**
   * "仉德厚 仉是单人旁一个几字的仉", "夏侯敏 我是他老婆", "诸葛明远 复姓诸葛": the name first, then how it is written or who
   * the applicant is to the person concerned, or a word on the typing ("冷雨桐 刚才没打完", "祝红 前面打错了").
   */
  private static final Pattern EXPLAINED = Pattern.compile(
      "^([\\u4e00-\\u9fa5·]{2,4})[\\s,,]+(?=\\S*(?:是|姓|字|旁|头|底|我|他|她|刚才|刚刚|打完|打错|写错|输错|漏|少打|没打))\\S.*$");
  /** "…钱宇航 他儿子", "…鲁晓梅 是他女儿": who the applicant is to the person concerned, said after the name. */
  private static final Pattern TRAILING_TIE = Pattern.compile("[\\s,,]+(?:我)?(?:是)?(?:他|她|我|俺)?的?"
      + "(?:儿子|女儿|老婆|老公|爱人|丈夫|妻子|孙子|孙女|外孙|外孙女|侄子|侄女|儿媳妇?|孙媳妇?|媳妇|女婿|外甥女?|老伴|家属)[\\s。.!！]*$");
  private static final Pattern NOT_THIS_NAME = Pattern.compile("不是[\\u4e00-\\u9fa5·]{1,4}(?=[\\s,,。]|$)");
  /** The name said to be wrong ("名字打错了", "姓名写错了"). */
  private static final Pattern NAME_FIXED = Pattern.compile("(?:名字|姓名)[^,,。]{0,4}(?:打错|写错|输错|错了|不对|弄错|搞错)");
  /** Who someone is to the resident, or a pronoun: "她孙子", "我儿子", "他", never a name. */
  private static final Pattern KIN = Pattern.compile("^(?:他|她|我|你|俺|咱)|(?:儿子|女儿|孙子|孙女|外孙|外孙女|侄子|侄女|媳妇"
      + "|女婿|老伴|老婆|老公|爱人|丈夫|妻子|家属|奶奶|爷爷|外婆|外公|爸爸?|妈妈?|父亲|母亲)$");
  /** The last word of a message, after a space or a mark. */
  private static final Pattern LAST_WORD = Pattern.compile("[\\s,,::]([\\u4e00-\\u9fa5·]{2,4})$");
  /** Digits and amounts in Chinese: 五千, 两万五, 三千块. */
  private static final Pattern AMOUNT = Pattern.compile(
      "(?=.*[零〇一二两三四五六七八九十百千万亿])[零〇一二两三四五六七八九十百千万亿点半块元钱多余来左右几]+");
  /** Said in passing, these are a place, a household or a verb ("我是武昌人", "我是这里的"), not a name. */
  private static final Pattern NOT_IN_PASSING = Pattern.compile("[的人区街市省县镇村户口家屋里这那个想来要在从住被给]");
  /** The same for a name the resident was asked for: 家 before the last character is a given name's (舒家旺, 张家豪). */
  private static final Pattern NOT_IN_AN_ASKED_NAME = Pattern.compile("[的人区街市省县镇村户口屋里这那个想来要在从住被给]|家$");
  /** Who a resident says they are that is not their name. */
  private static final Pattern ROLE = Pattern.compile("^(确认|提交|没问题|户主|业主|房主|房东|租户|本人|居民|家属|老人|他妈|他爸|当事人|受害人)");
  /**
   * Common Chinese surnames: a name said in passing ("我是…", "…的刘桂香") must start with one, so that "我是想报案"
   * gives no name. A name the resident was asked for, or introduced with 我叫, needs none.
   */
  private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
      + "石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂"
      + "章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
      + "牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛"
      + "仲虞敖巩佘池查麻苑迟邝匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼厉伊仝郜阚帅屠朴练廉禹漆卿狄晋扈晁芮阙浦鹿邸雍辜裘亓邰赫"
      + "杭逯茹诸慕亢嵇湛宾戎勾茅揭尉冶斯束檀昝奉植衡尧闭巴逄笪郗蔺皇达粘拓"
      // rarer ones residents do bear (隗, 仉, 訾, 蒯…), none of them a common word of talk on its own
      + "赖阎洪谈伏汲鄂蓟薄邴璩濮堵扶郦宰庾暨沃蔚夔隆毋竺佴谯乜仉况凃危厍宓宣宦庹戈操殳琚禚禤籍糜缑荀蒯訾贝贲蹇郄郇郏酆钮隗";
  /** Two-character surnames, whose first character alone may be no surname (上官, 令狐, 端木…). */
  private static final Pattern COMPOUND_SURNAME = Pattern.compile(
      "^(上官|东方|令狐|公孙|南宫|宇文|端木|长孙|闻人|鲜于|司马|司徒|司空|欧阳|诸葛|夏侯|皇甫|尉迟|慕容|澹台|申屠|轩辕|钟离|赫连|呼延|独孤|万俟|西门|百里|第五|太史|公冶|乐正|漆雕|拓跋)");

  private NameReader() {
  }

  /** The name in {@code t} (normalised), if it gives one; {@code asked}: the name is the step's question. */
  static Optional<String> find(String t, boolean asked) {
    // "姓名写错了 不是卞红 是卞红霞": the name it is not is no part of the correction.
    Matcher renamed = RENAMED.matcher(NOT_THIS_NAME.matcher(t).replaceAll(" "));
    // "写我的名字吧 仝子豪 我是她孙子": what follows 是 there is who the applicant is to the person, not a name.
    Optional<String> name = renamed.find() && !KIN.matcher(renamed.group(1)).find() ? Optional.of(renamed.group(1))
        : ClaimFields.name(t, asked);
    // "我是雷振东" at the name step is five characters, the message itself no name: the name after 我是 is.
    name = name.filter(n -> acceptable(n, t, asked));
    if (name.isEmpty()) {
      name = inPassing(SELF, t).or(() -> inPassing(AFTER_ADDRESS, t));
    }
    if (name.isEmpty() && asked && DOTTED_NAME.matcher(t.strip()).matches()) {
      // "阿依古丽·买买提": a name of the district's minorities, its parts joined by a middle dot, longer than four.
      name = Optional.of(t.strip());
    }
    Matcher explained = EXPLAINED.matcher(t.strip());
    if (name.isEmpty() && asked && explained.matches() && !NOT_A_NAME.matcher(explained.group(1)).find()) {
      name = Optional.of(explained.group(1));
    }
    if (name.isEmpty() && NAME_FIXED.matcher(t).find()) {
      // "名字打错了 是鄢 不是燕 鄢秋菊": a name corrected at any step, the whole name said last.
      name = inPassing(LAST_WORD, t, true);
    }
    if (name.isEmpty() && asked) {
      // "申请人写我妈 毛桂珍": who is meant first, then the name as the last word; "申请人是我 钱宇航 他儿子": the
      // applicant's tie to the person concerned may follow it.
      name = inPassing(LAST_WORD, t, true).or(() -> inPassing(LAST_WORD, TRAILING_TIE.matcher(t).replaceFirst(""), true));
    }
    return name.filter(n -> acceptable(n, t, asked));
  }

  /** Not an amount nor a role; not asked for, a word of talk is a name only after a surname ("照片我明天叫伢拍了发"). */
  private static boolean acceptable(String n, String t, boolean asked) {
    return !AMOUNT.matcher(n).matches() && Money.find(n).isEmpty() && !ROLE.matcher(n).find()
        && (!asked || t.length() > 5 || !NOT_A_NAME.matcher(n).find() || surnameFirst(n))
        && (asked || !NOT_A_NAME.matcher(n).find() || surnamed(n));
  }

  /** "全有福": a rare surname and given-name characters that are also words of talk (有) still make a name. */
  private static boolean surnameFirst(String n) {
    return n.length() == 3 && surnamed(n) && !QUESTION_OR_NO.matcher(n).find();
  }

  private static boolean surnamed(String s) {
    return SURNAMES.indexOf(s.charAt(0)) >= 0 || COMPOUND_SURNAME.matcher(s).lookingAt() && s.length() >= 3;
  }

  /** Whether a few characters said in passing read as a name: a surname first, no words of talk. */
  static boolean looksLikeAName(String s) {
    return looksLikeAName(s, NOT_IN_PASSING);
  }

  private static boolean looksLikeAName(String s, Pattern notInIt) {
    return s.length() >= 2 && s.length() <= 4 && surnamed(s) && !NOT_A_NAME.matcher(s).find()
        && !notInIt.matcher(s).find()
        && !AMOUNT.matcher(s).matches() && !ROLE.matcher(s).find();
  }

  /**
   * The last word after who is meant, the name having been asked: a surname first and no word of asking or of no;
   * given-name characters that are also words of talk are fine there ("我是她老公 钱德发", "桂长发", "全有福").
   */
  private static boolean askedLastWord(String s) {
    return s.length() >= 2 && s.length() <= 4 && surnamed(s) && !QUESTION_OR_NO.matcher(s).find()
        && !TALK_AFTER_A_BREAK.matcher(s).find() && !NOT_IN_AN_ASKED_NAME.matcher(s).find()
        && !AMOUNT.matcher(s).matches() && !ROLE.matcher(s).find();
  }

  /** Words of talk that may stand alone after a break at the name step ("马上发", "等下补"). */
  private static final Pattern TALK_AFTER_A_BREAK = Pattern.compile("马上|等下|一下|后面|现在|不|没|是|我|你|他|她");

  private static Optional<String> inPassing(Pattern p, String t) {
    return inPassing(p, t, false);
  }

  /**
   * {@code asked}: the name was the question and this is the message's last word after who is meant ("我是她儿子
   * 舒家旺"); 家 inside it is then part of a given name (家旺, 家豪), not a household.
   */
  private static Optional<String> inPassing(Pattern p, String t, boolean asked) {
    Matcher m = p.matcher(t);
    while (m.find()) {
      if (asked ? askedLastWord(m.group(1)) : looksLikeAName(m.group(1), NOT_IN_PASSING)) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }
}
