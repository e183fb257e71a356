package minsheng.dialogue;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.nlu.Simplified;

/**
 * What residents type or dictate, brought to one form before the claim form reads it, and their ways of saying
 * yes, no and "later" (Wuhan dialect included: 冇得, 莫得, 等哈). Full-width forms become ASCII, traditional
 * characters simplified ones, and a phone or ID number spoken in Chinese (幺三八 一二三四…) digits; the parsers of
 * the claims package do the rest (spaces and dashes inside a number, 八千块).
 */
final class ResidentWords {
  /** The traditional characters residents' phones produce in claim messages, with their simplified forms. */
  private static final String TRADITIONAL =
      "電話號碼證確認們個說這裡發後補會還來對實間門為傷殘戶區樓單萬塊錢損壞災燒燈應該務隊聯繫沒麼樣請問讓給"
          + "時頭腦經濟過現場圖張寫錯變報險賠償醫診斷書開關東車齊難幫處條機網絡歲壓聽見寶貝愛親媽爺孫園廳線費減導"
          + "擊颱風雲氣歡謝點兒兩帶棟層傢華灣漢陽橋糧鶴麗鄭偉劉陳趙黃吳楊許馬蔣韓馮葉鄧蕭龍鳳國強軍紅蘭傑進義莊蘇"
          + "裏週嗎頂牆櫃禍盜竊產職業學貧養療額當從總衝爛濕廚衛爐邊裝誤級約漲颳雜釘設備嚴鐘錶鋪農積著剛欒塗曇";
  private static final String SIMPLIFIED =
      "电话号码证确认们个说这里发后补会还来对实间门为伤残户区楼单万块钱损坏灾烧灯应该务队联系没么样请问让给"
          + "时头脑经济过现场图张写错变报险赔偿医诊断书开关东车齐难帮处条机网络岁压听见宝贝爱亲妈爷孙园厅线费减导"
          + "击台风云气欢谢点儿两带栋层家华湾汉阳桥粮鹤丽郑伟刘陈赵黄吴杨许马蒋韩冯叶邓萧龙凤国强军红兰杰进义庄苏"
          + "里周吗顶墙柜祸盗窃产职业学贫养疗额当从总冲烂湿厨卫炉边装误级约涨刮杂钉设备严钟表铺农积着刚栾涂昙";
  /** Slips of the pinyin keyboard in the words the claim form looks for (民生宝险, 想理陪), with what was meant. */
  private static final String[][] SLIPS = {{"宝险", "保险"}, {"保陷", "保险"}, {"理陪", "理赔"}, {"里赔", "理赔"}, {"报按", "报案"}};
  /** Digits as people read a number aloud: 幺 and 洞 for 1 and 0 on the phone, 两 for 2. */
  private static final String SPOKEN = "零〇洞幺一二两三四五六七八九";
  private static final String AS_DIGIT = "00011223456789";
  /** A run of spoken digits long enough to be a phone or ID number, possibly grouped with spaces or dashes. */
  private static final Pattern SPOKEN_RUN =
      Pattern.compile("[" + SPOKEN + "0-9][" + SPOKEN + "0-9\\s-]{5,}[" + SPOKEN + "0-9Xx]");

