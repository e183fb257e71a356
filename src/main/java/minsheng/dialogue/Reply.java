package minsheng.dialogue;

import java.util.List;

/**
 * The assistant's answer to one message, channel-neutral: the texts to send, the intent it acted on (null when
 * it hands over), the article(s) the answer comes from, and whether a person must follow up.
 */
public record Reply(String conversationId, List<String> texts, String intent, double confidence,
    List<Source> sources, boolean handoff) {

  /** The knowledge-base article an answer is traceable to. */
  public record Source(String id, String title) {
  }
}
