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

  /**
   * The next slot to ask: the first missing one the form has not set aside; a slot set aside ({@link #setAside}:
   * the resident answered other steps instead) is asked again once the rest is filled.
   */
  static Slot nextMissing(Document d) {
    Slot first = firstMissing(d, List.of());
    List<String> aside = d.getList("setAside", String.class, List.of());
    if (aside.isEmpty() || !aside.contains(first.name())) {
      return first;
    }
    Slot other = firstMissing(d, aside);
    return other == Slot.CONFIRM ? first : other;
  }

  /**
   * The step could not be settled while the resident went on answering others: it is left for later, so the form
   * never stalls on it (an injury, a peril or a name it cannot read yet), and asked again when the rest is in.
   */
  static void setAside(Document d, Slot slot) {
    List<String> aside = new ArrayList<>(d.getList("setAside", String.class, List.of()));
    if (!aside.contains(slot.name())) {
      aside.add(slot.name());
      d.put("setAside", aside);
    }
  }

  /** The steps set aside, by name. */
  static List<String> setAside(Document d) {
    return d.getList("setAside", String.class, List.of());
  }

  private static Slot firstMissing(Document d, List<String> skipped) {
    for (Slot s : Slot.values()) {
      if (s == Slot.CONFIRM || !skipped.contains(s.name()) && missing(d, s)) {
        return s;
      }
    }
    return Slot.CONFIRM;
  }

  private static boolean missing(Document d, Slot s) {
    return switch (s) {
      case PERIL -> d.getString("peril") == null;
      case LOSSES -> d.get("losses") == null;
      case DATE -> d.getString("incidentDate") == null;
      case STREET -> d.getString("street") == null;
      case COMMUNITY -> d.getString("community") == null;
      case NAME -> d.getString("name") == null;
      case ID_NUMBER -> d.getString("idSealed") == null;
      case PHONE -> d.getString("phoneSealed") == null;
      case AMOUNT -> nextLossWithoutAmount(d) != null;
      case DESCRIPTION -> d.getString("description") == null;
      case PHOTOS -> !d.getBoolean("photosDone", false);
      case HOUSEHOLD -> !d.getBoolean("registered", false);
      case CONFIRM -> false;
    };
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
