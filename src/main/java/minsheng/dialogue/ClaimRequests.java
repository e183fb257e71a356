package minsheng.dialogue;

import java.util.regex.Pattern;
import minsheng.claims.Peril;
import minsheng.claims.PerilClassifier;
import minsheng.claims.Policy;

/**
 * What a message says about a claim before one is open: it asks to file one ("家里被淹了 想报案"), asks how to file
 * for a loss of the resident's own ("我家昨天被水淹了 这个要怎么报案": the form is the answer), or tells such a loss
 * without asking to file ("救人落了残疾 听说民生保险能赔": the form is offered).
 */
final class ClaimRequests {
  static final Pattern CLAIM_WORDS = Pattern.compile("报案|报个案|理赔|报险|申请赔|要赔|报民生保险|申请民生保险"
      + "|(?:报|申请)[^,,。?？]{0,6}民生保险"
      // "你帮我登记一下", "麻烦帮她登记": asked to be registered, with the loss told beside it
      + "|(?:帮|给)(?:我|她|他|我们|忙)?登记");
  /**
   * "那帮我报一下", "要的 现在报", "那就报", "能赔就报", "好 那我报": a request to file that names nothing (the loss was told
   * before, or the form was offered).
   */
  static final Pattern FILE_IT = Pattern.compile(
      "帮我报|给我报|现在报|那就报|就报吧|能赔就报|帮(?:他|她)报|^(那|好|要的?|嗯|行)?[\\s,,]*(?:那?我(?:就|想|要)?)?报(一下|下|吧|呗|哈|撒)?$");

  /** "么样报", "怎么申请": how to file, said without 报案 ("厨房着火 油烟机烧了 么样报"). */
  static final Pattern HOW_TO_FILE = Pattern.compile("(怎么|怎样|如何|咋|么样|哪么)(样|个)?(报|申请|理赔|登记)");
  private static final Pattern HOW = Pattern.compile("(怎么|怎样|如何|咋|么样|哪么)(样|个)?(报|申请|理赔|弄|办|搞|登记|整)|么办");
  /** The resident's own: 我, 我家, 家里, 屋里, 自己 (a question about "a house" in general is no such thing). */
  private static final Pattern OWN = Pattern.compile("我|自己|家里|屋|俺|咱|厨房|客厅|卧室|阳台|卫生间|厕所|一楼|楼顶");

  /**
   * The wish to file said last ("…能不能申请民生保险 我想报", "能报的话我要报", "可不可以 帮我报一下"): whatever was asked
   * before it, the resident wants the form.
   */
  private static final Pattern WISH_AT_END = Pattern.compile("(?:(?:想|要)(?:报|申请|登记)|(?:帮我|给我)(?:报|申请|登记))"
      + "(?:一下|下|个案|案|了|吧|哈)?[\\s。.!！~]*$");

  /** "帮邻居救火…": the teller helped someone (a general question about bravery says no such thing). */
  private static final Pattern HELPED = Pattern.compile("帮(?:邻居|人|别人|忙)");

  /** An ID number or a mobile: a resident who gives these with their loss is filing, not asking. */
  private static final Pattern PERSONAL_NUMBER = Pattern.compile("[0-9]{11}");

  private final PerilClassifier perils;
  private final SlotReader reader;

  ClaimRequests(Policy policy, SlotReader reader) {
    this.perils = policy.perilClassifier();
    this.reader = reader;
  }

  /**
   * It says 报案 or 理赔 (or the like) and names what happened or what was lost, or gives the resident's ID number
   * or phone with it (the form asks the cause a resident told in words it does not know); or it tells a covered loss
   * of the resident's own together with their ID number or phone (everything in one voice message): a claim either
   * way.
   */
  boolean startsAClaim(String normalized) {
    boolean personal = PERSONAL_NUMBER.matcher(normalized.replaceAll("[\\s-]", "")).find();
    return CLAIM_WORDS.matcher(normalized).find() && (reader.namesALoss(normalized) || personal)
        || HOW_TO_FILE.matcher(normalized).find() && tellsOwnLoss(normalized)
        || personal && tellsOwnLoss(normalized);
  }

  /** A covered loss told or named, then the wish to file it, after a question or not ({@link #WISH_AT_END}). */
  boolean wantsToFile(String normalized) {
    return WISH_AT_END.matcher(normalized).find() && (startsAClaim(normalized) || tellsOwnLoss(normalized));
  }

  /** "这个要怎么报案" about a covered loss of the resident's own. */
  boolean asksHowToFileOwnLoss(String normalized) {
    return startsAClaim(normalized) && HOW.matcher(normalized).find() && ownCoveredLoss(normalized);
  }

  /**
   * A covered peril that hit the resident or their home, told in their own words: a loss named, or a disaster or
   * a fire at home.
   */
  boolean tellsOwnLoss(String normalized) {
    return ownCoveredLoss(normalized) && (!perils.lossTypes(LossWords.familyNotHouse(normalized)).isEmpty()
        || perils.classify(normalized) instanceof PerilClassifier.Covered c
            && LossWords.homeHit(c.peril(), normalized))
        || hurtInAnActOfBravery(normalized);
  }

  /**
   * "帮邻居救火把手烧了", "我老公拦抢包的被摩托车撞了 腿骨折了": hurt while helping — the teller or their family, as
   * nobody tells a stranger's injury to file it; the policy pays bravery injuries. Or killed: "他跳下去救 伢救上来了
   * 他自己没上来" is the bereaved family's loss, the gravest the policy pays.
   */
  private boolean hurtInAnActOfBravery(String normalized) {
    return perils.classify(normalized) instanceof PerilClassifier.Covered c && c.peril() == Peril.BRAVERY
        && (LossWords.injured(normalized) || LossWords.diedInIt(normalized) || LossWords.personGone(normalized))
        && (OWN.matcher(normalized).find() || HELPED.matcher(normalized).find());
  }

  private boolean ownCoveredLoss(String normalized) {
    return OWN.matcher(normalized).find() && perils.classify(normalized) instanceof PerilClassifier.Covered;
  }
}
