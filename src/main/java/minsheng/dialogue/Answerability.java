package minsheng.dialogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import minsheng.kb.Article;
import minsheng.kb.ArticleMatch;
import minsheng.kb.ArticleMatch.PassageMatch;
import minsheng.kb.PassageOrder;
import minsheng.kb.Passages;

/**
 * The checks a found article must pass before anything is said as an answer, each small and on its own:
 * the question's place is Wuchang ({@link Places}), a passage of the article states the kind of information
 * asked for ({@link QuestionKind}), and a question about now is not answered with a dated figure as if it
 * were current. Each check either lets the answer through (with the passage to quote) or says why not.
 */
public final class Answerability {
  /** Words that ask about the present or the future. */
  private static final Pattern NOW = Pattern.compile("现在|今年|最新|目前|如今|当前|眼下|这两年|近两年|最近|当下|这一两年|去年|前年|今天|至今|到今|这会儿");
  /** "现在还有免费午饭啵": asked whether something still holds, which no dated passage can say. */
  private static final Pattern STILL = Pattern.compile("还(有|是|管|发|给|在|能|开|搞|办|送|免费)");
  /** "如今保费涨了冇": asked whether a figure changed since, which a dated passage cannot say. */
  private static final Pattern CHANGED = Pattern.compile(
      "涨了|涨没涨|涨冇涨|涨价|降了|降没降|降低了|变了|变没变|变冇变|调整了|调了|提高了|减少了|取消了");
  /** A year named in full ("2025年"): a later one asks about a later time than a dated figure is from. */
  private static final Pattern YEAR_NAMED = Pattern.compile("(?<!\\d)(20\\d\\d)年");
  /** Words that ask about the future: nothing dated answers them. */
  private static final Pattern FUTURE = Pattern.compile(
      "明年|后年|今后|将来|以后还|往后|(?<!(之后|以后|然后|完了|过后)\\s?)接下来|下半年|下个月|下个礼拜|下周|下一期|下期|下一次|下次|下一批|下回|下一场|下一届|下一轮|还会不会|还会有");
  /** "还是一个人一块钱啵": a question that names a figure asks whether it still holds. */
  private static final Pattern NAMES_FIGURE = Pattern.compile("\\d|[一二三四五六七八九十两几]+(块|元|个|人|户|万|百|千)");
  /** Kinds that ask for a figure or a date, which today may differ from the dated one. */
  private static final Set<QuestionKind> FIGURES = EnumSet.of(QuestionKind.AMOUNT, QuestionKind.CAP, QuestionKind.COUNT,
      QuestionKind.DATE, QuestionKind.DURATION, QuestionKind.THRESHOLD);
  /** A count asked in a measure word that says what is counted (几多张床, 几份饭): the figure must be in it too. */
  private static final Pattern ASKED_MEASURE = Pattern.compile("(?:几|多少|几多|好多)(张|份|间|套|辆|台|层|期|节|门|栋|床|顿|餐|趟|次|回|场|级|批|户(?![籍口])|人口|人|名|位|家|所|项|分(?!钟))");
  /**
   * People counted in 个 or in a word for them ("几个老人", "好多业主", "几个街道驻网格干部"; "常住人口一共有好多"): the
   * figure must count people (100位, 一名, 5.2万人), not 6个社区 or 两天.
   */
  private static final Pattern ASKED_PEOPLE = Pattern.compile(
      "(?:几|多少|几多|好多)个?[^,,。\\s的]{0,6}?(老人|学员|干部|业主|党员|志愿者|居民|员工|工作人员|网格员|孤老)|(人口|人数)(一共|总共|大概|大约|是|有|共)*(几多|多少|好多|几)");
  /** A figure asked per unit (每个社区, 每户): the figure must be per that unit too. */
  private static final Pattern ASKED_EACH = Pattern.compile(
      "每(?:个|一个|一)?([\\u4e00-\\u9fa5])|(?<![哪十第这那同头上下首\\d])一(期|班|届|批)");
  /**
   * "我们社区分了好多": the resident's own unit, asked per that unit — in the clause that asks; before it
   * ("我们社区好大一片 一个网格按几多户") it is the resident's circumstance.
   */
  private static final Pattern ASKED_OURS = Pattern.compile("我们(?:这个)?(社|街|小|网)(?=区|道|格)");
  /** A figure asked per period (一个月, 每年, 一个礼拜): the passage's figure must be per a period too. */
  private static final Pattern ASKED_PERIOD = Pattern.compile("(?:每|(?<![哪十第这那同头上下首\\d])一)(?:个)?(月|年|天|周|星期|礼拜)");
  /** Which street or community something is in ("梅苑小区在哪个街道"). */
  private static final Pattern STREET_ASKED = Pattern.compile("哪(个|条|一个)?(街道|街|社区)");
  /** A place named after its street ("中南路街梅苑小区"): the name says which street it is in. */
  private static final Pattern STREET_NAMED = Pattern.compile("[\\u4e00-\\u9fa5]{1,3}街([\\u4e00-\\u9fa5]{2,6}(?:小区|社区))");

