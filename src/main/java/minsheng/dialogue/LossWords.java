package minsheng.dialogue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import minsheng.claims.Peril;

/**
 * What was lost when residents do not name it the policy's way: "烧到我家大门和客厅" after a fire is the house
 * damaged, "老伴走了" at the loss question a death, and in Wuhan "屋里老头子" is the husband, not the house. The
 * policy's own words ({@code conf/policy.yaml}) come first; these only fill in what they leave unsaid.
 */
final class LossWords {
  /** Parts of a home and what is in it: a disaster or a fire that reached them damaged the home. */
  private static final String HOME_THINGS = "房|厅|卧室|厨房|厕所|卫生间|阳台|门|窗|天花板|吊顶|墙|地板|柜|沙发|床|冰箱"
      + "|洗衣机|电视|电器|楼顶|顶楼|太阳能|热水器|空调|雨棚|车棚|玻璃|家具|家电";
  private static final Pattern HOME = Pattern.compile("家|屋|" + HOME_THINGS);
  /** A part of the home or what is in it, named as a thing ("窗户换新的花了两千"), not the household (我家). */
  private static final Pattern HOME_THING = Pattern.compile(HOME_THINGS);
  /** A person hurt or killed: then the loss is asked, not taken to be the house alone. */
  private static final Pattern PERSON_HARMED = Pattern.compile(
      "伤|死|去世|过世|身故|牺牲|遇难|不在了|没救|抢救|残|丧命|住院|骨折");
  /** At the loss question, a person gone in everyday words ("人冇得了", "老伴走了", "他不在了"). */
  private static final Pattern PERSON_GONE = Pattern.compile(
      "(人|他|她|爸|妈|爹|娘|爷|奶|婆|公|伴|儿子|女儿|伢|孩子|老头|老太|老人|父亲|母亲|丈夫|老公|妻子|老婆|哥|姐|弟|妹)"
          + "[^,,。\\s]{0,3}(走了|没了|冇了|冇得了|不在了|过身|去了|没气了|咽气|断气)");
  /**
   * A death told the everyday way anywhere in a story, not only at the loss question: someone trapped under or in
   * something and then gone ("人压在底下 走了", "父亲被压在下面走了"), or who never came up or out ("他自己没上来",
   * "压在里面没救出来"). "走了" alone is not enough (people leave); it must follow being trapped.
   */
  private static final Pattern DIED_IN_IT = Pattern.compile(
      "当场[^,,。\\s]{0,2}(?:没了|走了|死了|不行了|没气了)"
          + "|(压|埋|困|砸|卡)(在|到)?了?(里面|里头|里边|下面|下头|底下|屋里|房里|水里)[\\s,,]{0,2}(就)?"
          + "(走了|没了|冇了|冇得了|不在了|去了|没气了|死了|没救过来|冇救过来|没救出来|冇救出来|没出来|冇出来)"
          // "捞上来的时候已经不行了", "送到医院抢救了一天 还是走了", "等我们挖出来已经不行了": found or treated, then gone
          + "|(抢救|送到医院|送医院|送去医院|捞上来|捞起来|挖出来|救出来|找到)[^,,。]{0,12}?(已经|还是|最后|终究)"
          + "(不行了|没气了|走了|没了|去了|冇了)"
          + "|(自己|人|他|她|爸爸?|妈妈?|父亲|母亲|老伴|丈夫|老公|妻子|老婆|哥哥?|弟弟?|姐姐?|妹妹?|儿子|女儿|爷爷|奶奶|公公|婆婆)"
          + "(就|再也|最后|终究|却|还是)?(没|冇|没有|没能|冇能)(救上来|醒过来|活过来|挺过来|抢救过来)"
          // "他没上来吃饭", "没上来过": what follows makes it something else.
          + "(?![\\p{IsHan}&&[^了啊呀哦的]])");
  /** "他自己没上来" in the water: never came up. Without water in the story it is only "did not come upstairs". */
  private static final Pattern NEVER_SURFACED = Pattern.compile(
      "(没|冇|没有|没能|冇能)(浮上来|上来)(?![\\p{IsHan}&&[^了啊呀哦的]])");
  private static final Pattern WATER = Pattern.compile("水|江|河|湖|塘|海|淹|冲走|卷走|落水|溺");
  /** Wuhan 屋里 + a relative: the family ("我屋里老头子" is my husband), not the house. */
  private static final Pattern FAMILY_AT_HOME = Pattern.compile(
      "屋里的?(?=老头子|老头|老伴|老公|老婆|老娘|老爹|爹爹|婆婆|爷爷|奶奶|伢|孩子|人|那口子|老的|老人)");

