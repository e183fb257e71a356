package minsheng.dialogue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.kb.ArticleMatch;

/**
 * Whether what a passage states is about what the question asks, not about something next to it. The kind of
 * question says what kind of fact is asked (a figure, a person); these say about what, by the shape of the
 * question rather than by its words: a figure the question itself names is not its answer ("那214万赔给了几多户"
 * is not answered by "赔款214万元"), a figure the passage gives for someone's own money (a couple's pension, what
 * they spent) does not answer a question that names no such money, a number or ordinal the question names that the
 * article never states (第7网格 when the article knows the 6th) means it asks about another one, and a person
 * asked by role is stated only by a sentence naming that role (an article's 副主任 is not the 主任 asked for).
 */
final class AboutWhat {
  /** A number as written, with its unit: "214万", "40项", "第7". */
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  private static final Pattern ORDINAL = Pattern.compile("第([一二三四五六七八九十]+)");
  private static final Pattern ORDINAL_RUN = Pattern.compile("第[\\d一二三四五六七八九十百]+(?:、[\\d一二三四五六七八九十百]+)*");
  /**
   * An ordinal the question names (第7网格, 第二期), not 第一 (第一步, 第一次: a way of speaking, and what the
   * articles call 首期). Plain numbers are left alone: a resident's own (我爸85了) is a circumstance.
   */
  private static final Pattern NAMED_ORDINAL = Pattern.compile("第(?!1(?!\\d))(\\d+)");
  private static final String DIGITS = "一二三四五六七八九";
  /** Money that is a household's own, not what a programme gives: its figure answers only a question naming it. */
  private static final List<List<String>> OWN_MONEY = List.of(
      List.of("退休金", "退休工资", "养老金", "退休费"),
      List.of("工资", "工钱", "薪水", "月薪", "年薪", "收入"),
      List.of("医药费", "医疗费", "住院费", "药费"),
      List.of("积蓄", "存款"),
      List.of("花了", "花费", "开支", "花销", "花"));
  /**
   * Kinds of money a programme gives or takes: an amount asked of one ("创业补贴给几多钱") is not stated by an
   * amount of another (the loans' 3.1亿元). Words on one line name one kind.
   */
  private static final List<List<String>> PROGRAMME_MONEY = List.of(
      List.of("补贴", "补助", "津贴", "补"),
      List.of("贷款", "贷"),
      List.of("保费"),
      List.of("善款", "捐款"),
      List.of("赔款", "理赔款", "赔偿金", "赔"));
  /** Wages and income: often what an article is about (人均可支配收入), so its figure is not taken out. */
  private static final int INCOME = 1;
  /** The first groups name a kind of money; spending (the last) is asked of any money ("慈善花了几多钱"). */
  private static final int NAMED_MONEY = 4;
  private static final String AMOUNT = "\\d[\\d.,]*\\s*(?:余|多)?(?:万|亿)?(?:余|多)?元";
  /** A question asking part of a total: "里头", "当中", "其中". */
  private static final Pattern BREAKDOWN = Pattern.compile(
      "(?<!每)(\\d|[一二三四五六七八九十百千万两]|几|那些|这些|个)[^,,。\\s]{0,8}(里头|里面|当中|其中|之中|中间)"
      // "幸福社区里头评上四星五星的有几个", "单算公办园的是几多个": a part named with 的.
      + "|(里头|里面|当中|其中)[^,,。\\s]{1,8}的|(单算|光算|只算|单讲|单说)");
  /** "小学跟初中分别是几多": a figure for each part, stated by 分别 or figures listed with 、. */
  private static final Pattern EACH_PART = Pattern.compile("分别");
  private static final Pattern EACH_STATED = Pattern.compile("分别|\\d[^,,。;;]{0,12}、[^,,。;;]{0,12}\\d");
  /** A passage breaking a total down. */
  private static final Pattern BROKEN_DOWN = Pattern.compile("其中|分别|占|里头|当中|包括");
  /**
   * A person's title, as a question names it ("街道办主任叫么名字", "组长是哪个"); not 干部 or 网格员, which name
   * what someone does, and an article names a 干部 by his office (副主任陈光明).
   */
  private static final Pattern ROLE = Pattern.compile("副?(主任|书记|组长|站长|院长|会长|经理|队长|所长|局长|区长|社长)");