  /**
   * Whether a passage says which street the place a question names is in by naming it after its street:
   * "中南路街梅苑小区" for "梅苑小区在哪个街道", not "水果湖街东亭社区" for the street of a clinic.
   */
  static boolean streetOf(String question, String passage) {
    if (!STREET_ASKED.matcher(question).find()) {
      return false;
    }
    Matcher m = STREET_NAMED.matcher(passage);
    while (m.find()) {
      for (int from = m.start(1); from + 2 <= m.end(1); from++) {
        if (question.contains(passage.substring(from, m.end(1))) && m.end(1) - from >= 4) {
          return true;
        }
      }
    }
    return false;
  }

  /** A count of kinds ("几种证", "几类情况"): a list naming them states it. */
  private static final Pattern KINDS_COUNTED = Pattern.compile("几(种|类|样)");
  /** Kinds asking for a figure that can be per period (not a date or a duration, where 一天 is no unit). */
  private static final Set<QuestionKind> RATES = EnumSet.of(QuestionKind.AMOUNT, QuestionKind.CAP, QuestionKind.COUNT);
  /** "我住杨园", "我是中南路的": where the resident lives is a circumstance, not what a figure is asked of. */
  private static final Pattern RESIDENT_AT = Pattern.compile("(我|俺|我们|我家|屋里)[^,,。\\s]{0,2}(住|在|是)");
  /** Kinds asking for money itself (an amount, a maximum), not a count of those who got it. */
  private static final Set<QuestionKind> MONEY = EnumSet.of(QuestionKind.AMOUNT, QuestionKind.CAP);
  /**
   * Particulars a place has: its door number, phone, hours (where it is, roughly, a sentence naming it with its
   * street or community says: "杨园街电力新村已开了道能义工食堂").
   */
  private static final Set<QuestionKind> PLACE_DETAILS = EnumSet.of(QuestionKind.STREET_ADDRESS, QuestionKind.PHONE,
      QuestionKind.HOURS);
  /** Kinds whose figure belongs to what the question names just before asking (性别比…几多). */
  private static final Set<QuestionKind> SUBJECT_FIRST = EnumSet.of(QuestionKind.AMOUNT, QuestionKind.COUNT,
      QuestionKind.DATE);
  /** Kinds asking a particular of one of Wuchang's streets or communities: a figure, a person. */
  private static final Set<QuestionKind> OF_A_PLACE = EnumSet.of(QuestionKind.AMOUNT, QuestionKind.COUNT,
      QuestionKind.PERSON, QuestionKind.LIST);
  /** A figure stated per period: 每月, 每年, 年均, 一年, 每周… */
  private static final Pattern STATED_PERIOD = Pattern.compile("(?:每|一)(?:个)?(?:月|年|天|周|星期|礼拜)|[年月]均|月薪|年薪");
  /** "据2016年报道," names when the source was written, not a date the passage states. */
  private static final Pattern SOURCE_DATE = Pattern.compile("[((]?据\\d{4}年[^,,:。)]{0,16}[,,:)]?");
  /**
   * An article's own pointer to a person ("请问您所在社区", "报道没写…"): it answers nothing, and a detail it
   * mentions as missing ("要带的材料") is not stated by it.
   */
  private static final Pattern POINTER = Pattern.compile(
      "请问|可以问(您|社区|街道|网格)|没写|没有写|没有登出|没登出|以[^,。]{0,20}为准|接着问我");
  /** Words that make a clause ask: 吗, 几多, 哪, 么事, 要不要, 赔不赔… */
  private static final Pattern ASKING = Pattern.compile(
      "[吗啵呢??]|几|多少|好多|哪|什么|么事|么子|么样|么时|啥|谁|怎么|咋|有没有|有冇|([\\u4e00-\\u9fa5])[不没冇]\\1|[不么撒冇]$");
  /**
   * A resident who wants to do something themselves ("我想报名", "要走么程序") is answered by where to go; "网格员
   * 看到问题了么样弄" asks how something works, which a description of it answers.
   */
  private static final Pattern OWN_WISH = Pattern.compile("我|俺|咱|想|要|能不能|可不可以|可以");
  private static final Pattern DESCRIBED = Pattern.compile("找|申请|报名|窗口|联系|办理|流程|上传|上报|处理");
  /** A sentence admitting the report does not state something. */
  private static final Pattern ADMITS = Pattern.compile("没写|没有写|没有登出|没登出|有没有");
  private static final Pattern WORDS = Pattern.compile("\\s+");
  private static final Pattern CLAUSE_BREAK = Pattern.compile("[\\s,,。.!!??;;、]+");
  private static final int MIN_CLAUSE_CHARS = 4;
  /** Less than this much text left once the pointers are taken out, and a passage states no fact. */
  private static final int MIN_FACT_CHARS = 8;
  /** The summary's first passage holds the key fact; another passage must match clearly better to be quoted. */
  private static final float FIRST_PASSAGE_BONUS = 0.03f;
  /** A quantity (an amount, a count, a rate), as opposed to a year or a date. */
  private static final Pattern FIGURE = Pattern.compile(
      "\\d[\\d.,]*\\s*(余|多)?(万|亿)?(元|块|人|户|个|名|场|所|家|项|次|位|班|平方米|%|‰|:)|\\d[\\d.]*\\s*(万|亿)");