  /** A person hurt (for bravery: the injury whose disability grade is assessed later). */
  private static final Pattern INJURED = Pattern.compile("伤|骨折|住院|缝了|针|流血|砍|划|断了|捅|刺|扎了|咬|打断|摔断|烫"
      + "|住了[^,,。\\s]{0,5}院|医院|呛了?水|抽筋|撞倒|被[^,,。\\s]{0,4}撞了|跛|落下毛病|评了残"
      + "|(?:手|脚|腿|脸|腰|头|背|胳膊|身上)[^,,。\\s]{0,2}(?:烧了|烧坏|摔|砸|撞)");

  /** Treatment paid for: a person was hurt ("医药费花了六千", "手术加住院"). */
  private static final Pattern TREATED = Pattern.compile("医药费|医疗费|药费|住院费|手术|治疗费|看病花|缝针|缝了[0-9一二三四五六七八九十几好多]*针");
  /**
   * A person hurt, in a story of a disaster or a fire: the injury itself said ("手被烧伤了", "腿骨折住院了", "脚划伤了 缝了
   * 好多针"), not a thing broken ("树枝压断了") nor a snack (麻辣烫).
   */
  private static final Pattern HURT = Pattern.compile("受伤|受了伤|[烧炸烫划砸摔割撞咬刺扎压戳碰]伤|骨折|骨头断|住院|住了[^,,。\\s]{0,5}院"
      + "|伤(?:到|得|了)|(?:腿|手|脚|胳膊|腰|手臂|手腕|肋骨)[^,,。\\s]{0,3}(?:断了|摔断|砸断|压断)|(?:砸断|摔断|压断)了?[^,,。\\s]{0,2}(?:腿|手|脚|胳膊)"
      + "|" + TREATED.pattern());
  /** A clause saying nobody was hurt, or that someone else was ("幸好人没受伤", "邻居受了伤"). */
  private static final Pattern NOT_HURT = Pattern.compile("没|冇|未|差点|差一点|险些|幸好|还好|好在|邻居|别人|路人|消防|对方|小偷|歹徒|要不要|会不会");
  /**
   * A part of the home or what is in it, damaged ("厨房也炸毁了", "床也烧了", "窗户被大风吹爆了"); not a door gone out of
   * (出门, 门口) nor 屋里, which is only where it happened.
   */
  private static final Pattern HOME_DAMAGED = Pattern.compile("(?<![出进上开])(?:" + HOME_THINGS + "|屋(?!里))(?!口)"
      + "[^,,。;;\\s]{0,6}?(?:坏|烧|塌|垮|毁|淹|炸|泡|漏|碎|破|爆|黑|裂|倒|掀|熏|穿)");

  /**
   * A loss not claimed, said the resident's way: "围墙就不报了", "房子的不用报", "家具不算", "屋里冇损失"; not a question
   * ("报不报", "算不算").
   */
  static final Pattern NOT_CLAIMED = Pattern.compile("不用报|(?<!报)不报|不要报|不想报|不申请|(?<!算)不算|不要了|没损失|没有损失|冇损失|冇得损失");
  private static final Pattern CLAUSE = Pattern.compile("[\\s,,。;;!!]+");

  private LossWords() {
  }

