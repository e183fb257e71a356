package minsheng.dialogue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import minsheng.claims.Peril;
import minsheng.claims.PerilClassifier;
import minsheng.claims.Policy;

/**
 * Whether a question asking what the insurance covers ("屋里家具泡坏了赔不赔", "我伢下河救人受了伤 民生保险管不管")
 * is answered by what an article states. The articles state three perils and two kinds of loss (a home's damage, a
 * person's death or disability); the contract's loss types are the same. So a question is answered only when what
 * happened is one of those perils (as the claim form's own classifier reads it) and every thing it asks to have
 * paid for is something the article names: furniture, a car, a pet, medical bills, a rented home or a second claim
 * are not stated, by implication or otherwise, and go to a person. A question about a covered peril is answered by
 * a passage naming that peril, not by one about who runs the insurance.
 */
final class Coverage {
  /** Asking whether something is covered or paid: 赔不赔, 能赔吗, 管不管, 算不算, 报不报, 能找民生保险不. */
  private static final Pattern ASKS = Pattern.compile(
      "赔不赔|陪不陪|能不能[^,,。\\s]{0,4}(赔|陪|报|保)|(能|可以|会)[^,,。\\s]{0,3}(赔|陪)[吗么啵吧不撒啊呀]|(赔|陪)[吗么啵]|(赔|陪|管)吧$"
      + "|管不管|管[吗啵]|管[^,,。\\s]{0,2}不$|算不算|报不报|能报[吗么啵不]|保不保|包不包括|给不给赔|(保险|险)[^,,。\\s]{0,3}给不给(报|保)|认不认"
      + "|(赔|陪)[^,,。\\s]{1,4}还是(赔|陪)"
      + "|(能|可以)[^,,。\\s]{0,2}(找|走|用)[^,,。\\s]{0,6}(保险|保线|保嫌|宝险|险)[^,,。\\s]{0,2}(吗|么|啵|不|撒)"
      + "|(理赔|理陪)[吗么啵不]|在不在[^,,。\\s]{0,6}(保|范围)|(属于|在)[^,,。\\s]{0,6}(保障|赔付)?范围"
      + "|(赔|陪|管|报|保)[^,,。\\s]{0,5}[不啵吗么撒][咯啊呀哦撒]?$");
  /** A payout asked of the insurance: an amount or a maximum about 赔 or 报, which also needs the thing paid for. */
  private static final Pattern PAYOUT = Pattern.compile("赔|陪|报|保险|保线|宝险|民生险");
  /** What happened, told: someone hurt or killed, or something damaged, lost or destroyed. */
  private static final Pattern HARM = Pattern.compile(
      "伤|断了|骨折|死|没了|冇了|坏|烧|炸|淹|泡|塌|垮|漏|冲走|损|砸|掀|劈|住院|缝了|捅|砍|偷|被盗|被抢");
  /**
   * What a covered peril is told with when the claim form's classifier does not place it ("山坡滑下来", "有人抢包我去追"):
   * weather, water, fire, a rescue or a thief. A harm told without any of these ("在学校摔断了腿") is no peril the
   * articles name.
   */
  private static final Pattern PERIL_HINT = Pattern.compile(
      "风|雨|水|雷|雪|冰|雹|山|坡|地震|洪|涝|火|烧|炸|爆|燃|救|追|歹徒|见义勇为");
  /**
   * A thief or robber told: a peril (见义勇为) only with someone stopping them ("有人抢包我去追"); the resident's own
   * things stolen ("屋里遭了贼 被偷的东西") are no peril the articles name.
   */
  private static final Pattern THEFT = Pattern.compile("偷|贼|盗|抢|劫");
  private static final Pattern STOPPED = Pattern.compile("追|抓|救|拦|制止|见义勇为|帮");
  private static final Pattern WORDS = Pattern.compile("\\s+");

  private final PerilClassifier perils;
  private final Policy policy;
  private final List<String> losses;

  /** {@code losses}: lines of things a resident may ask to have paid for that no article names (one thing a line). */
  Coverage(Policy policy, List<String> losses) {
    this.policy = policy;
    this.perils = policy.perilClassifier();
    this.losses = losses;
  }

  /** Whether the question asks whether something is covered ("赔不赔", "管不管", "算不算"). */
  static boolean asks(String question) {
    return ASKS.matcher(question).find();
  }

  /** "这个能报吗", "能报民生保险吗": asked whether it can be filed, which the claim form answers. */
  private static final Pattern TO_FILE = Pattern.compile("(能|可以|能不能|可不可以)[^,,。\\s]{0,2}报(?!销)|报不报");