  /** The part a breakdown question asks for: "里头公办的有几家" → 公办. */
  private static final Pattern PART = Pattern.compile(
      "(?:里头|里面|当中|其中|之中|中间)的?([\\u4e00-\\u9fa5]{2,6}?)的?(?:有|是|占|能|可以)");
  /** A verb before a part ("搞养老的"): the part is what follows it. */
  private static final Pattern PART_VERB = Pattern.compile("^(搞|做|干|是|开|办|管|属于)");
  /** "除了秦臻路长轮 还有哪些", "东亭以外": what the question names to exclude. */
  private static final Pattern EXCLUDED = Pattern.compile("除了?([\\u4e00-\\u9fa5]{2,12}?)(以外|之外|外)?[\\s,,]*(还|另外|别的|其他)");
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)年");
  /** The total a list question names: 那15个, 哪15个, 那56条. */
  private static final Pattern LIST_TOTAL = Pattern.compile("[那哪这](\\d{1,3})(?:个|条|项|类|家|所|种)");
  /**
   * A wait asked for ("交上去了要等几久才批下来", "多久能批"): answered by a time limit (…个工作日内, 当场办结),
   * not by how long something lasted (6个月的救助).
   */
  private static final Pattern WAIT = Pattern.compile(
      "等(多久|几久|好久|多长|好长|几天)|(多久|几久|好久|几天|多长时间|好长时间)(才|能|可以|就)?(批|办好|办下来|办完|到账|下来|出结果|审|拿到|通过)"
      + "|(批|办好|办下来|到账|下来|出结果)[^,,。]{0,3}(多久|几久|好久|几天|多长时间|好长时间)");
  private static final Pattern TIME_LIMIT = Pattern.compile(
      "\\d+\\s*个?(工作日|天|日|小时|周|月)(以内|之内|内)|工作日|办结|当场|当天办|即时办");
  /** Where a figure question asks: the first word asking for a number in its asking clause. */
  private static final Pattern ASKS_FIGURE = Pattern.compile("几多|多少|好多|几个|几项|几家|几");
  /** Words between what is asked about and the asking word ("性别比具体是几多"): they name nothing. */
  private static final Pattern FRAMING_TAIL = Pattern.compile("(是|有|具体|到底|究竟|一共|总共|大概|大约|的|了|都|总|共)+$");
  private static final Pattern SENTENCE = Pattern.compile("[。;;!!??\\n]");
  private static final Pattern CLAUSE = Pattern.compile("[,,]");

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final int MAX_PATTERNS = 2_000;

  private AboutWhat() {
  }

  /**
   * The passage's text with the figures that are not about what the question asks taken out: those the question
   * names itself, and amounts of a household's own money (a pension, medical costs, savings, spending; not
   * income, which the articles report as the district's) the question does not name. What is left is what the
   * kind check may read a figure from.
   */
  static String figuresAsked(String question, String passage) {
    // 第七、八、九网格 numbers grids, it does not count them.
    String out = ORDINAL_RUN.matcher(passage).replaceAll("第");
    Set<String> named = new LinkedHashSet<>();
    Matcher n = NUMBER.matcher(question);
    while (n.find()) {
      named.add(n.group());
    }
    for (String number : named) {
      out = pattern("(?<![\\d.])" + Pattern.quote(number) + "(?![\\d.])\\s*(?:余|多)?(?:万|亿)?[\\u4e00-\\u9fa5%]?")
          .matcher(out).replaceAll("");
    }
    for (List<String> money : OWN_MONEY) {
      if (money == OWN_MONEY.get(INCOME) || money.stream().anyMatch(question::contains)) {
        continue;
      }
      String nouns = String.join("|", money);
      out = pattern("(?:" + nouns + ")[^,,。;;、]{0,4}?" + AMOUNT + "|" + AMOUNT + "的?(?:" + nouns + ")")
          .matcher(out).replaceAll("");
    }
    return out;
  }

  /** Whether a question asks a part of a total it names ("2100多个社会组织里头搞养老的有几个"). */
  static boolean asksPart(String question) {
    return BREAKDOWN.matcher(question).find();
  }

  /**
   * Whether a passage's figures can be about what the question asks: a breakdown of a total ("2100多个社会组织里头
   * 搞养老的有几个") is stated only by a passage that breaks one down (其中, 分别, 占); money the question names
   * (医药费, 退休金) in the clause that asks only by a passage naming it.
   */
  static boolean figureAbout(String question, String passage) {
    if (BREAKDOWN.matcher(question).find() && !BROKEN_DOWN.matcher(passage).find()) {
      return false;
    }
    if (EACH_PART.matcher(question).find() && !EACH_STATED.matcher(passage).find()) {
      return false;
    }
    String asking = Answerability.askingClause(question);
    for (List<String> money : OWN_MONEY.subList(0, NAMED_MONEY)) {
      if (money.stream().anyMatch(asking::contains) && money.stream().noneMatch(passage::contains)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a breakdown question's part is named by the passage: "35个养老福利机构里头公办的有几家" is not answered by
   * "其中28个实现社会化运营", which breaks the total down by something else. A part is named when the passage holds
   * it or two characters of it in a row (搞养老 by 养老), so a verb around it does not count.
   */
  static boolean partNamed(String question, String passage) {
    Matcher m = PART.matcher(question);
    if (!BREAKDOWN.matcher(question).find() || !m.find()) {
      return true;
    }
    return passage.contains(PART_VERB.matcher(m.group(1)).replaceFirst(""));
  }

  /**
   * Whether a question that excludes what it names ("除了东亭还有哪些") finds a list holding what it names and
   * more: a list of other things ("1个卫生服务中心、1个老年公寓") is not the rest of the one asked about.
   */
  static boolean listBeyondExcluded(String question, String passage) {
    Matcher m = EXCLUDED.matcher(question);
    if (!m.find()) {
      return true;
    }
    // "除了区里": the place, not its 里.
    String named = m.group(1).replaceAll("(里头|里面|这边|那边|里)$", "");
    String head = named.substring(0, Math.min(2, named.length()));
    for (String sentence : SENTENCE.split(passage)) {
      for (String clause : CLAUSE.split(sentence)) {
        if (clause.contains("、") && clause.contains(head) && listBeyondQuestion(question, clause)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A year before the sources' the question names and the article never states ("2013年…支出了几多"): it asks
   * about another year's figure. Years after the sources' are left to the currency check.
   */
  static Optional<String> yearNotStated(String question, String article, int sourceYear) {
    Matcher m = YEAR.matcher(spelledYears(question));
    while (m.find()) {
      int year = Integer.parseInt(m.group(1));
      if ((sourceYear == 0 || year <= sourceYear) && !article.contains(m.group(1))) {
        return Optional.of(m.group(1) + "年");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a passage lists something the question has not named itself: "除了秦臻路长轮武车四村 还管哪几个社区"
   * is not answered by "秦臻路、长轮、武车四村等6个社区", the very list it names. An item is named when the two
   * characters at its side of a 、 are in the question.
   */
  static boolean listBeyondQuestion(String question, String passage) {
    boolean any = false;
    for (int i = passage.indexOf('、'); i >= 0; i = passage.indexOf('、', i + 1)) {
      any = true;
      String before = passage.substring(Math.max(0, i - 2), i);
      String after = passage.substring(i + 1, Math.min(passage.length(), i + 3));
      if (!question.contains(before) || !question.contains(after)) {
        return true;
      }
    }
    return !any;
  }

  /** A name a passage gives: quoted, titled, or a named place. */
  private static final Pattern GIVEN_NAME = Pattern.compile(
      "“([^”]{2,})”|《([^》]{2,})》|([\\u4e00-\\u9fa5]{2,6}(?:食堂|基地|公寓|医院|学校|公司))");

  /**
   * Whether a passage gives a name the question does not name itself: "一户一策印发的那张表叫么名字" is not answered
   * by “一户一策”, the name it asks from. A person's name (董斯敏) is left to the kind check.
   */
  static boolean nameBeyondQuestion(String question, String passage) {
    Matcher m = GIVEN_NAME.matcher(passage);
    boolean any = false;
    while (m.find()) {
      any = true;
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (!question.contains(name)) {
        return true;
      }
    }
    return !any;
  }

  /**
   * Whether a list asked of a total the question names ("老年宜居社区那15个是哪15个", "那56条都是些么条款") is stated by an
   * enumeration of that many items, or a partial one (…等6个社区): six categories are not the fifteen asked for.
   */
  static boolean listOfCount(String question, String passage) {
    Matcher n = LIST_TOTAL.matcher(question);
    if (!n.find()) {
      return true;
    }
    int total = Integer.parseInt(n.group(1));
    for (String sentence : SENTENCE.split(passage)) {
      for (String clause : CLAUSE.split(sentence)) {
        int items = clause.split("、", -1).length;
        if (items > 1 && (items == total || clause.contains("等"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** What a list question asks a list of: 方面 of "在哪些方面", 学校 of "哪几个学校". */
  private static final Pattern LIST_HEAD = Pattern.compile("(?:哪些|哪几个?|些么|些什么)([\\u4e00-\\u9fa5]{2})");

  /** The noun a list question asks a list of ("在哪些方面跟物业公司学" → 方面), or empty. */
  static String listHead(String question) {
    Matcher m = LIST_HEAD.matcher(question);
    return m.find() ? m.group(1) : "";
  }

  /** A year said digit by digit in characters, short ("一六年") or whole ("二〇一六年"). */
  private static final Pattern SPELLED_YEAR = Pattern.compile(
      "(?<![一二三四五六七八九十零〇两\\d])((?:[二两][零〇])?([一二三四五六七八九零〇]{2}))年");
  private static final String SPELLED_DIGITS = "零一二三四五六七八九";

  /**
   * The question with its spelled years written as the articles write them: "一六年那场暴雨" is 2016年, and asks
   * about that year as "2016年" would (a two-digit year is this century's: residents speak of recent years).
   */
  static String spelledYears(String question) {
    Matcher m = SPELLED_YEAR.matcher(question);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      StringBuilder year = new StringBuilder("20");
      for (char c : m.group(2).toCharArray()) {
        year.append(c == '〇' ? 0 : SPELLED_DIGITS.indexOf(c));
      }
      m.appendReplacement(out, year + "年");
    }
    m.appendTail(out);
    return out.toString();
  }

  /** What a question asks for by name: 设施 of "有些么设施", 政策 of "有么事政策", 特点 of "哪些特点". */
  private static final Pattern ASKED_HEAD = Pattern.compile(
      "(哪些|哪几(?:个|块|道|级|门|家|类|种|样|大类|条|项|所|位|名|批|期|届|方面)?|些么|些什么|有么事|有什么|有啥|要么|么事|什么|么)"
          + "([\\u4e00-\\u9fa5]{2})(的[\\u4e00-\\u9fa5]{2})?");
  /** Words asking for a list: what they ask for heads it. */
  private static final Pattern LIST_ASKED = Pattern.compile("哪些|哪几.*|些么|些什么");
  /** Characters that frame rather than name ("么样的", "什么时候"): no head starts with them. */
  private static final Pattern NOT_A_HEAD = Pattern.compile(
      "^(样|时|事|人|地|的|个|是|子|意|用|好|多|要|可|能|都|还|也|叫|做|帮|去|来|搞|弄|给|让|在|跟|和|到|拿|把|被|对|为|从)");
  /** What follows a verb, not a noun ("享受不了", "记下来"): what is asked is a doing, not a thing. */
  private static final Pattern AFTER_A_VERB = Pattern.compile("^[不没冇了到得来去着过起出]");

  /** What a question asks for by name, and whether it asks for a list of it. */
  record Head(String noun, boolean list) {
    static final Head NONE = new Head("", false);
  }

  /**
   * The noun a question asks for by name, or none: the head of a list, the thing asked whether it exists
   * ("养老的机构": 机构, what the modifier qualifies). A verb ("为么事享受不了", "拿么事记下来") names no thing.
   */
  static Head askedHead(String question) {
    Matcher m = ASKED_HEAD.matcher(question);
    while (m.find()) {
      String noun = m.group(3) != null ? m.group(3).substring(1) : m.group(2);
      if (!NOT_A_HEAD.matcher(m.group(2)).find() && !AFTER_A_VERB.matcher(question.substring(m.end())).find()) {
        return new Head(noun, LIST_ASKED.matcher(m.group(1)).matches());
      }
    }
    return Head.NONE;
  }

  /** Denial just before a word: 不能享受…政策, 没有…设施, 享受不到…. */
  private static final Pattern DENIED = Pattern.compile("(不能|不可以|不得|没有|没得|冇得|无法|不再|[不没冇][\\u4e00-\\u9fa5]?(到|了|上|成))[^,,。;;]{0,20}$");

  /**
   * Whether a passage names what the question asks for only as part of something else: inside an item of a
   * list of other things ("设施配套齐全、服务功能完善…" lists criteria, not 设施), or denied ("不能享受…优惠政策"
   * names no policy one can have). Such a passage states no {@code head}, whatever words it shares.
   */
  static boolean headOnlyAside(Head asked, String passage) {
    String head = asked.noun();
    if (head.isEmpty() || !passage.contains(head)) {
      return false;
    }
    for (int at = passage.indexOf(head); at >= 0; at = passage.indexOf(head, at + 1)) {
      if (!(asked.list() && insideAnItem(passage, at, at + head.length()))
          && !DENIED.matcher(passage.substring(0, at)).find()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the run of text around [from, to) between separators is one item of a 、 list. */
  private static boolean insideAnItem(String text, int from, int to) {
    int before = from - 1;
    while (before >= 0 && "、,,。;;::!!??“”《》".indexOf(text.charAt(before)) < 0) {
      before--;
    }
    int after = to;
    while (after < text.length() && "、,,。;;::!!??“”《》".indexOf(text.charAt(after)) < 0) {
      after++;
    }
    // Only an item followed by another is one of them: after the last one ("…、独居及残疾老人", "…较差等特点") the
    // noun heads the list; before the first, 有 or 包括 between ("设施有减速标志、…") it heads it too.
    return after < text.length() && text.charAt(after) == '、' && !LIST_HEAD_MARK.matcher(text.substring(to, after)).find()
        && (before < 0 || text.charAt(before) != '、' || !LIST_HEAD_MARK.matcher(text.substring(before + 1, from)).find());
  }

  /** Words between a list and its head noun: "a、b等X", "X有a、b", "X包括a、b". */
  private static final Pattern LIST_HEAD_MARK = Pattern.compile("等|有|包括|包含|分为|是|如|像|\\d+个|[两三四五六七八九十]个");

  /** A passage that names what it names ("被称作“夹心层”", "简称", "叫做"): the name asked for is given there. */
  private static final Pattern NAMING = Pattern.compile("叫做|叫作|称作|称为|被称|简称|全称|名为|取名|叫“|命名|统称");

  /** Whether a passage gives a name by saying it is one (被称作“夹心层”), not only quoting one in passing. */
  static boolean names(String passage) {
    return NAMING.matcher(passage).find();
  }

  /**
   * A count asked with the generic measure 个 of a thing the question names ("几多个社区", "几个岗位"): the thing,
   * as the question writes it after 个.
   */
  private static final Pattern COUNTED_THING = Pattern.compile("(?:几|多少|几多|好多)个([\\u4e00-\\u9fa5]{2,8})");
  private static final Pattern THING_END = Pattern.compile("[的了啊呀呢吧撒啵哦嘛么是有在都还呐]");

  /**
   * Whether a passage that names the thing a count asks of counts that thing, not a longer one starting with
   * its name: "几多个社区" is not answered by "社区卫生服务中心19个" (those count clinics) but by "140个社区";
   * "几多个岗位" is by "工作岗位20余万个". A passage that never names the thing (a paraphrase) is left to the
   * other checks.
   */
  static boolean countsTheThingAsked(String question, String passage) {
    Matcher m = COUNTED_THING.matcher(question);
    if (!m.find()) {
      return true;
    }
    String thing = m.group(1);
    Matcher end = THING_END.matcher(thing);
    if (end.find()) {
      thing = thing.substring(0, end.start());
    }
    if (thing.length() < 2) {
      return true;
    }
    String stem = thing.substring(0, 2);
    if (!passage.contains(stem)) {
      return true;
    }
    // "140个社区", "15个老年宜居社区": the figure before it, a few words of description between.
    if (pattern("[\\d一二三四五六七八九十两百千万][\\d.]*\\s*(余|多)?(万|亿)?[个位名户家所项座间张条处][\\u4e00-\\u9fa5]{0,4}?"
        + Pattern.quote(stem)).matcher(passage).find()) {
      return true;
    }
    // "工作岗位20余万个": the noun, then its figure. Only a longer noun starting with it, then a figure, counts
    // another thing ("社区卫生服务中心19个").
    boolean longerCounted = false;
    for (int at = passage.indexOf(stem); at >= 0; at = passage.indexOf(stem, at + 1)) {
      int nounEnd = at;
      while (nounEnd < passage.length() && Character.isIdeographic(passage.charAt(nounEnd))
          && "共有达约计".indexOf(passage.charAt(nounEnd)) < 0) {
        nounEnd++;
      }
      String noun = passage.substring(at, nounEnd);
      String rest = passage.substring(nounEnd).replaceFirst("^[共有达约计总数]{0,3}", "");
      if (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
        if (thing.startsWith(noun)) {
          return true;
        }
        longerCounted = true;
      }
    }
    return !longerCounted;
  }

  /** A count of people given as the size of a group ("自管5人小组"): it counts the group, not those it serves. */
  private static final Pattern GROUP_SIZE = Pattern.compile("\\d+\\s*人(?=[\\u4e00-\\u9fa5]{0,2}(小组|团队|班子|工作组|专班|队伍|小分队|服务队|领导小组))");
  private static final Pattern GROUP_NAMED = Pattern.compile("小组|团队|班子|工作组|专班|队伍|分队|服务队|几人组");

  /**
   * A passage without the group sizes a question about people does not ask of ("梅苑自管请了几多人做事" is not
   * answered by "自管5人小组", the team's size, but by "养活了16人"); kept whole when the question names a group.
   */
  static String withoutGroupSizes(String question, String passage) {
    return GROUP_NAMED.matcher(question).find() ? passage : GROUP_SIZE.matcher(passage).replaceAll("");
  }

  /**
   * The passages, those naming a figure the question names (那6户人家 → "6户居民…共84683.6元") first, the order kept
   * otherwise: that figure says which of the article's facts the question is about.
   */
  static List<ArticleMatch.PassageMatch> namingQuestionsFigureFirst(String question,
      List<ArticleMatch.PassageMatch> passages) {
    Matcher n = QUESTION_FIGURE.matcher(question);
    if (!n.find()) {
      return passages;
    }
    Pattern named = pattern("(?<![\\d.])" + Pattern.quote(n.group(1)) + "\\s*" + Pattern.quote(n.group(2)));
    List<ArticleMatch.PassageMatch> out = new java.util.ArrayList<>();
    passages.stream().filter(p -> named.matcher(p.passage().text()).find()).forEach(out::add);
    passages.stream().filter(p -> !named.matcher(p.passage().text()).find()).forEach(out::add);
    return out;
  }

  /** A figure a question names with its measure word: 6户, 100位. */
  private static final Pattern QUESTION_FIGURE = Pattern.compile("(?<![\\d.])(\\d+)\\s*(户|位|名|人|个|项|家|所)");

  /** Whether a question asking how long to wait ("要等几久才批下来") finds a time limit in the passage. */
  static boolean waitStated(String question, String passage) {
    return !WAIT.matcher(question).find() || TIME_LIMIT.matcher(passage).find();
  }

  /**
   * What a figure question asks the figure of: the two or three characters just before its asking word in the
   * asking clause, the framing between them taken out ("武昌出生人口性别比具体是几多" → 性别比). Empty when the
   * asking word starts the clause.
   */
  static String figureSubject(String question) {
    String asking = Answerability.askingClause(question);
    Matcher m = ASKS_FIGURE.matcher(asking);
    if (!m.find()) {
      return "";
    }
    String before = FRAMING_TAIL.matcher(asking.substring(0, m.start())).replaceAll("");
    return before.replaceAll("[^\\u4e00-\\u9fa5]", "");
  }

  /**
   * Whether a passage that names what a figure question asks about gives the figure with it: in the clause that
   * names it or after it in the same sentence (Chinese states the subject first). "出生人口性别比持续下降" names
   * 性别比 and gives no figure for it, so the 9.54‰ before it in the sentence is another figure's. A passage that
   * never names the subject (a paraphrase) is left to the other checks. {@code stated} says whether a text states
   * the kind asked for.
   */
  static boolean figureWithSubject(String question, String passage, java.util.function.Predicate<String> stated) {
    String subject = figureSubject(question);
    String stem = null;
    for (int len = Math.min(3, subject.length()); len >= 2 && stem == null; len--) {
      String s = subject.substring(subject.length() - len);
      if (passage.contains(s)) {
        stem = s;
      }
    }
    if (stem == null) {
      // A rate the passage never names ("死亡率" of a passage giving 出生率 and 增长率) is another rate.
      return !(subject.length() >= 2 && subject.endsWith("率") && passage.contains("率"));
    }
    for (String sentence : SENTENCE.split(passage)) {
      int at = sentence.indexOf(stem);
      if (at < 0) {
        continue;
      }
      // From the start of the clause naming it to the end of the sentence.
      String[] clauses = CLAUSE.split(sentence.substring(0, at), -1);
      String from = clauses[clauses.length - 1] + sentence.substring(at);
      if (stated.test(from)) {
        return true;
      }
    }
    return false;
  }

  /** A place residents go to, named in a question: 道能义工食堂, 实训基地, 服务中心. */
  private static final Pattern NAMED_PLACE = Pattern.compile(
      "[\\u4e00-\\u9fa5]{2,6}?(食堂|中心|基地|服务站|卫生站|医院|公寓|学校|幼儿园|居委会|办事处|睦邻点)");

  /**
   * The place a question names (道能义工食堂, 实训基地) as the knowledge base writes it: the longest end of the
   * question's name, its kind and two characters before at least, that {@code usedAnywhere} knows.
   */
  static Optional<String> namedPlace(String question, java.util.function.Predicate<String> usedAnywhere) {
    Matcher m = NAMED_PLACE.matcher(question);
    while (m.find()) {
      for (int from = m.start(); from <= m.end() - m.group(1).length() - 2; from++) {
        String name = question.substring(from, m.end());
        if (usedAnywhere.test(name)) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  /** The kind of a named place: 食堂 of 道能义工食堂. */
  static String placeKind(String name) {
    Matcher m = NAMED_PLACE.matcher(name);
    return m.find() ? m.group(1) : name;
  }

  /**
   * Whether a passage that names the place a question asks the address, phone or hours of gives them for it, in
   * the clause that names it: "徐家幸福食堂在武车一村18号,…在它之前,杨园街电力新村已开了道能义工食堂" gives no
   * door number for 道能义工食堂, nor does that sentence alone, the article naming the place elsewhere. A place the
   * article never names is left to the other checks.
   */
  static boolean placeWithDetail(String question, String passage, String article,
      java.util.function.Predicate<String> stated) {
    Matcher m = NAMED_PLACE.matcher(question);
    while (m.find()) {
      String name = null;
      for (int from = m.start(); from <= m.end() - m.group(1).length() - 2 && name == null; from++) {
        if (article.contains(question.substring(from, m.end()))) {
          name = question.substring(from, m.end());
        }
      }
      if (name == null) {
        continue;
      }
      boolean given = false;
      for (String clause : CLAUSE.split(SENTENCE.matcher(passage).replaceAll(","))) {
        given |= clause.contains(name) && stated.test(clause);
      }
      if (!given) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether an amount asked of a kind of money a programme gives or takes is of that kind: "创业补贴一次性给几多钱"
   * is not answered by the loans' 3.1亿元. The kind is read in the asking clause only.
   */
  static boolean moneyAbout(String question, String passage) {
    String asking = Answerability.askingClause(question);
    for (List<String> money : PROGRAMME_MONEY) {
      if (money.stream().anyMatch(asking::contains) && money.stream().noneMatch(passage::contains)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An ordinal the question names that the article does not (第7网格 of an article that knows only the 6th): the
   * question asks about another one.
   */
  static Optional<String> numberNotStated(String question, String article) {
    String q = ordinals(question);
    String a = ordinals(article);
    Matcher m = NAMED_ORDINAL.matcher(q);
    while (m.find()) {
      String stated = "第" + m.group(1);
      int end = m.end();
      if (!pattern(Pattern.quote(stated) + "(?![\\d])").matcher(a).find()) {
        String unit = end < q.length() ? q.substring(end, Math.min(q.length(), end + 2)) : "";
        return Optional.of(stated + unit.replaceAll("[^\\u4e00-\\u9fa5]", ""));
      }
    }
    // 第一 is a way of speaking (第一步, 第一次), except of what the article numbers itself ("千家街社区第一网格" of
    // one naming its 第七、八、九网格).
    Matcher first = FIRST_OF.matcher(q);
    while (first.find()) {
      String unit = first.group(1);
      if (pattern("第[\\d一二三四五六七八九十、]+" + Pattern.quote(unit)).matcher(a).find()
          && !pattern("第1(?!\\d)[^,,。]{0,8}" + Pattern.quote(unit)).matcher(a).find()) {
        return Optional.of("第1" + unit);
      }
    }
    // The first session (首期, 头一期) of a programme the article states no session of is another fact.
    if (FIRST_SESSION.matcher(question).find() && !article.contains("首期") && !article.contains("第一期")) {
      return Optional.of("首期");
    }
    return Optional.empty();
  }

  /** 第一 and what it numbers: 第一网格, 第1网格. */
  private static final Pattern FIRST_OF = Pattern.compile("第1(?!\\d)([\\u4e00-\\u9fa5]{2})");
  /** The first session of a programme, as residents say it. */
  private static final Pattern FIRST_SESSION = Pattern.compile("首期|头一期|第一期|第1期");

  /**
   * The role a question asks a person by, when the stating sentence names a person by another (or none):
   * "街道办主任" is not answered by a 副主任, nor a 组长 by a 网格员.
   */
  static Optional<String> roleNotStated(String question, String sentence) {
    Matcher m = ROLE.matcher(question);
    while (m.find()) {
      String role = m.group();
      Matcher s = ROLE.matcher(sentence);
      boolean stated = false;
      while (s.find()) {
        stated |= s.group().equals(role);
      }
      if (!stated) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /**
   * A pattern built from a question's words, compiled once: the checks run per passage on the answer path, and
   * the same few patterns (a measure word, a number, a unit) come back question after question.
   */
  static Pattern pattern(String regex) {
    Pattern p = PATTERNS.get(regex);
    if (p == null) {
      if (PATTERNS.size() >= MAX_PATTERNS) {
        PATTERNS.clear(); // a crude bound: numbers typed once should not grow the map without end
      }
      p = Pattern.compile(regex);
      PATTERNS.put(regex, p);
    }
    return p;
  }

  /** 第七 → 第7, 第十二 → 第12: ordinals compared as numbers. */
  static String ordinals(String text) {
    Matcher m = ORDINAL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, "第" + chineseNumber(m.group(1)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int chineseNumber(String s) {
    int ten = s.indexOf('十');
    if (ten < 0) {
      return DIGITS.indexOf(s.charAt(0)) + 1;
    }
    int tens = ten == 0 ? 1 : DIGITS.indexOf(s.charAt(0)) + 1;
    int units = ten == s.length() - 1 ? 0 : DIGITS.indexOf(s.charAt(ten + 1)) + 1;
    return tens * 10 + units;
  }
}