  private static final Pattern LEADING_WORD = Pattern.compile("^(?:[^\\s-]{1,2}[\\s-]+)+");
  /** "No": nothing to send, not in the district, not now and not later. */
  private static final Pattern NO = Pattern.compile(
      "^(不是|不在|没有|冇得|冇有|冇拍|冇|莫得|没得|没拍|没照|没来得及拍|没法拍|无|否|不|不用|不要|不发|不需要|"
          + "不要了)");
  /**
   * "发不过去 那算了不要了", "我爸说有照片 但他不会发 就当冇得吧": a giving-up ends a message that first says why, so it
   * is a no wherever it stands (no yes holds it).
   */
  private static final Pattern GIVES_UP = Pattern.compile("算了(?:不要|不发|不拍|没有|没|冇|莫|不用)|(?:不发|不拍|不传)了"
      // "他不会发 就当冇得吧", "那就当没有": taken as none
      + "|就?当(?:作|做|是)?(?:没有|冇得?|没得|莫得|没)");
  /**
   * "没照片", "冇得图", "莫得相片", "没拍照片": no photo, wherever it stands; or the photo named first and then not
   * taken ("照片冇拍 光顾到收拾了", "照片我爷爷不会拍", "图片没有").
   */
  private static final Pattern NO_PHOTO = Pattern.compile("(没|冇|莫|没得|冇得|莫得|没有)(拍|拍到|照)?(照片|图片|相片|照|图|相)"
      + "|(照片|图片|相片)[^,,。]{0,5}?(没|冇|莫|不会|没有|没得|冇得|莫得)(拍|照|有|得)");
  /** "俺不会拍照", "不会发图": cannot send a photo, so none. */
  private static final Pattern CANNOT = Pattern.compile("(不会|搞不来|弄不来)[拍弄搞发用]?(照|图|相)"
      // "现在哪有心思拍照", "冇得空拍": no mind or time for it now
      + "|(哪有|哪里有|没有|没|冇得|冇|没得|莫得)(心思|心情|空|时间|工夫|功夫|精力)[^,,。]{0,2}(拍|照|弄|搞)");
  /** "Later": a photo or a document promised after submission. */
  private static final Pattern LATER = Pattern.compile(
      "(后面补|后面再补|后面再发|后面发|以后补|以后再|回头补|回头发|回头再|等下发|等下拍|等下再|等一下|等会|等哈|待会|"
          + "过会|晚点|晚些|稍后|明天发|明天补|明天拍|改天|过两天|之后补|之后再|补发|再补|等我拍|等我找|"
          + "等(?:两|几|一两|两三)天|过(?:几|一两|两三)天|(?:拍|发|传)给你"
          // "诊断书出来了再发", "拿到手后再补": sent once something else has happened
          + "|(?:了|后|完)再(?:发|补|拍|传|给)"
          // "晚上拍了发你", "他明朝发过来", "等下班回去拍了发", "等她下班回来发": a time ahead, then the sending
          + "|(?:明天|明朝|明早|明儿|后天|晚上|今晚|下午|下班|回去|回家|有空|空了|到时候|过后)[^没冇不]{0,8}?"
          + "(?<![没冇不])(?:拍|补|传|发给|发过来|发过去|发你|再发|发图|发照片|发个|发[吧哈啊呀]?$))");
  /** What a promise of later is about: photos or papers ("照片明天拍了发", "诊断书晚上拍了发你"). */
  private static final Pattern DOCUMENT_WORD = Pattern.compile("照片|图片|相片|视频|诊断书|证明|病历|材料|发票|报告|单子");
  private static final Pattern YES = Pattern.compile(
      "^(是|对|嗯|有|在|好|要得|可以|行|中|没错|冇错|是滴|对头|户口在|户籍在|在武昌|武昌的)");

  /** "户口十几年前就迁过来了", "早就落到武昌了": the household moved here — a yes, not "moved away". */
  private static final Pattern MOVED_HERE = Pattern.compile("(迁|转|搬|落)(了)?(过来|回来|进来|到武昌|来武昌|到这|在武昌)");
  /** "身份证号还是老家的": where the ID number was issued says nothing of the household now. */
  private static final Pattern ID_ISSUED = Pattern.compile("身份证[^,,。;;\\s]*");
  /** "没迁过", "从来冇变过", "一直没动": the household stayed where it was — no "no". */
  private static final Pattern STAYED = Pattern.compile("(一直|从来|从|都)?(没|冇|未|没有|冇得)(有)?(迁|转|搬|动|变|换)(过|走|出去?)?");
  /** The household elsewhere: moved away, out of town, or in another district of the city. */
  private static final Pattern ELSEWHERE = Pattern.compile("(迁|转|搬)(到|去|走|出)|外地|外省|老家|乡下"
      + "|(在|是)(江岸|江汉|硚口|汉阳|青山|洪山|东西湖|汉南|蔡甸|江夏|黄陂|新洲)");
  /** The district named: "户口本在武昌", "我是武昌的老户口". */
  private static final Pattern IN_THE_DISTRICT = Pattern.compile("武昌");
  private static final Pattern NOT_IN_THE_DISTRICT = Pattern.compile("不|没|冇|非|莫");
  private static final Pattern HOUSEHOLD_WORD = Pattern.compile("户口|户籍");
  private static final Pattern DENIED = Pattern.compile("(不|没|冇|莫)(在|是)");
  /** "户口一直在这", "户籍还在的": the household word, then 在 with nothing denying it between. */
  private static final Pattern REGISTERED_HERE = Pattern.compile("(户口|户籍)[^不没冇非莫]{0,3}在");

