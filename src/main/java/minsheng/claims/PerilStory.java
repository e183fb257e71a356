package minsheng.claims;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peril a story tells when it names none in the policy's words. Residents describe what happened with the verb
 * they think of ("小太阳把沙发引燃了", "整个屋都烧光了", "塑钢窗也烧化了", "院墙被吹垮了"), and no list of whole words keeps
 * up with them. So a peril is read from its root — burning (烧, 燃, 焚), fire as a thing (火星, 火势, 大火), wind
 * pushing something over (吹倒, 刮塌), water getting in (水漫, 倒灌) — used as a verb with a result or a thing it
 * reached, in a clause that is not about one of the many other uses of the same root: a fever (发烧), cooking
 * (烧菜, 烧开水), a fuel as a utility (燃气费), an offering (烧纸, 烧香), a train (火车).
 *
 * <p>The classifier consults this only when no policy word matched, so the policy's words still decide wherever
 * they apply.
 */
final class PerilStory {
  /**
   * One root family: what tells the peril, the other meanings of its root (blanked out before looking), and what
   * else the message must tell for it to count (null: nothing).
   */
  private record Family(Peril peril, Pattern tells, Pattern otherMeanings, Pattern damage) {
    Family(Peril peril, Pattern tells, Pattern otherMeanings) {
      this(peril, tells, otherMeanings, null);
    }
  }

  /**
   * Other meanings of the fire roots: illness, cooking and food, offerings, smoking, fuel as a utility or a bill,
   * heat as a figure of speech (上火, 发火, 火爆), vehicles and things named with 火.
   */
  private static final Pattern NOT_FIRE = Pattern.compile(
      "(?<!沙)发烧|高烧|低烧|退烧|烧退|烧还没退|烧到[0-9三四]+度|烧心|烧脑|烧钱"
          + "|烧饭|烧菜|烧水|烧开|烧汤|烧肉|烧鱼|烧鸡|烧鹅|烧腊|烧烤|烧饼|烧麦|烧卖|烧酒|红烧|干烧|叉烧|烧糊|烧焦了?(?:的)?(?:饭|菜|锅底)"
          + "|烧纸|烧香|烧钱纸|烧包袱|烧衣|烧冥|上坟"
          + "|燃气(?:费|公司|表|灶|卡|热水器)?|燃料|燃油|天然|燃放|燃眉"
          + "|火车|火锅|火腿|(?<![晚早楼马路街])上火|(?<![引沙])发火|火气|火急|火爆|火柴|火龙果|打火机|火候|火化|肝火|火辣|火热|红火|火箭|火山|灭火器|防火|消防");
  /**
   * Burning as a verb with its result ("烧光了", "烧化了", "烧得一塌糊涂", "引燃了", "点燃了", "焚毁"), or set off by
   * something ("把沙发引燃"); fire as a thing that spread ("火星子飘上来", "火势", "大火", "明火", "火烧到…").
   */
  private static final Pattern FIRE_TOLD = Pattern.compile(
      "(?:引|点|烤|熏)燃|燃(?:了|起|着|烧|到|尽|成)|[烧焚](?:了|着|起|光|毁|坏|掉|黑|焦|化|穿|塌|成|到|得|没|完|死|伤|烂|透|通|尽|糊了)"
          + "|被[^,,。;;\\s]{0,4}烧|火(?:星|苗|势|光|焰|舌|海|情|烧)|(?:大|明|着|起|失|一把)火|浓烟|黑烟");
  /** Wind, said or not, pushing something over or away: "院墙被吹垮了", "树刮倒了", "雨棚掀翻了". */
  private static final Pattern WIND_TOLD = Pattern.compile(
      "(?:吹|刮)(?:倒|垮|塌|断|飞|翻|跑|落|掉下|下来|歪|裂|破|烂)|掀(?:翻|飞|掉|走|开了)");
  /** Not wind: hair dried (吹头发), a scratch on a car (刮花), a shave, a lottery card (刮奖). */
  private static final Pattern NOT_WIND = Pattern.compile("吹头|吹风机|吹牛|刮花|刮胡|刮痧|刮奖|刮彩|刮刮");
  /**
   * Wind as a thing, strong ("刮那么大的风", "风好大", "起了狂风"): a peril only with damage told beside it ({@link #FELL}).
   */
  private static final Pattern STRONG_WIND = Pattern.compile(
      "(?:刮|起|吹)[^,,。;;\\s]{0,5}风|风[^,,。;;\\s]{0,2}(?:好|很|太|特别|蛮|几|那么|这么|超级)大|(?:狂|妖|大|台)风|阵风");
  /** What a storm does to a home or what stands by it: fell, broke, crushed, tore off. */
  private static final Pattern FELL = Pattern.compile("倒|塌|垮|碎|砸|裂|断|掀|刮|吹|破|坏|飞");
  /** Water coming in: "水漫进来", "雨水倒灌", "水一下子涨起来", "水齐胸了", "泡在水里". */
  private static final Pattern WATER_TOLD = Pattern.compile(
      "水[^,,。;;\\s]{0,4}(?:漫|灌|涌|涨|冲进|冲垮|冲走|冲坏|没过|齐腰|齐胸|齐膝|到膝盖|到腰)|倒灌|漫进|灌进|泡在水里|被水泡|水泡了");
  /** Not weather's water: a pipe, a tap, a machine, or a neighbour's. */
  private static final Pattern NOT_WEATHER_WATER = Pattern.compile("水管|水龙头|自来水|热水器|洗衣机|马桶|楼上[^,,。;;\\s]{0,3}漏");

  private static final List<Family> FAMILIES = List.of(
      new Family(Peril.FIRE_EXPLOSION, FIRE_TOLD, NOT_FIRE),
      new Family(Peril.NATURAL_DISASTER, WIND_TOLD, NOT_WIND),
      new Family(Peril.NATURAL_DISASTER, WATER_TOLD, NOT_WEATHER_WATER),
      new Family(Peril.NATURAL_DISASTER, STRONG_WIND, NOT_WIND, FELL));

  private static final Pattern CLAUSE = Pattern.compile("[\\s,,。;;!!??]+");
  /** "没有起火", "不是火灾那种": ruled out, not told. */
  private static final Pattern RULED_OUT = Pattern.compile("(?:没有?|冇|不是|并没|未)[^,,。;;\\s]{0,2}$");

  private PerilStory() {
  }

  /** The peril the story tells and the words that told it, the first family in the text winning. */
  record Told(Peril peril, String words) {
  }

  /** {@code normalized}: {@link ClaimText#normalize}d, with its spaces (clauses are judged one by one). */
  static Optional<Told> read(String normalized) {
    for (String clause : CLAUSE.split(normalized)) {
      Told first = null;
      int firstAt = Integer.MAX_VALUE;
      for (Family f : FAMILIES) {
        if (f.damage() != null && !f.damage().matcher(blank(normalized, f.tells())).find()) {
          continue;
        }
        // The other meanings are blanked in place (by a clause mark, which no pattern reaches across).
        String left = blank(clause, f.otherMeanings());
        Matcher m = f.tells().matcher(left);
        while (m.find()) {
          if (!RULED_OUT.matcher(left.substring(0, m.start())).find() && m.start() < firstAt) {
            firstAt = m.start();
            first = new Told(f.peril(), m.group());
            break;
          }
        }
      }
      if (first != null) {
        return Optional.of(first);
      }
    }
    return Optional.empty();
  }

  private static String blank(String clause, Pattern p) {
    return p.matcher(clause).replaceAll(m -> "。".repeat(m.group().length()));
  }
}