  /**
   * The terms of {@code conf/neighbours-zh.txt}: programmes next to the articles' that none describes (医保,
   * 公积金), and details of a programme that residents ask for and no article states (工资, 利息, 押金). A
   * question naming either is handed over unless the article found names it too: the kind of question says
   * what kind of fact is asked, a detail term says about what, without guessing from every word (paraphrases
   * such as 名额 for 学位 pass, since no such word is listed).
   */
  public record Terms(List<String> neighbours, List<String> details, List<String> functionWords, List<String> losses) {
    public Terms(List<String> neighbours, List<String> details) {
      this(neighbours, details, List.of(), List.of());
    }
  }

  /** The outcome of the checks: the passage to quote, or the reason there is none and what is missing. */
  record Verdict(String check, Decision.Reason reason, String missing, PassageMatch passage) {
    boolean answers() {
      return reason == null;
    }
  }

  private final Places places;
  private final Terms terms;
  private final IntSupplier sourceYear;

  Answerability(Places places, Terms terms) {
    this(places, terms, () -> 0);
  }

  /** {@code sourceYear}: the year of the knowledge base's sources, for passages that name none (0: unknown). */
  Answerability(Places places, Terms terms, IntSupplier sourceYear) {
    this.places = places;
    this.terms = terms;
    this.sourceYear = sourceYear;
  }

