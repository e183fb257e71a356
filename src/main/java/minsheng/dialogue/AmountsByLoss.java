package minsheng.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Parsed;
import minsheng.claims.Policy;
import minsheng.dialogue.DraftForm.Slot;
import org.bson.Document;

/**
 * Several amounts in one answer, each beside the loss it is for ("房子损失三万 伤残这块八万", "房子损失估计两万 我爸的按十万报",
 * "腿落下残疾了 这个报两万 屋顶修好花了八千"): each part's amount goes to the loss that part names — in the policy's words,
 * or a person ({@link LossWords#aboutAPerson}: the person's loss on the draft), or else the loss the part before named.
 * At the amount step two losses so named are both claimed, even when the draft had only one of them (the house where a
 * person died, told with its own figure).
 */
final class AmountsByLoss {
  /** "评的九级", "七级伤残": a grade, not a figure. */
  private static final Pattern GRADE = Pattern.compile("[0-9一二三四五六七八九十]+级");
  /** The figure claimed, after 报/按/写/填: "医药费花了六千多 报六千五", "我老娘的按最高十万报". */
  private static final Pattern CLAIMED = Pattern.compile("(?:报|按|写|填)(?=\\s*(?:最高的?)?[0-9零一二两三四五六七八九十百千万])");
  private static final Pattern NUMERAL = Pattern.compile("[0-9零一二两三四五六七八九十百千万]");

  /**
   * The part of an answer that gives the figure claimed: without grades, and from the last 报/按/写/填 before a number
   * when there is one (what was spent comes first, what is claimed after).
   */
  static String figureSaid(String t) {
    String said = GRADE.matcher(t).replaceAll(" ");
    Matcher claimed = CLAIMED.matcher(said);
    int from = -1;
    while (claimed.find()) {
      from = claimed.end();
    }
    return from > 0 ? said.substring(from) : said;
  }

  private AmountsByLoss() {
  }

  /**
   * Fills the amount of each loss a part of {@code t} names with its own amount; true when it filled any.
   * {@code asked} LOSSES: the kinds of loss are not known yet, and two named with their figures are taken as them.
   */
  static boolean each(Policy policy, Document draft, String t, Slot asked, SlotReader.Reading r) {
    List<String> all = new ArrayList<>(draft.getList("losses", String.class, List.of()));
    Map<LossType, Money> named = byLoss(policy, all, t);
    if (named.size() < 2 && (all.size() < 2 || named.isEmpty())) {
      return false;
    }
    if (named.size() >= 2 && (asked == Slot.AMOUNT || asked == Slot.LOSSES)) {
      // Both said with their own figures: both are claimed (LOSSES: none known yet, these are the losses).
      named.keySet().stream().map(Enum::name).filter(l -> !all.contains(l)).forEach(all::add);
      draft.put("losses", all);
    }
    boolean any = false;
    for (Map.Entry<LossType, Money> e : named.entrySet()) {
      if (!all.contains(e.getKey().name())) {
        continue;
      }
      DraftForm.amounts(draft).put(e.getKey().name(), e.getValue().amount().toPlainString());
      r.filled.add(Slot.AMOUNT);
      if (policy.isOverCap(e.getKey(), e.getValue())) {
        r.notes.add(policy.overCapNotice(e.getKey(), e.getValue()));
      }
      any = true;
    }
    return any;
  }

  /** The amount each part of the message gives, by the loss it is for (the first figure for a loss counts). */
  private static Map<LossType, Money> byLoss(Policy policy, List<String> onDraft, String t) {
    Map<LossType, Money> found = new LinkedHashMap<>();
    LossType last = null;
    for (String part : t.split("[\\s,,。;;]+")) {
      Set<LossType> named = policy.perilClassifier().lossTypes(part);
      LossType loss = named.size() == 1 ? named.iterator().next()
          : !named.isEmpty() ? null
          : LossWords.aboutAPerson(part) ? personOnDraft(onDraft, part)
          : LossWords.homeThing(part) ? LossType.HOUSE_DAMAGE : last;
      String figure = figureSaid(part);
      Optional<Parsed<Money>> money = Money.find(figure)
          .or(() -> loss != null && NUMERAL.matcher(figure).find() ? Optional.of(Money.parse(figure)) : Optional.empty());
      if (loss != null && money.isPresent() && money.get() instanceof Parsed.Ok<Money> ok) {
        found.putIfAbsent(loss, ok.value());
      } else if (loss != null && loss != LossType.HOUSE_DAMAGE && money.isEmpty()
          && SlotReader.AT_THE_CAP.matcher(part).find()) {
        // "老伴的按最高报": a person's loss at the policy's cap, beside the house's figure.
        found.putIfAbsent(loss, policy.capFor(loss));
      }
      if (loss != null) {
        last = loss;
      }
    }
    return found;
  }

  /**
   * The person's loss on the draft; with none there, the one the part names in everyday words: "我的伤按五万报" (an
   * injury is filed as disability, its grade assessed), "奶奶的按十万报 人冇得了" (a death).
   */
  private static LossType personOnDraft(List<String> onDraft, String part) {
    return onDraft.contains(LossType.DEATH.name()) ? LossType.DEATH
        : onDraft.contains(LossType.DISABILITY.name()) ? LossType.DISABILITY
        : LossWords.personGone(part) || LossWords.diedInIt(part) ? LossType.DEATH
        : LossWords.injured(part) || LossWords.treated(part) || part.contains("残") ? LossType.DISABILITY : null;
  }
}
