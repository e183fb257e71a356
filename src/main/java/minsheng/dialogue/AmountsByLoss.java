package minsheng.dialogue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Parsed;
import minsheng.claims.Policy;
import minsheng.dialogue.DraftForm.Slot;
import org.bson.Document;

/**
 * Several amounts in one answer, each beside the loss it is for ("房子损失三万 伤残这块八万"): a draft with two or more
 * losses takes each part's amount for the loss that part names.
 */
final class AmountsByLoss {
  private AmountsByLoss() {
  }

  /** Fills the amount of each loss a part of {@code t} names with its own amount; true when it filled any. */
  static boolean each(Policy policy, Document draft, String t, SlotReader.Reading r) {
    List<String> all = draft.getList("losses", String.class, List.of());
    boolean any = false;
    for (String part : all.size() < 2 ? new String[0] : t.split("[\\s,,。;;]+")) {
      Set<LossType> named = policy.perilClassifier().lossTypes(part);
      Optional<Parsed<Money>> money = Money.find(part);
      if (named.size() == 1 && all.contains(named.iterator().next().name()) && money.isPresent()
          && money.get() instanceof Parsed.Ok<Money> ok) {
        LossType type = named.iterator().next();
        DraftForm.amounts(draft).put(type.name(), ok.value().amount().toPlainString());
        r.filled.add(Slot.AMOUNT);
        if (policy.isOverCap(type, ok.value())) {
          r.notes.add(policy.overCapNotice(type, ok.value()));
        }
        any = true;
      }
    }
    return any;
  }
}
