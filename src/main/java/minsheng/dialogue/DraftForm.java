package minsheng.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The claim form as a draft holds it: its slots in the order they are asked for, and what is still missing. */
final class DraftForm {
  private DraftForm() {
  }

  /** The slots, in the order they are asked for. */
  enum Slot { PERIL, LOSSES, DATE, STREET, COMMUNITY, NAME, ID_NUMBER, PHONE, AMOUNT, DESCRIPTION, PHOTOS, HOUSEHOLD, CONFIRM }

  /** The slot asked just before {@code slot} in the form's order (the first stays the first). */
  static Slot previous(Slot slot) {
    return Slot.values()[Math.max(0, slot.ordinal() - 1)];
  }

  static void clear(Document d, Slot slot) {
    switch (slot) {
      case PERIL -> d.remove("peril");
      case LOSSES -> {
        d.remove("losses");
        d.remove("amounts");
      }
      case DATE -> d.remove("incidentDate");
      case STREET -> d.remove("street");
      case COMMUNITY -> d.remove("community");
      case NAME -> d.remove("name");
      case ID_NUMBER -> d.remove("idSealed");
      case PHONE -> d.remove("phoneSealed");
      case AMOUNT -> d.remove("amounts");
      case DESCRIPTION -> d.remove("description");
      case PHOTOS -> {
        d.remove("photosDone");
        d.remove("documentsLater");
      }
      case HOUSEHOLD -> d.remove("registered");
      case CONFIRM -> {
      }
    }
  }

  static Slot nextMissing(Document d) {
    if (d.getString("peril") == null) {
      return Slot.PERIL;
    }
    if (d.get("losses") == null) {
      return Slot.LOSSES;
    }
    if (d.getString("incidentDate") == null) {
      return Slot.DATE;
    }
    if (d.getString("street") == null) {
      return Slot.STREET;
    }
    if (d.getString("community") == null) {
      return Slot.COMMUNITY;
    }
    if (d.getString("name") == null) {
      return Slot.NAME;
    }
    if (d.getString("idSealed") == null) {
      return Slot.ID_NUMBER;
    }
    if (d.getString("phoneSealed") == null) {
      return Slot.PHONE;
    }
    if (nextLossWithoutAmount(d) != null) {
      return Slot.AMOUNT;
    }
    if (d.getString("description") == null) {
      return Slot.DESCRIPTION;
    }
    if (!d.getBoolean("photosDone", false)) {
      return Slot.PHOTOS;
    }
    if (!d.getBoolean("registered", false)) {
      return Slot.HOUSEHOLD;
    }
    return Slot.CONFIRM;
  }

  /**
   * The photos and documents the resident sent for the draft: {kind, url, at, source}. Drafts saved before
   * attachments had a kind hold bare photo URLs under "photos"; those read as photos.
   */
  static List<Document> attachments(Document d) {
    List<Document> out = new ArrayList<>();
    for (Object o : d.getList("photos", Object.class, List.of())) {
      out.add(o instanceof Document doc ? doc : new Document("kind", "photo").append("url", String.valueOf(o)));
    }
    out.addAll(d.getList("attachments", Document.class, List.of()));
    return out;
  }

  static String nextLossWithoutAmount(Document d) {
    List<String> losses = d.getList("losses", String.class, List.of());
    Map<String, String> amounts = amountsOf(d);
    return losses.stream().filter(l -> !amounts.containsKey(l)).findFirst().orElse(null);
  }

  static Map<String, String> amountsOf(Document d) {
    Document a = d.get("amounts", Document.class);
    Map<String, String> out = new LinkedHashMap<>();
    if (a != null) {
      a.forEach((k, v) -> out.put(k, String.valueOf(v)));
    }
    return out;
  }

  static Map<String, Object> amounts(Document d) {
    Document a = d.get("amounts", Document.class);
    if (a == null) {
      a = new Document();
      d.put("amounts", a);
    }
    return a;
  }
}
