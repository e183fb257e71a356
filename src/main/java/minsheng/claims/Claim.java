package minsheng.claims;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A livelihood-insurance claim as filed and as it moves on. Personal data stays typed ({@link IdNumber},
 * {@link PhoneNumber}), whose string forms are masked, so a claim printed to a log never leaks them; the
 * contract's JSON is written by {@link #toJson(boolean)}, in full only for those who must see it.
 */
public record Claim(
    String claimNo,
    ClaimStatus status,
    String channel,
    String policy,
    Claimant claimant,
    Peril peril,
    List<Loss> losses,
    LocalDate incidentDate,
    String description,
    List<Attachment> attachments,
    Instant createdAt,
    Instant updatedAt,
    String insurerRef,
    List<HistoryEntry> history,
    boolean awaitingDocuments) {

  public Claim {
    losses = List.copyOf(losses);
    attachments = List.copyOf(attachments);
    history = List.copyOf(history);
  }

  public record Claimant(String name, IdNumber idNumber, PhoneNumber phone, Address address) {
  }

  public record Address(String street, String community, String detail) {
  }

  public record Loss(LossType type, Money estimatedAmount) {
  }

  /**
   * A photo or document. {@code type} and {@code url} are the contract's; {@code kind} (photo or document),
   * {@code addedAt} (when the resident sent it) and {@code source} (wechat: the platform's image message; link: a
   * link the resident typed, never fetched) extend it and are null for attachments from before the extension.
   */
  public record Attachment(String type, String url, String kind, Instant addedAt, String source) {
    public Attachment(String type, String url) {
      this(type, url, null, null, null);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("type", type).put("url", url);
      if (kind != null) {
        json.put("kind", kind);
      }
      if (addedAt != null) {
        json.put("addedAt", addedAt.toString());
      }
      if (source != null) {
        json.put("source", source);
      }
      return json;
    }
  }

  public record HistoryEntry(Instant at, ClaimStatus status, String by, String note) {
  }

  /** The contract's claim JSON; ID and phone masked unless {@code fullPersonalData}. */
  public JsonObject toJson(boolean fullPersonalData) {
    JsonArray lossArray = new JsonArray();
    losses.forEach(l -> lossArray.add(new JsonObject().put("type", l.type().name())
        .put("estimatedAmount", l.estimatedAmount().amount().doubleValue())));
    JsonArray attachmentArray = new JsonArray();
    attachments.forEach(a -> attachmentArray.add(a.toJson()));
    JsonArray historyArray = new JsonArray();
    history.forEach(h -> {
      JsonObject entry = new JsonObject().put("at", h.at().toString()).put("status", h.status().name()).put("by", h.by());
      if (h.note() != null) {
        entry.put("note", h.note());
      }
      historyArray.add(entry);
    });
    Address a = claimant.address();
    JsonObject json = new JsonObject()
        .put("claimNo", claimNo)
        .put("status", status.name())
        .put("channel", channel)
        .put("policy", policy)
        .put("claimant", new JsonObject()
            .put("name", claimant.name())
            .put("idNumber", fullPersonalData ? claimant.idNumber().value() : claimant.idNumber().masked())
            .put("phone", fullPersonalData ? claimant.phone().value() : claimant.phone().masked())
            .put("address", new JsonObject().put("street", a.street()).put("community", a.community())
                .put("detail", a.detail())))
        .put("peril", peril.name())
        .put("losses", lossArray)
        .put("incidentDate", incidentDate.toString())
        .put("description", description)
        .put("attachments", attachmentArray)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("history", historyArray)
        // An extension of the contract: the resident said photos or documents will follow (see README).
        .put("awaitingDocuments", awaitingDocuments);
    if (insurerRef != null) {
      json.put("insurerRef", insurerRef);
    }
    return json;
  }
}