  /**
   * The terms of a neighbours file ({@code conf/neighbours-zh.txt}): one a line, # comments; the neighbouring
   * programmes first, then, after a line {@code [details]}, the details no article states, and after a line
   * {@code [function words]} residents' words that frame a question and never name what it asks about.
   */
  public static Terms terms(Path file) {
    List<String> neighbours = new ArrayList<>();
    List<String> details = new ArrayList<>();
    List<String> functionWords = new ArrayList<>();
    List<String> losses = new ArrayList<>();
    List<String> into = neighbours;
    try {
      for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String line = raw.strip();
        if (line.equals("[details]")) {
          into = details;
        } else if (line.equals("[function words]")) {
          into = functionWords;
        } else if (line.equals("[losses]")) {
          into = losses;
        } else if (!line.isEmpty() && !line.startsWith("#") && into == functionWords) {
          into.addAll(List.of(WORDS.split(line)));
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          into.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new Terms(List.copyOf(neighbours), List.copyOf(details), List.copyOf(functionWords), List.copyOf(losses));
  }

  /**
   * A detail no article states that a clause asking something names ("赔的钱打到哪张卡上", "哪个来现场定损"): a
   * question about how claims go in general, not the resident's own claim to file or look up.
   */
  Optional<String> detailAsked(String message) {
    return named(askingClauses(message), terms.details(), t -> false);
  }

  /** Another insurance the message names (交强险, 医保): a claim on it is not one the assistant takes. */
  Optional<String> otherInsurance(String message) {
    return terms.neighbours().stream().filter(t -> (t.contains("险") || t.contains("保")) && message.contains(t))
        .findFirst();
  }

  /**
   * A programme next to the articles' that the question names and no article names at all ("独生子女父母奖励"):
   * nothing the knowledge base holds answers it, however unsure the intent model is between two topics.
   */
  Optional<String> neighbourNamedNowhere(String question, Predicate<String> usedAnywhere) {
    return named(question, terms.neighbours(), usedAnywhere);
  }

  /** A passage opening with a yes or a no, said in a short sentence of its own: "不用自己交。", "有过。", "可以。". */
  private static final Pattern SAYS_YES_OR_NO = Pattern.compile(
      "^(不用|不要|不能|不会|不是|不行|可以|能|会|是的|是|有|没有|赔过|有过|有一部分|要)[^。,,]{0,6}。");

  /** Characters that ask or frame, never part of what a question names: 几多, 哪个, 什么, 是不是. */
  private static final Pattern NOT_NAMING = Pattern.compile("[几哪么啥谁吗呢啵撒多少是的了个有在都也还]");
  /** The district and the city: every article is about them, so they name nothing in particular. */
  private static final Pattern EVERYWHERE = Pattern.compile("武昌区?|武汉市?|全区|区里");
  /** The resident's own unit ("我们社区的网格员"): an example from another community is not about it. */
  private static final Pattern OWN_UNIT = Pattern.compile("(我们|我家|我屋|俺们|咱们)[^,,。\\s]{0,2}(社区|小区|网格|街道|楼|屋)");
  private static final Pattern EXAMPLE = Pattern.compile("例子|例如|比如|报道里有");
  /** "像张启荣那样…想申请": the resident's own case, likened to the report's example. */
  private static final Pattern LIKE_EXAMPLE = Pattern.compile("像[^,,。\\s]{1,8}(那样|一样|那种)");
  /** A deadline asked ("报名截止到哪天", "最晚哪天报名"): a start date is no deadline. */
  private static final Pattern DEADLINE_ASKED = Pattern.compile("截止|截至|最晚|最后一天|报到哪天|报名到");
  private static final Pattern DEADLINE_STATED = Pattern.compile("截止|截至|之前|以前|为止|最晚|前报名");
  /** The shortest run of characters a question and a passage must share for the passage to be about it. */
  private static final int NAMED_RUN = 3;
  /** Or two halves of this many, a few characters apart. */
  private static final int NAMED_HALF = 2;

  /**
   * Whether a runner-up article's stating passage is about what the question names, not a neighbour's fact of the
   * same kind: it shares a run of the question's own words (徐家幸福食堂, 民生保险的保费, 长湖村社区), not only
   * asking words, and names every Wuchang place the question names.
   */
  boolean runnerUpAbout(String question, String article, String passage, Predicate<String> usedAnywhere) {
    Optional<String> place = places.ownPlaceIn(question);
    if (place.isPresent() && !article.contains(place.get())) {
      return false;
    }
    // A canteen, centre or base the knowledge base names (道能义工食堂) is another article's, not this one's.
    // Shortened as residents say it ("徐家食堂"), it is named when its first two characters and its kind are.
    Optional<String> named = AboutWhat.namedPlace(question, usedAnywhere);
    if (named.isPresent() && !article.contains(named.get())
        && !(article.contains(named.get().substring(0, 2)) && article.contains(AboutWhat.placeKind(named.get())))) {
      return false;
    }
    if (OWN_UNIT.matcher(question).find() && EXAMPLE.matcher(passage).find()) {
      return false;
    }
    String q = EVERYWHERE.matcher(ResidentWords.plain(question)).replaceAll(" ");
    for (int i = 0; i + NAMED_RUN <= q.length(); i++) {
      String run = q.substring(i, i + NAMED_RUN);
      if (run.chars().allMatch(Character::isIdeographic) && !NOT_NAMING.matcher(run).find() && passage.contains(run)) {
        return true;
      }
    }
    // A name shortened as residents say it ("徐家食堂" of 徐家幸福食堂): its two halves, one after the other in the
    // question, are a few characters apart in the passage.
    for (int i = 0; i + 2 * NAMED_HALF <= q.length(); i++) {
      String run = q.substring(i, i + 2 * NAMED_HALF);
      if (run.chars().allMatch(Character::isIdeographic) && !NOT_NAMING.matcher(run).find()
          && AboutWhat.pattern(Pattern.quote(run.substring(0, NAMED_HALF)) + "[\\u4e00-\\u9fa5]{1,3}"
              + Pattern.quote(run.substring(NAMED_HALF))).matcher(passage).find()) {
        return true;
      }
    }
    return false;
  }

  /** The place check, before anything is looked up. */
  Optional<Verdict> place(String question) {
    return places.elsewhere(question).map(p -> new Verdict("place", Decision.Reason.OTHER_PLACE, p, null));
  }

  /** The kind and currency checks on the best article found, its passages in fused order. */
  Verdict check(String question, QuestionKind kind, ArticleMatch top) {
    return check(question, List.of(), kind, top);
  }

  /**
   * The kind and currency checks on the best article found; {@code words} (the question's analysed words) put
   * first the passages that hold the words telling this article's passages apart.
   */
  Verdict check(String question, List<String> words, QuestionKind kind, ArticleMatch top) {
    Article a = top.article();
    // As for details: what the article says names a programme, not the wordings it is found under (an example
    // question "物业费怎么交" states no 物业费).
    String stated = a.title() + a.body() + String.join(" ", a.keywords());
    Optional<String> neighbour = named(question, terms.neighbours(), stated);
    if (neighbour.isPresent()) {
      return new Verdict("topic", Decision.Reason.NOT_COVERED, neighbour.get(), null);
    }
    List<PassageMatch> told = PassageOrder.tellingFirst(question, top.passages().stream().filter(p -> facts(p).length() >= MIN_FACT_CHARS)
        .sorted(Comparator.comparingDouble((PassageMatch p) -> p.fused()
            + (p.passage().index() == 0 ? FIRST_PASSAGE_BONUS : 0)).reversed())
        .toList(), words.stream().filter(w -> !names(a, w)).toList(), Answerability::facts);
    if (told.isEmpty()) {
      return new Verdict("kind", Decision.Reason.MISSING_DETAIL, kind.specific() ? kind.label() : "答案", null);
    }
    List<PassageMatch> facts = statingTheHeadFirst(question, kind, told);
    PassageMatch chosen = facts.get(0);
    // A number the question names that the article never states asks about another one (第7网格, not its 6th).
    Optional<String> otherNumber = AboutWhat.numberNotStated(question, a.title() + a.body());
    if (otherNumber.isPresent()) {
      return new Verdict("about", Decision.Reason.MISSING_DETAIL, otherNumber.get() + "的情况", chosen);
    }
    // So is a year before the sources' that the article never states ("2013年慈善支出了几多" of 2016's figure);
    // a later one is a question of currency, below.
    Optional<String> otherYear = AboutWhat.yearNotStated(question, a.title() + a.body(), sourceYear.getAsInt());
    if (otherYear.isPresent()) {
      return new Verdict("about", Decision.Reason.MISSING_DETAIL, otherYear.get() + "的情况", chosen);
    }
    // A figure asked of one of Wuchang's streets or communities ("长湖村社区一共分了几个网格") is not the
    // district's figure: an article that never names the place states none for it.
    Optional<String> ownPlace = OF_A_PLACE.contains(kind) ? places.ownPlaceIn(askingClause(question))
        .filter(p -> !RESIDENT_AT.matcher(askingClause(question)).find() && !(a.title() + a.body()).contains(p))
        : Optional.empty();
    if (ownPlace.isPresent()) {
      return new Verdict("about", Decision.Reason.MISSING_DETAIL, ownPlace.get() + "的" + kind.label(), chosen);
    }
    // A detail is stated by what the article says, not by the wordings it is found under; and it is asked
    // only in the clause that asks ("退休工资不高 有没有政策兜底" asks for no salary).
    Optional<String> detail = named(askingClauses(question), terms.details(), stated);
    if (detail.isPresent()) {
      return new Verdict("detail", Decision.Reason.MISSING_DETAIL, detail.get(), chosen);
    }
    if (kind.specific()) {
      // "How do I apply" is answered by where to go: there the article's pointer to a person is an answer too.
      // A figure must be about what is asked (not one the question names itself, not a household's own money it
      // does not name), and a person named by the role asked for.
      // "在哪些方面学": a list of what the question names (…等方面) before another list of the article's.
      String head = kind == QuestionKind.LIST ? AboutWhat.listHead(question) : "";
      // A list of headings naming it inside an item ("设施配套齐全、服务功能完善…") lists no members of it, nor does a
      // passage that names it only aside.
      boolean headListed = !head.isEmpty()
          && facts.stream().anyMatch(p -> facts(p).contains(head) && QuestionKind.LIST.statedIn(facts(p))
              && !PassageOrder.onlyAsAHeading(question, facts(p), head)
              && !AboutWhat.headOnlyAside(new AboutWhat.Head(head, true), facts(p)));
      // "那6户人家领的赔款一共几多": the passage naming the question's own figure is the one about it.
      PassageMatch stating = AboutWhat.namingQuestionsFigureFirst(question, facts).stream().filter(p -> {
            String text = FIGURES.contains(kind) ? AboutWhat.figuresAsked(question, places.withoutOwnNames(facts(p)))
                : kind == QuestionKind.LIST ? AboutWhat.figuresAsked(question, facts(p)) : facts(p);
            return (kind.statedIn(text) || kind == QuestionKind.PROCEDURE && !OWN_WISH.matcher(question).find()
                    && DESCRIBED.matcher(withoutAdmissions(text)).find()
                    // "发几种证" is answered by naming them: 《结业证书》《职业资格证书》.
                    || kind == QuestionKind.COUNT && KINDS_COUNTED.matcher(question).find()
                        && QuestionKind.LIST.statedIn(text)
                    || kind == QuestionKind.ADDRESS && streetOf(question, text))
                && (!FIGURES.contains(kind) || sameUnit(question, text))
                && (!RATES.contains(kind) || samePeriod(question, text))
                && (kind != QuestionKind.PERSON || AboutWhat.roleNotStated(question, text).isEmpty())
                && (kind != QuestionKind.NAME || AboutWhat.nameBeyondQuestion(question, text))
                && (kind != QuestionKind.DATE || !DEADLINE_ASKED.matcher(question).find()
                    || DEADLINE_STATED.matcher(text).find())
                && (kind != QuestionKind.LIST || AboutWhat.listOfCount(question, text))
                && (!headListed || text.contains(head))
                // "有些么设施" is not answered by a list of criteria one of which names 设施.
                && (kind == QuestionKind.REASON || !AboutWhat.headOnlyAside(AboutWhat.askedHead(askingClauses(question)), text))
                && (kind != QuestionKind.COUNT || AboutWhat.countsTheThingAsked(question, text))
                && (kind != QuestionKind.LIST || AboutWhat.listBeyondQuestion(question, text)
                    && AboutWhat.listBeyondExcluded(question, text))
                && (!MONEY.contains(kind) || AboutWhat.moneyAbout(question, text))
                && (!FIGURES.contains(kind) || AboutWhat.figureAbout(question, text)
                    && AboutWhat.partNamed(question, text) && AboutWhat.waitStated(question, text))
                && (!SUBJECT_FIRST.contains(kind) || AboutWhat.figureWithSubject(question, text, kind::statedIn))
                && (!PLACE_DETAILS.contains(kind) || AboutWhat.placeWithDetail(question, text, a.body(), kind::statedIn));
          })
          .findFirst()
          .or(() -> kind == QuestionKind.PROCEDURE
              ? top.passages().stream().filter(p -> kind.statedIn(withoutAdmissions(p.passage().text()))).findFirst()
              : java.util.Optional.empty())
          .orElse(null);
      if (stating == null) {
        // "about" when a passage states the kind but for something else (the console tells the two apart).
        boolean ofTheKind = facts.stream().anyMatch(p -> kind.statedIn(facts(p)));
        return new Verdict(ofTheKind ? "about" : "kind", Decision.Reason.MISSING_DETAIL, kind.label(), chosen);
      }
      chosen = stating;
    }
    // The resident's own case ("我们小区的网格员叫么名字", "我家屋顶也漏 能不能也找…") is not what a report's example
    // says of someone else; how to go about it (a procedure) is.
    if (kind != QuestionKind.PROCEDURE && (OWN_UNIT.matcher(question).find() || LIKE_EXAMPLE.matcher(question).find())
        && EXAMPLE.matcher(paragraphOf(a.body(), chosen.passage().text())).find()) {
      return new Verdict("about", Decision.Reason.MISSING_DETAIL, kind.specific() ? kind.label() : "您家的情况", chosen);
    }
    // A passage that names no year is as old as its source: the knowledge base's latest year stands for it.
    int year = chosen.passage().year() > 0 ? chosen.passage().year() : sourceYear.getAsInt();
    boolean dated = year > 0;
    if (dated && (FUTURE.matcher(question).find() || laterYear(question, year)
        || NOW.matcher(question).find() && (STILL.matcher(question).find() || CHANGED.matcher(question).find()
            || (FIGURES.contains(kind) || NAMES_FIGURE.matcher(question).find()) && FIGURE.matcher(facts(chosen)).find()))) {
      return new Verdict("currency", Decision.Reason.NOT_CURRENT, String.valueOf(year), chosen);
    }
    return new Verdict("answer", null, null, chosen);
  }

  /**
   * The passages, those that state what the question asks for by name first: a passage naming it only inside an
   * item of another list or denied ("不能享受…优惠政策" for "还有么事政策") goes after the rest, and for a name
   * asked, a passage saying what something is called (被称作“夹心层”) goes before those quoting names in passing.
   */
  static List<PassageMatch> statingTheHeadFirst(String question, QuestionKind kind, List<PassageMatch> facts) {
    AboutWhat.Head head = kind == QuestionKind.REASON ? AboutWhat.Head.NONE : AboutWhat.askedHead(askingClauses(question));
    List<PassageMatch> out = new ArrayList<>(facts);
    // "总共分几类" is answered by naming them, better than by "这三类" alone.
    boolean kindsCounted = kind == QuestionKind.COUNT && KINDS_COUNTED.matcher(question).find();
    boolean yesOrNo = kind == QuestionKind.YES_NO || kind == QuestionKind.COSTS;
    out.sort(Comparator.comparingInt((PassageMatch p) -> AboutWhat.headOnlyAside(head, facts(p)) ? 1 : 0)
        // "民生保险要不要我们自己掏钱买": the passage opening with the answer ("不用自己交。") says yes or no.
        .thenComparingInt(p -> yesOrNo && !SAYS_YES_OR_NO.matcher(p.passage().text()).find() ? 1 : 0)
        .thenComparingInt(p -> kind == QuestionKind.NAME && !AboutWhat.names(facts(p)) ? 1 : 0)
        .thenComparingInt(p -> kindsCounted && !QuestionKind.LIST.statedIn(facts(p)) ? 1 : 0));
    return out;
  }

  /**
   * Whether a passage's figure counts what the question counts: "有几多张床" is not answered by "1个老年公寓",
   * nor "每个社区分到几多" by a district's yearly total; "每户每月交几多" is by "每户每月只交10元".
   */
  static boolean sameUnit(String question, String passage) {
    Matcher measure = ASKED_MEASURE.matcher(question);
    Matcher people = ASKED_PEOPLE.matcher(question);
    passage = AboutWhat.withoutGroupSizes(question, passage);
    String counted = measure.find() ? measure.group(1) : people.find() ? (people.group(2) != null ? "人口" : "人") : null;
    if (counted != null && !AboutWhat.pattern("[\\d一二三四五六七八九十两百千万]\\s*(余|多)?(" + sameMeasure(counted) + ")")
        .matcher(passage).find()) {
      return false;
    }
    Matcher each = ASKED_EACH.matcher(question);
    Matcher ours = ASKED_OURS.matcher(askingClause(question));
    String unit = each.find() ? (each.group(1) != null ? each.group(1) : each.group(2))
        : ours.find() ? ours.group(1) : null;
    if (unit != null) {
      String units = sameHousehold(unit);
      // "每个格子" is answered per 网格: the passage's unit word may carry one more character before it.
      return AboutWhat.pattern("每(个|一个|一)?[\\u4e00-\\u9fa5&&[^户人家月年天周个]]?(" + units + ")|(" + units + ")均")
          .matcher(passage).find();
    }
    return true;
  }

  /** 每家 and 每户 both count households: "每家每个月交几多" is answered by "每户每月只交10元". */
  private static String sameHousehold(String unit) {
    return unit.equals("家") || unit.equals("户") ? "家|户" : unit;
  }

  /** A measure word and those that count the same thing (人, 名, 位: people). */
  private static String sameMeasure(String measure) {
    return switch (measure) {
      case "名", "位" -> "人|名|位";
      case "家", "所" -> "家|所|个";
      // "管几多人口" counts residents: "一名网格员" is no count of them.
      // "一人一格" is one worker to a grid, no count of people either.
      case "人口" -> "人(?![员一])";
      case "人" -> "人(?!一)|名|位";
      default -> measure;
    };
  }

  /**
   * Whether a word names the article's subject (its title): such a word says which article answers, not which of
   * its passages ("千家街社区七八九网格驻的街道干部是哪个": 街道干部 is the article's subject, 千家街 the passage's).
   */
  private static boolean names(Article a, String word) {
    return a.title().contains(word);
  }

  /**
   * The first term a question names that the text does not. A line of the terms file may list words for one
   * thing ("工资 薪水 月薪"): a text naming any of them names it.
   */
  private static Optional<String> named(String question, List<String> terms, String text) {
    return named(question, terms, text::contains);
  }

  /** The first term a question names that no text {@code names} accepts names (a line's words are one thing). */
  private static Optional<String> named(String question, List<String> terms, Predicate<String> names) {
    for (String line : terms) {
      String[] words = WORDS.split(line);
      Optional<String> asked = Arrays.stream(words).filter(question::contains).findFirst();
      if (asked.isPresent() && Arrays.stream(words).noneMatch(names)) {
        return asked;
      }
    }
    return Optional.empty();
  }

  /**
   * The last clause of a question long enough to ask something: residents put the question last, and a
   * circumstance after it ("民生保险要不要我个人掏腰包啊 我退休工资不高") asks nothing, so the last clause with an
   * asking word is taken when there is one.
   */
  static String askingClause(String question) {
    String[] clauses = CLAUSE_BREAK.split(question.strip());
    for (int i = clauses.length - 1; i >= 0; i--) {
      if (clauses[i].length() >= MIN_CLAUSE_CHARS && ASKING.matcher(clauses[i]).find()) {
        return clauses[i];
      }
    }
    for (int i = clauses.length - 1; i >= 0; i--) {
      if (clauses[i].length() >= MIN_CLAUSE_CHARS) {
        return clauses[i];
      }
    }
    return question;
  }

  /**
   * Every clause that asks something ("民生保险有效期到么时候 过了年还要续吗" asks two things), or the asking clause
   * when none says it asks in words.
   */
  static String askingClauses(String question) {
    StringBuilder out = new StringBuilder();
    for (String clause : CLAUSE_BREAK.split(question.strip())) {
      if (clause.length() >= MIN_CLAUSE_CHARS && ASKING.matcher(clause).find()) {
        out.append(clause).append(' ');
      }
    }
    return out.length() > 0 ? out.toString() : askingClause(question);
  }

  /**
   * Whether a figure is per the period the question asks for: "梅苑的保安一个月拿几多" is not answered by a
   * figure without one, "一户人家一年保费是好多" is by "每户每年4元".
   */
  static boolean samePeriod(String question, String passage) {
    return !ASKED_PERIOD.matcher(question).find() || STATED_PERIOD.matcher(passage).find();
  }

  /** Whether a question names a year later than the passage's ("2025年的"). */
  static boolean laterYear(String question, int passageYear) {
    Matcher m = YEAR_NAMED.matcher(AboutWhat.spelledYears(question));
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) > passageYear) {
        return true;
      }
    }
    return false;
  }

  /**
   * A passage's text without the sentences admitting what the report leaves out ("报道没写申请条件和办法,想了解可以问…窗口"):
   * such a pointer says where to ask, not how to apply.
   */
  private static String withoutAdmissions(String text) {
    StringBuilder out = new StringBuilder();
    for (String sentence : Passages.sentences(text)) {
      if (!ADMITS.matcher(sentence).find()) {
        out.append(sentence);
      }
    }
    return out.toString();
  }

  /** The paragraph of an article's text that holds a passage ("报道里有这样的例子:…" opens it), or the passage. */
  private static String paragraphOf(String body, String passage) {
    for (String paragraph : body.split("\n\\s*\n")) {
      if (paragraph.contains(passage)) {
        return paragraph;
      }
    }
    return passage;
  }

  /** A passage's text without its pointers to a person. */
  private static String facts(PassageMatch p) {
    StringBuilder out = new StringBuilder();
    for (String sentence : Passages.sentences(p.passage().text())) {
      if (!POINTER.matcher(sentence).find()) {
        out.append(sentence);
      }
    }
    return SOURCE_DATE.matcher(out).replaceAll("");
  }
}
