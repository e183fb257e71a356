package minsheng.dialogue;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import minsheng.claims.Claim;
import minsheng.claims.ClaimFields;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.claims.Policy;
import minsheng.dialogue.DraftForm.Slot;
import minsheng.store.FieldCipher;
import org.bson.Document;

/**
 * The resident's "确认": the draft becomes a claim, once. A claim for the same person, address and incident date
 * filed in the last {@link #DUPLICATE_WINDOW} is asked about first; confirmed again, it is filed with a
 * POSSIBLE_DUPLICATE flag for the claims desk. Never dropped: "算了" is the resident's own choice.
 */
final class ClaimSubmission {
  static final Duration DUPLICATE_WINDOW = Duration.ofDays(30);
  private static final String DUPLICATE_OF = "duplicateOf";
  private static final DateTimeFormatter FILED_ON = DateTimeFormatter.ofPattern("M月d日");

  private final ClaimDrafts drafts;
  private final ClaimStore claims;
  private final FieldCipher cipher;
  private final Policy policy;
  private final Clock clock;
  private final ClaimPrompts prompts;

  ClaimSubmission(ClaimDrafts drafts, ClaimStore claims, FieldCipher cipher, Policy policy, Clock clock,
      ClaimPrompts prompts) {
    this.drafts = drafts;
    this.claims = claims;
    this.cipher = cipher;
    this.policy = policy;
    this.clock = clock;
    this.prompts = prompts;
  }

  Future<ClaimDialogue.Outcome> confirm(Document d) {
    IdNumber id = IdNumber.of(cipher.decrypt(d.getString("idSealed")));
    Claim.Address address = ClaimFields.address(d.getString("street"), d.getString("community"));
    LocalDate date = LocalDate.parse(d.getString("incidentDate"));
    return claims.sameIncident(id, address, date, clock.instant().minus(DUPLICATE_WINDOW)).compose(earlier -> {
      if (earlier.isEmpty()) {
        return submit(d, List.of());
      }
      String claimNo = earlier.get().claimNo();
      if (claimNo.equals(d.getString(DUPLICATE_OF))) {
        return submit(d, List.of(ClaimDialogue.POSSIBLE_DUPLICATE + claimNo));
      }
      d.put(DUPLICATE_OF, claimNo);
      String ask = prompts.line("duplicate").replace("{claimNo}", claimNo)
          .replace("{date}", earlier.get().createdAt().atZone(policy.zone()).format(FILED_ON));
      d.put("lastReply", ask);
      return drafts.save(d, Slot.CONFIRM.name()).map(v -> ClaimDialogue.Outcome.say(ask));
    });
  }

  private Future<ClaimDialogue.Outcome> submit(Document d, List<String> moreFlags) {
    List<Claim.Loss> losses = new ArrayList<>();
    DraftForm.amountsOf(d).forEach((type, amount) -> losses.add(new Claim.Loss(LossType.valueOf(type), Money.of(amount))));
    List<Claim.Attachment> photos = DraftForm.attachments(d).stream().map(ClaimAttachments::toAttachment).toList();
    boolean later = d.getBoolean("documentsLater", false);
    String channel = d.getString("channel");
    String user = d.getString("user");
    ClaimStore.NewClaim claim = new ClaimStore.NewClaim(channel, policy.id(),
        new Claim.Claimant(d.getString("name"), IdNumber.of(cipher.decrypt(d.getString("idSealed"))),
            PhoneNumber.of(cipher.decrypt(d.getString("phoneSealed"))),
            ClaimFields.address(d.getString("street"), d.getString("community"))),
        Peril.valueOf(d.getString("peril")), losses, LocalDate.parse(d.getString("incidentDate")),
        d.getString("description"), photos, later);
    List<String> flags = new ArrayList<>(policy.overCapFlags(losses));
    flags.addAll(moreFlags);
    // Once per draft: if a crash takes back the draft's deletion below, the resident's next 确认 gets the same
    // claim and number again, never a second claim. The draft is deleted only after the claim is durable, and
    // durably, so that the resident who was told the number is not asked to confirm again.
    // Documents promised for later: the resident's next photos and links go to the claim (a supplement).
    return claims.submit(claim, channel + ":" + user, channel + ":" + user, null, flags, submissionKey(d))
        .compose(c -> drafts.deleteDurably(d)
            .compose(v -> later ? drafts.openSupplement(channel, user, c.claimNo(), "documents") : Future.succeededFuture())
            .map(v -> new ClaimDialogue.Outcome(Optional.of(prompts.line("submitted").replace("{claimNo}", c.claimNo())
                + (later ? "\n" + prompts.line("documentsAfter") : "")), null, false, c.claimNo(), null)));
  }

  /** The draft's identity: its conversation and when it was started (a conversation has one draft at a time). */
  private static String submissionKey(Document draft) {
    Date started = draft.getDate("createdAt");
    return draft.getString("_id") + "@" + (started == null ? 0 : started.getTime());
  }
}
