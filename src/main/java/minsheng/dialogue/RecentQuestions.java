package minsheng.dialogue;

import java.util.Optional;
import java.util.function.Function;
import minsheng.kb.KnowledgeBase;
import minsheng.nlu.LiveIntents;
import minsheng.nlu.Understanding;

/**
 * What the assistant made of recent messages, by their exact words. Residents ask the same questions in the same
 * words (a menu button sends the same text every time), and understanding a message (segmentation, the intent
 * model, the search) is most of the CPU time a message costs. Only what depends on the words alone is kept: the
 * understanding and the policy's decision for a message without context. An entry is used only while the intent
 * model and the knowledge-base version it was computed with are still in service, so a retrained model or an
 * edited article takes effect on the next message.
 * Bounded (see {@link Recent}): a message asked again recently is kept, one asked once is forgotten.
 * Safe across instances: nothing in it is about a resident, and another instance's article edit or retrain
 * reaches this one's index and model on the event bus ({@code cluster.ClusterEvents}), changing both versions.
 */
final class RecentQuestions {
  /** Past this length a message is a story, not a question asked again in the same words. */
  static final int MAX_TEXT_CHARS = 200;

  private record Entry(Object model, long kbVersion, Understanding understanding, Decision decision) {
  }

  private final LiveIntents intents;
  private final KnowledgeBase kb;
  private final Recent<String, Entry> entries;

  RecentQuestions(LiveIntents intents, KnowledgeBase kb, int generationSize) {
    this.intents = intents;
    this.kb = kb;
    this.entries = new Recent<>(generationSize);
  }

  Understanding understand(String text) {
    Entry e = current(text);
    if (e != null) {
      return e.understanding();
    }
    Object model = intents.current();
    long version = kb.version();
    Understanding u = intents.understand(text);
    remember(text, new Entry(model, version, u, null));
    return u;
  }

  /**
   * The decision already made for {@code text} with this understanding, if any: then the question need not even
   * be embedded (the embedder's cache and this one are bounded apart, so one may keep a text the other lost).
   */
  Optional<Decision> decided(String text, Understanding u) {
    Entry e = current(text);
    return e != null && e.understanding() == u ? Optional.ofNullable(e.decision()) : Optional.empty();
  }

  /** The decision for the understanding this cache gave out for {@code text} (any other is decided afresh). */
  Decision decide(String text, Understanding u, Function<Understanding, Decision> policy) {
    Entry e = current(text);
    if (e == null || e.understanding() != u) {
      return policy.apply(u);
    }
    if (e.decision() != null) {
      return e.decision();
    }
    long version = kb.version();
    Decision d = policy.apply(u);
    if (version == e.kbVersion()) {
      remember(text, new Entry(e.model(), version, u, d));
    }
    return d;
  }

  private Entry current(String text) {
    if (text.length() > MAX_TEXT_CHARS) {
      return null;
    }
    Entry e = entries.get(text);
    return e != null && e.model() == intents.current() && e.kbVersion() == kb.version() ? e : null;
  }

  private void remember(String text, Entry e) {
    if (text.length() > MAX_TEXT_CHARS) {
      return;
    }
    entries.put(text, e);
  }
}
