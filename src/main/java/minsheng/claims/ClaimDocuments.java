package minsheng.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import minsheng.store.FieldCipher;
import org.bson.Document;

/**
 * A claim as stored: the ID number and phone sealed with {@link FieldCipher}, with a keyed hash beside each for
 * look-up and the masked form for lists.
 */
final class ClaimDocuments {
  private final FieldCipher cipher;

  ClaimDocuments(FieldCipher cipher) {
    this.cipher = cipher;
  }

  Document toDocument(Claim c) {
    Claim.Claimant p = c.claimant();
    List<Document> losses = new ArrayList<>();
    c.losses().forEach(l -> losses.add(new Document("type", l.type().name())
        .append("estimatedAmount", l.estimatedAmount().amount().toPlainString())));
    List<Document> attachments = new ArrayList<>();
    c.attachments().forEach(a -> attachments.add(attachment(a)));
    List<Document> history = new ArrayList<>();
    c.history().forEach(h -> history.add(new Document("at", Date.from(h.at())).append("status", h.status().name())
        .append("by", h.by()).append("note", h.note())));
    return new Document("_id", c.claimNo())
        .append("status", c.status().name())
        .append("channel", c.channel())
        .append("policy", c.policy())
        .append("claimant", new Document("name", p.name())
            .append("idNumberSealed", cipher.encrypt(p.idNumber().value()))
            .append("idNumberHash", cipher.lookupHash(p.idNumber().value()))
            .append("idNumberMasked", p.idNumber().masked())
            .append("phoneSealed", cipher.encrypt(p.phone().value()))
            .append("phoneHash", cipher.lookupHash(p.phone().value()))
            .append("phoneMasked", p.phone().masked())
            .append("address", new Document("street", p.address().street())
                .append("community", p.address().community()).append("detail", p.address().detail())))
        .append("peril", c.peril().name())
        .append("losses", losses)
        .append("incidentDate", c.incidentDate().toString())
        .append("description", c.description())
        .append("attachments", attachments)
        .append("createdAt", Date.from(c.createdAt()))
        .append("updatedAt", Date.from(c.updatedAt()))
        .append("insurerRef", c.insurerRef())
        .append("history", history)
        .append("awaitingDocuments", c.awaitingDocuments());
  }

  static Document attachment(Claim.Attachment a) {
    Document d = new Document("type", a.type()).append("url", a.url());
    if (a.kind() != null) {
      d.append("kind", a.kind());
    }
    if (a.addedAt() != null) {
      d.append("addedAt", Date.from(a.addedAt()));
    }
    if (a.source() != null) {
      d.append("source", a.source());
    }
    return d;
  }

  Claim toClaim(Document d) {
    Document p = d.get("claimant", Document.class);
    Document a = p.get("address", Document.class);
    List<Claim.Loss> losses = d.getList("losses", Document.class, List.of()).stream()
        .map(l -> new Claim.Loss(LossType.valueOf(l.getString("type")),
            Money.of(new BigDecimal(l.getString("estimatedAmount"))))).toList();
    List<Claim.Attachment> attachments = d.getList("attachments", Document.class, List.of()).stream()
        .map(x -> new Claim.Attachment(x.getString("type"), x.getString("url"), x.getString("kind"),
            x.getDate("addedAt") == null ? null : x.getDate("addedAt").toInstant(), x.getString("source"))).toList();
    List<Claim.HistoryEntry> history = d.getList("history", Document.class, List.of()).stream()
        .map(h -> new Claim.HistoryEntry(h.getDate("at").toInstant(), ClaimStatus.valueOf(h.getString("status")),
            h.getString("by"), h.getString("note"))).toList();
    return new Claim(d.getString("_id"), ClaimStatus.valueOf(d.getString("status")), d.getString("channel"),
        d.getString("policy"),
        new Claim.Claimant(p.getString("name"), IdNumber.of(cipher.decrypt(p.getString("idNumberSealed"))),
            PhoneNumber.of(cipher.decrypt(p.getString("phoneSealed"))),
            new Claim.Address(a.getString("street"), a.getString("community"), a.getString("detail"))),
        Peril.valueOf(d.getString("peril")), losses, LocalDate.parse(d.getString("incidentDate")),
        d.getString("description"), attachments, d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(), d.getString("insurerRef"), history,
        d.getBoolean("awaitingDocuments", false));
  }
}