  /**
   * "不晓得哪个把纸箱子堆在楼道里", "不晓得几多钱 大概两千": a word of asking after not knowing is no question — someone
   * unknown, a sum not known — unless what follows asks on ("不知道多少钱能赔", "不晓得哪个能办").
   */
  private static final Pattern NOT_KNOWING = Pattern.compile("(?:不晓得|不知道|不清楚|搞不清|说不清|说不准|记不清|也不知)(?:是)?"
      // someone who did something ("哪个把…", "哪个缺德的在…"), not which office ("不知道哪个部门管")
      + "(?:(?:哪个|哪家|哪位|谁)(?:缺德的?|家的?|人)?(?=[把在将往从])"
      // a sum ("几多钱 大概两千"), unless what follows asks on
      + "|(?:几多|多少|好多)钱?(?![^\\s,,。]{0,3}(?:能|可以|会|要|赔|报|合适|划算))"
      // how it came about ("不晓得怎么就漏气了", "不晓得么样炸了", "不知道咋回事"), not how to file ("不知道怎么报")
      + "|(?:怎么|怎样|么样|咋|为什么|为么|哪么)(?=就|回事|搞的|弄的|突然|一下子?|[^\\s,,。报申办弄填写搞操]{1,4}了))");

  /** The message without what it says it does not know ({@link #NOT_KNOWING}), for telling a question. */
  static String withoutNotKnowing(String text) {
    return NOT_KNOWING.matcher(text).replaceAll(" ");
  }

  /** How a resident answered a yes/no question, or an optional item. */
  enum Answer { YES, NO, LATER, NONE }

  private ResidentWords() {
  }

