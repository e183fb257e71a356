package minsheng.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Date;
import java.util.List;
import minsheng.claims.PersonalData;
import org.bson.Document;

/** Conversations and their turns as the console shows them. */
final class ConversationJson {
  private ConversationJson() {
  }

  /**
   * A conversation for the console. The resident appears as a label derived from the conversation id (itself a
   * hash of channel and platform id), never as the platform id stored in the document.
   */
  static JsonObject summary(Document d) {
    String id = d.getString("_id");
    String channel = d.getString("channel");
    String takenOverBy = d.getString("takenOverBy");
    boolean needsHuman = d.getBoolean("needsHuman", false);
    Object messages = d.get("messages");
    return new JsonObject()
        .put("id", id)
        .put("channel", channel)
        .put("user", label(id))
        .put("lastText", d.getString("lastText"))
        .put("lastMessageAt", iso(d.getDate("lastMessageAt")))
        .put("messages", messages instanceof Number n ? n.intValue() : 0)
        .put("state", takenOverBy != null ? "operator" : needsHuman ? "waiting" : "assistant")
        .put("needsHuman", needsHuman)
        .put("handoffAt", iso(d.getDate("handoffAt")))
        .put("assignedTo", d.getString("assignedTo"))
        .put("takenOverBy", takenOverBy)
        .put("takenOverAt", takenOverBy == null ? null : iso(d.getDate("takenOverAt")))
        // A claim draft handed over mid-form, masked (ID and phone): what the resident filled so far.
        .put("claimDraft", d.get("claimDraft") instanceof Document draft ? draft.getString("summary") : null);
  }

  /** "wechat-3fa2b1": the channel and the first six hex digits of the conversation id's hash. */
  static String label(String conversationId) {
    int dash = conversationId.lastIndexOf('-');
    String hash = conversationId.substring(dash + 1);
    return conversationId.substring(0, Math.max(dash, 0)) + "-" + hash.substring(0, Math.min(6, hash.length()));
  }

  /** A stored turn as transcript entries: the resident's message, then the assistant's reply if it gave one. */
  static void transcript(Document t, JsonArray out) {
    String from = t.getString("from");
    if (from != null) {
      out.add(entry(t, from, t.getString("text")));
      return;
    }
    out.add(entry(t, "resident", t.getString("text")));
    List<String> texts = t.getList("replies", String.class, List.of());
    if (!texts.isEmpty()) {
      // Replies are stored as sent; a claim summary read back to the resident holds their ID and phone.
      out.add(entry(t, "assistant", PersonalData.mask(String.join("\n\n", texts))));
    }
  }

  private static JsonObject entry(Document t, String from, String text) {
    JsonArray sources = new JsonArray();
    if ("assistant".equals(from)) {
      t.getList("sources", Document.class, List.of()).forEach(s -> sources.add(new JsonObject()
          .put("id", s.getString("id")).put("title", s.getString("title"))));
    }
    Object confidence = t.get("confidence");
    return new JsonObject()
        .put("at", iso(t.getDate("at")))
        .put("from", from)
        .put("text", text)
        .put("intent", t.getString("intent"))
        .put("confidence", confidence instanceof Number n ? Math.round(n.doubleValue() * 1000) / 1000.0 : null)
        .put("decision", t.getString("decision"))
        .put("sources", sources)
        .put("handoff", t.getBoolean("handoff", false))
        .put("operator", t.getString("operator"));
  }

  static String iso(Date date) {
    return date == null ? null : date.toInstant().toString();
  }
}
