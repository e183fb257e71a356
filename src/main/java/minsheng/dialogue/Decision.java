package minsheng.dialogue;

import java.util.List;
import minsheng.kb.SearchHit;
import minsheng.nlu.Intent;

/** What the assistant decided to do with one message, before it is put into words. */
public sealed interface Decision {

  /** Answer from a knowledge-base article (the first hit). */
  record Answer(Intent intent, List<SearchHit> hits) implements Decision {
  }

  /** Two intents are about equally likely: ask the resident which one they mean. */
  record Clarify(Intent first, Intent second) implements Decision {
  }

  /** Greeting, thanks, goodbye, "what can you do": answered with the assistant's own line. */
  record Smalltalk(Intent intent) implements Decision {
  }

  /** A person takes over: the assistant does not know, or the resident asked for one. */
  record Handoff(Reason reason, Intent intent) implements Decision {
  }

  /** Nothing to understand (an empty message). */
  record Empty() implements Decision {
  }

  enum Reason {
    LOW_CONFIDENCE, WEAK_RETRIEVAL, OUT_OF_SCOPE, REQUESTED, CLAIM_STATUS
  }
}
