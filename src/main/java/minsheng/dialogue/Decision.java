package minsheng.dialogue;

import java.util.List;
import minsheng.kb.Passage;
import minsheng.kb.SearchHit;
import minsheng.nlu.Intent;

/** What the assistant decided to do with one message, before it is put into words. */
public sealed interface Decision {

  /** Answer from a knowledge-base article (the first hit), quoting the passage that answers. */
  record Answer(Intent intent, List<SearchHit> hits, Passage passage) implements Decision {
    public Answer(Intent intent, List<SearchHit> hits) {
      this(intent, hits, null);
    }
  }

  /** Two intents are about equally likely: ask the resident which one they mean. */
  record Clarify(Intent first, Intent second) implements Decision {
  }

  /** Greeting, thanks, goodbye, "what can you do": answered with the assistant's own line. */
  record Smalltalk(Intent intent) implements Decision {
  }

  /**
   * A person takes over: the assistant does not know, or the resident asked for one. When the question cannot
   * be answered from the knowledge base, {@code missing} names what is missing (a place, a kind of information,
   * a year) and {@code known} is the one related fact the knowledge base does hold, if any.
   */
  record Handoff(Reason reason, Intent intent, String missing, Passage known) implements Decision {
    public Handoff(Reason reason, Intent intent) {
      this(reason, intent, null, null);
    }
  }

  /** Nothing to understand (an empty message). */
  record Empty() implements Decision {
  }

  enum Reason {
    LOW_CONFIDENCE, WEAK_RETRIEVAL, OUT_OF_SCOPE, REQUESTED, CLAIM_STATUS,
    /** The question is about a place outside Wuchang. */
    OTHER_PLACE,
    /** The articles do not state the kind of information asked for (a phone number, opening hours…). */
    MISSING_DETAIL,
    /** Asked about now, answered only by a dated figure. */
    NOT_CURRENT,
    /** A programme next to the knowledge base's that it does not describe (医保, 公积金…). */
    NOT_COVERED
  }
}
