package minsheng.dialogue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import minsheng.claims.IdNumber;
import minsheng.claims.IncidentDates;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.claims.Policy;
import minsheng.dialogue.DraftForm.Slot;
import minsheng.store.FieldCipher;
import org.bson.Document;

/**
 * How the claim form asks for each slot ({@code conf/replies-zh.yaml}, section {@code claim}), in three wordings
 * for repair: the question; after a failed answer the question with an example; after the second, other words and
 * the offer of a person. The summary before confirmation. A prompt is never worded the same way three times in a
 * row: {@link #avoidingRepeat} picks the other wording when a reply would repeat the last one.
 */
final class ClaimPrompts {
  private final Replies replies;
  private final Policy policy;
  private final FieldCipher cipher;

  ClaimPrompts(Replies replies, Policy policy, FieldCipher cipher) {
    this.replies = replies;
    this.policy = policy;
    this.cipher = cipher;
  }

  /** The question for {@code slot} at repair level 0 (first time), 1 (with an example) or 2 (other words, a person). */
  String question(Slot slot, Document d, int level) {
    if (slot == null) {
      return "";
    }
    if (slot == Slot.CONFIRM) {
      return level == 0 ? line("summary").replace("{summary}", summary(d)) : line(level == 1 ? "confirmAgain" : "confirmOther");
    }
    String key = switch (slot) {
      case PERIL -> "Peril";
      case LOSSES -> "Losses";
      case DATE -> "Date";
      case STREET -> "Street";
      case COMMUNITY -> "Community";
      case NAME -> "Name";
      case ID_NUMBER -> "IdNumber";
      case PHONE -> "Phone";
      case AMOUNT -> "Amount";
      case DESCRIPTION -> "Description";
      case PHOTOS -> "Photos";
      case HOUSEHOLD -> "Household";
      case CONFIRM -> throw new IllegalStateException();
    };
    LossType loss = slot == Slot.AMOUNT ? LossType.valueOf(DraftForm.nextLossWithoutAmount(d)) : null;
    // A death or a disability is asked as what to apply for, not as a repair bill.
    boolean person = loss != null && loss != LossType.HOUSE_DAMAGE && replies.section("claim").get("askAmount" + loss) != null;
    String ask = person ? line("askAmount" + loss) : line("ask" + key);
    int sent = slot == Slot.PHOTOS ? DraftForm.attachments(d).size() : 0;
    if (sent > 0 && level == 0) {
      // Photos sent before the step: it says so, and asks only for more.
      ask = line("askPhotosSent").replace("{count}", String.valueOf(sent));
    }
    String text = switch (level) {
      case 0 -> ask;
      case 1 -> ask + "\n" + line("example" + key);
      default -> line(person ? "otherAmountPerson" : "other" + key) + "\n" + line("offerPerson");
    };
    return loss == null ? text : text.replace("{loss}", policy.label(loss))
        .replace("{cap}", policy.capFor(loss).display());
  }

  /** The offer of the form for a loss told without asking to file, naming its peril. */
  String offer(Document d) {
    return line("offer").replace("{peril}", policy.label(Peril.valueOf(d.getString("peril"))));
  }

  /** The short form asked again after a digression: the question, or for the summary only what to reply. */
  String shortQuestion(Slot slot, Document d) {
    return slot == Slot.CONFIRM ? line("confirmShort") : question(slot, d, 0);
  }

  /** {@code reply}, unless it is the reply just given: then the question in its other wording. */
  String avoidingRepeat(String reply, String last, Slot slot, Document d) {
    if (!reply.equals(last) || slot == null) {
      return reply;
    }
    String other = question(slot, d, 1);
    return other.equals(last) ? question(slot, d, 2) : other;
  }

  String summary(Document d) {
    StringBuilder s = new StringBuilder();
    s.append("· 原因:").append(policy.label(Peril.valueOf(d.getString("peril")))).append('\n');
    s.append("· 日期:").append(IncidentDates.display(LocalDate.parse(d.getString("incidentDate")))).append('\n');
    s.append("· 地址:").append(d.getString("street")).append(' ').append(d.getString("community")).append('\n');
    s.append("· 申请人:").append(d.getString("name")).append(",身份证 ")
        .append(IdNumber.of(cipher.decrypt(d.getString("idSealed"))).masked()).append('\n');
    s.append("· 电话:").append(PhoneNumber.of(cipher.decrypt(d.getString("phoneSealed"))).masked()).append('\n');
    DraftForm.amountsOf(d).forEach((type, amount) -> s.append("· ").append(policy.label(LossType.valueOf(type)))
        .append(":约").append(Money.of(amount).display()).append('\n'));
    List<Document> attachments = DraftForm.attachments(d);
    s.append("· 照片和材料:").append(attachments.isEmpty() ? (d.getBoolean("documentsLater", false) ? "稍后补发" : "无")
        : attachments.size() + "份" + (d.getBoolean("documentsLater", false) ? ",还有稍后补发的" : "")).append('\n');
    s.append("· 经过:").append(d.getString("description"));
    return s.toString();
  }

  /**
   * What an operator sees of a draft handed over mid-form: the slots filled so far, ID and phone masked, and the
   * step it stopped at.
   */
  String partialSummary(Document d, Slot at) {
    StringBuilder s = new StringBuilder();
    Map<String, String> plain = Map.of("peril", "原因", "incidentDate", "日期", "street", "街道", "community", "地址",
        "name", "申请人", "description", "经过");
    for (String field : List.of("peril", "incidentDate", "street", "community", "name", "description")) {
      String v = d.getString(field);
      if (v != null) {
        String shown = field.equals("peril") ? policy.label(Peril.valueOf(v)) : v;
        s.append(plain.get(field)).append(':').append(shown).append(';');
      }
    }
    if (d.getString("idSealed") != null) {
      s.append("身份证:").append(IdNumber.of(cipher.decrypt(d.getString("idSealed"))).masked()).append(';');
    }
    if (d.getString("phoneSealed") != null) {
      s.append("电话:").append(PhoneNumber.of(cipher.decrypt(d.getString("phoneSealed"))).masked()).append(';');
    }
    DraftForm.amountsOf(d).forEach((type, amount) -> s.append(policy.label(LossType.valueOf(type))).append(":约")
        .append(Money.of(amount).display()).append(';'));
    s.append("照片和材料:").append(DraftForm.attachments(d).size()).append("份;");
    s.append("停在:").append(at == null ? "开始" : at.name());
    return s.toString();
  }

  String line(String key) {
    return String.valueOf(replies.section("claim").get(key));
  }
}