  /** The message with ASCII digits and letters (full-width ones folded) and simplified characters, nothing else. */
  static String plain(String text) {
    String n = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).strip();
    StringBuilder out = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      int t = TRADITIONAL.indexOf(c);
      out.append(t >= 0 ? SIMPLIFIED.charAt(t) : Simplified.of(c));
    }
    return out.toString();
  }

  /** The message in the form the claim form reads: ASCII digits, simplified characters, spoken numbers in digits. */
  static String normalize(String text) {
    String typed = plain(text);
    for (String[] slip : SLIPS) {
      typed = typed.replace(slip[0], slip[1]);
    }
    Matcher run = SPOKEN_RUN.matcher(typed);
    return run.replaceAll(m -> {
      // A leading group of one or two characters is a word's end (李四 一三八… keeps its 四).
      Matcher word = LEADING_WORD.matcher(m.group());
      String prefix = word.lookingAt() ? word.group() : "";
      String digits = m.group().substring(prefix.length());
      long spoken = digits.chars().filter(ch -> SPOKEN.indexOf(ch) >= 0).count();
      long all = digits.chars().filter(ch -> SPOKEN.indexOf(ch) >= 0 || Character.isDigit(ch)).count();
      if (spoken == 0 || all < 7) {
        return Matcher.quoteReplacement(m.group());
      }
      StringBuilder d = new StringBuilder();
      for (char ch : digits.toCharArray()) {
        int k = SPOKEN.indexOf(ch);
        d.append(k >= 0 ? AS_DIGIT.charAt(k) : ch);
      }
      return Matcher.quoteReplacement(prefix + d);
    });
  }

  /**
   * Words that lead an answer without changing it: "那先没有", "暂时没得", "手上现在没有", "嗯 没有", "那可以", and
   * when it happened ("当时冇拍 现在都收拾了": no photo was taken then). Only the leading run is set aside, so "没有"
   * still has to follow it.
   */
  private static final Pattern LEAD_IN = Pattern.compile(
      "^(?:当时|当场|那时候|那时|那|那就|那我|我|就|先|暂时|暂且|目前|现在|眼下|这会|还|手上|手头|手里|身上|都|也|哦|噢|嗯"
          + "|额|呃|啊|唉|哎|这个|那个)+");

  /**
   * The answer to "is the household registered in the district", in words: "户口一直在武昌 没迁过" and "是武昌户口 从来冇变过"
   * are a yes (a household that never moved is no "no"); "户口早就迁到洪山去了" a no; NONE when it says neither.
   */
  static Answer household(String normalized) {
    // "是的 没照片": a word on the photos asked before is no answer about the household.
    String said = NO_PHOTO.matcher(ID_ISSUED.matcher(normalized).replaceAll(" ")).replaceAll(" ").strip();
    String t = MOVED_HERE.matcher(STAYED.matcher(said).replaceAll(" ")).replaceAll(" ").strip();
    boolean stayed = !t.equals(said);
    if (ELSEWHERE.matcher(t).find()) {
      return Answer.NO;
    }
    Answer plain = t.isEmpty() ? Answer.NONE : answer(t);
    if (plain == Answer.NO || plain == Answer.YES) {
      return plain;
    }
    boolean named = IN_THE_DISTRICT.matcher(t).find() || REGISTERED_HERE.matcher(t).find();
    if (named && !NOT_IN_THE_DISTRICT.matcher(t).find() || stayed && (named || HOUSEHOLD_WORD.matcher(t).find())) {
      return Answer.YES;
    }
    // "户口不在武昌", "不是武昌的户口".
    return (named || HOUSEHOLD_WORD.matcher(t).find()) && DENIED.matcher(t).find() ? Answer.NO : Answer.NONE;
  }

  /**
   * "两千五 照片明天拍了发", "一万五左右 照片等下班回去拍了发你", "大概一万 下班了我再拍照片发过来": beside its answer
   * the message promises the photos or papers for later.
   */
  static boolean promisesDocumentsLater(String normalized) {
    Matcher word = DOCUMENT_WORD.matcher(normalized);
    if (!word.find()) {
      return false;
    }
    // "大概一万 下班了我再拍照片发过来": the promise is the clause holding the word, from its start.
    Matcher breaks = CLAUSE_BREAK.matcher(normalized.substring(0, word.start()));
    int clause = 0;
    while (breaks.find()) {
      clause = breaks.end();
    }
    return answer(normalized.substring(word.start())) == Answer.LATER
        || AHEAD.matcher(normalized.substring(clause, word.start())).find()
            && answer(normalized.substring(clause)) == Answer.LATER;
  }

  private static final Pattern CLAUSE_BREAK = Pattern.compile("[\\s,,。;;!!]+");
  /** Words that put the sending ahead, not behind ("下午拍了照片" was done; "下班了我再拍" is to come). */
  private static final Pattern AHEAD = Pattern.compile("再|等|回头|到时|明天|明早|明朝|晚点|之后|以后|后面|过两天|改天");

  /** "大概一万二 照片冇拍": the message says, beside its answer, that there is no photo. */
  static boolean saysNoPhoto(String normalized) {
    return NO_PHOTO.matcher(normalized).find() || CANNOT.matcher(normalized).find();
  }

  /**
   * "照片刚才发过了 户口是武昌的": the household said after the photo answer, read from its first household word on
   * (the photo part's "没有" is no answer about the household); NONE when the message names no household.
   */
  static Answer householdSaidToo(String normalized) {
    Matcher word = HOUSEHOLD_OR_DISTRICT.matcher(normalized);
    return word.find() ? household(normalized.substring(word.start())) : Answer.NONE;
  }

  private static final Pattern HOUSEHOLD_OR_DISTRICT = Pattern.compile("户口|户籍|武昌");

  /** Yes, no or later, in the resident's words; LATER wins over NO ("没拍 等下发"). */
  static Answer answer(String normalized) {
    String said = normalized.replaceAll("[\\s\\p{P}~~]+", "");
    Matcher lead = LEAD_IN.matcher(said);
    String t = lead.lookingAt() && lead.end() < said.length() ? said.substring(lead.end()) : said;
    if (t.matches("^(不知道|不清楚|不晓得|不记得|搞不清).*")) {
      return Answer.NONE;
    }
    if (LATER.matcher(t).find()) {
      return Answer.LATER;
    }
    if (NO.matcher(t).find() || NO_PHOTO.matcher(t).find() || t.contains("没拍") || CANNOT.matcher(t).find()
        || GIVES_UP.matcher(t).find()) {
      return Answer.NO;
    }
    return YES.matcher(t).find() || YES.matcher(said).find() ? Answer.YES : Answer.NONE;
  }
}