  /**
   * Whether a message asks a question about the cover rather than to file: whether something is covered
   * ("家具能赔吗", "我伢下河救人受了伤 赔不赔"), or whether a loss can be filed when the clause that asks names a
   * thing no article names ("医药费民生保险报不报"). "打雷把电视劈坏了 这个能报吗" asks to file: the form.
   */
  boolean asksAboutCover(String question) {
    return asks(question) && (!TO_FILE.matcher(question).find()
        || notStated(Answerability.askingClause(question), "").isPresent());
  }

  /** Whether a question of this kind asks about the insurance's cover or payout. */
  static boolean about(String question, QuestionKind kind) {
    return asks(question) || (kind == QuestionKind.AMOUNT || kind == QuestionKind.CAP || kind == QuestionKind.COUNT)
        && PAYOUT.matcher(question).find();
  }

  /**
   * What the question asks to have covered that the article does not state: a thing no word of whose line the
   * article's text uses ("家具", "医药费", "租的"), or what happened when it is not a covered peril ("在学校摔断了腿").
   */
  Optional<String> notStated(String question, String articleText) {
    for (String line : losses) {
      String[] words = WORDS.split(line);
      Optional<String> asked = Arrays.stream(words).filter(w -> harmed(question, w)).findFirst();
      if (asked.isPresent() && Arrays.stream(words).noneMatch(articleText::contains)) {
        return Optional.of(asked.get() + "能不能赔");
      }
    }
    if (asks(question) && HARM.matcher(question).find()) {
      PerilClassifier.Result told = perils.classify(LossWords.familyNotHouse(question));
      // "伤残了赔得到十万块不" tells no event and asks about the amount: the caps answer it, not a peril.
      if (told instanceof PerilClassifier.Uncovered
          || told instanceof PerilClassifier.Unclear && !hinted(question) && !NAMED_AMOUNT.matcher(question).find()) {
        return Optional.of("这种情况能不能赔");
      }
    }
    return Optional.empty();
  }

  /** An amount the question names to check it: 十万块, 5万, 2000元. */
  private static final Pattern NAMED_AMOUNT = Pattern.compile("[\\d一二两三四五六七八九十百千]+\\s*(万|千)?\\s*(块|元|万)");

  /** Whether what happened sounds like a covered peril: weather, water, fire, a rescue, a thief someone stopped. */
  private static boolean hinted(String question) {
    return PERIL_HINT.matcher(question).find()
        || THEFT.matcher(question).find() && STOPPED.matcher(question).find();
  }

  /** Whether the question names a thing as what was lost, not as what did the harm ("被摩托车撞了"). */
  private static boolean harmed(String question, String thing) {
    for (int at = question.indexOf(thing); at >= 0; at = question.indexOf(thing, at + 1)) {
      int by = at == 0 ? -1 : question.lastIndexOf('被', at - 1);
      int after = at + thing.length();
      String next = question.substring(after, Math.min(question.length(), after + 3));
      boolean agent = by >= 0 && by >= at - 4 && next.chars().anyMatch(c -> AGENT.indexOf(c) >= 0)
          || BLEW_UP.matcher(next).lookingAt() && HURT_AFTER.matcher(question.substring(after)).find();
      if (!agent) {
        return true;
      }
    }
    return false;
  }

  /**
   * A thing that blew up or caught fire, with a person or the home harmed after it ("热水器炸了伤了人"): the fire or
   * explosion is the peril, the thing its cause, not what is asked to be paid for.
   */
  private static final Pattern BLEW_UP = Pattern.compile("[了的]?(炸|爆|着火|起火|失火|燃)");
  private static final Pattern HURT_AFTER = Pattern.compile("伤|死|人|房|屋|家");

  /** What a thing does when it is the harm's agent: 被车撞了, 被柜子砸了. */
  private static final String AGENT = "撞压砸碾轧刮挂拖咬抓";

  /**
   * The names of the covered perils an answer must state: the one the question tells of (自然灾害, 见义勇为…), or,
   * when what happened sounds like one the classifier does not place ("山坡滑下来", "有人抢包我去追"), all of them —
   * the list of what is covered answers it. Empty when the question tells of no harm that could be covered.
   */
  List<String> perilsTold(String question) {
    PerilClassifier.Result told = perils.classify(LossWords.familyNotHouse(question));
    if (told instanceof PerilClassifier.Covered c) {
      return List.of(policy.label(c.peril()));
    }
    if (told instanceof PerilClassifier.Unclear && HARM.matcher(question).find() && hinted(question)) {
      return Arrays.stream(Peril.values()).map(policy::label).toList();
    }
    return List.of();
  }
}