  /** The clauses of {@code t} that decline a loss ("围墙就不报了" of "围墙就不报了 主要是我奶奶的伤 报两万"). */
  static List<String> declinedClauses(String t) {
    return Arrays.stream(CLAUSE.split(t)).filter(c -> NOT_CLAIMED.matcher(c).find()).toList();
  }

  /** {@code t} without its declining clauses: what names a loss there is not claimed. */
  static String withoutDeclined(String t) {
    return Arrays.stream(CLAUSE.split(t)).filter(c -> !NOT_CLAIMED.matcher(c).find()).collect(Collectors.joining(" "));
  }

  /** Treatment paid for, in a part of an answer about money ("我妈医药费花了六千"). */
  static boolean treated(String t) {
    return TREATED.matcher(t).find();
  }

  /**
   * In a disaster's or a fire's story, the resident or their family hurt: a clause that says an injury and neither
   * that nobody was hurt nor that it was someone else.
   */
  static boolean hurt(String t) {
    for (String clause : t.split("[\\s,,。;;!!]+")) {
      Matcher m = HURT.matcher(clause);
      if (m.find() && !NOT_HURT.matcher(clause).find()) {
        return true;
      }
    }
    return false;
  }

  /** A clause of the story that says a part of the home, or what is in it, was damaged. */
  static boolean homeDamaged(String t) {
    return HOME_DAMAGED.matcher(t).find();
  }

  /** Hurt in the act ("被推倒摔伤了腰", "摔断了手腕"): no disability named, none ruled out. */
  static boolean injured(String t) {
    return INJURED.matcher(t).find();
  }

  /** The message with the Wuhan family 屋里 written 家里, so the policy's house word 屋里 does not read it. */
  static String familyNotHouse(String t) {
    return FAMILY_AT_HOME.matcher(t).replaceAll("家里");
  }

  /** A natural disaster or a fire that reached the home, with no person hurt: the house damage is meant. */
  static boolean homeHit(Peril peril, String t) {
    return (peril == Peril.NATURAL_DISASTER || peril == Peril.FIRE_EXPLOSION) && HOME.matcher(t).find()
        && !PERSON_HARMED.matcher(t).find() && !personGone(t) && !diedInIt(t);
  }

  /** A part of an answer about a person, not the home: "我爸的按十万报", "老人家的按十万", "腿断了". */
  private static final Pattern A_PERSON = Pattern.compile(
      "爸|妈|爹|娘|爷|奶|公公|婆婆|老人|老伴|老头|老太|丈夫|老公|妻子|老婆|儿子|女儿|孩子|伢|他的|她的|人的|本人|我的(?:伤|腿|手)"
          + "|伤|残|医药|医疗|药费|住院|治疗|看病");
  /** A part of the body: about a person, unless a thing of the home is named with it ("床头柜大概三千"). */
  private static final Pattern BODY = Pattern.compile("腿|手|脚|腰|脸|头");

  static boolean aboutAPerson(String part) {
    return A_PERSON.matcher(part).find() || BODY.matcher(part).find() && !HOME_THING.matcher(part).find();
  }

  /**
   * The home itself named the Wuhan way ("屋按两万算", "老屋算一万五"); "屋里" is left out, as it is also the family
   * ("屋里老头子") or only "at home".
   */
  private static final Pattern THE_HOUSE = Pattern.compile("屋(?!里)");

  /** The part names a thing of the home, or the home itself: its figure is the house damage. */
  static boolean homeThing(String part) {
    return HOME_THING.matcher(part).find() || THE_HOUSE.matcher(part).find();
  }

  /** Anywhere in a story: someone trapped and gone, or who never came up ({@link #DIED_IN_IT}). */
  static boolean diedInIt(String t) {
    return DIED_IN_IT.matcher(t).find() || NEVER_SURFACED.matcher(t).find() && WATER.matcher(t).find();
  }

  /** At the loss question: a person has died, said the everyday way. */
  static boolean personGone(String t) {
    return PERSON_GONE.matcher(t).find();
  }
}
