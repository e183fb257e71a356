package minsheng.dialogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import minsheng.kb.KnowledgeBase;
import minsheng.kb.SearchHit;
import minsheng.nlu.Intent;
import minsheng.nlu.Understanding;

/**
 * Decides what to do with one message from what the intent model understood and what the knowledge base
 * finds. Intent and retrieval decide together: the intent names the topic, the index picks the article;
 * low confidence or weak retrieval hands the resident to a person, never a guess.
 */
public final class AnswerPolicy {
  private static final int CANDIDATES = 5;
  private static final int MIN_WORDS_FOR_A_QUESTION = 3;
  static final Set<String> SMALLTALK = Set.of("greeting", "thanks", "goodbye", "capabilities");
  static final String OUT_OF_SCOPE = "out_of_scope";
  static final String HUMAN = "human_handoff";
  static final String CLAIM_STATUS = "claim_status";
  static final String CLAIM_START = "claim_start";

  private final KnowledgeBase kb;
  private final double confidenceThreshold;
  private final double clarifyMargin;
  private final double minScore;
  private final double topicWeight;
  private final double strongScore;

  public AnswerPolicy(KnowledgeBase kb, double confidenceThreshold, double clarifyMargin, double minScore,
      double topicWeight) {
    this.topicWeight = topicWeight;
    this.strongScore = 4 * minScore;
    this.kb = kb;
    this.confidenceThreshold = confidenceThreshold;
    this.clarifyMargin = clarifyMargin;
    this.minScore = minScore;
  }

  public Decision decide(Understanding u) {
    if (u.text().isBlank()) {
      return new Decision.Empty();
    }
    Intent best = u.best();
    if (best.confidence() < confidenceThreshold) {
      // Torn between two topics the knowledge base answers: ask which one, rather than pass to a person.
      Intent second = u.second();
      if (isTopic(best.name()) && isTopic(second.name())
          && best.confidence() + second.confidence() >= confidenceThreshold) {
        return new Decision.Clarify(best, second);
      }
      return new Decision.Handoff(Decision.Reason.LOW_CONFIDENCE, best);
    }
    String name = best.name();
    if (SMALLTALK.contains(name)) {
      return smalltalkOrQuestion(u, best);
    }
    switch (name) {
      case OUT_OF_SCOPE:
        return new Decision.Handoff(Decision.Reason.OUT_OF_SCOPE, best);
      case HUMAN:
        return new Decision.Handoff(Decision.Reason.REQUESTED, best);
      case CLAIM_STATUS:
        return new Decision.Handoff(Decision.Reason.CLAIM_STATUS, best);
      default:
        break;
    }
    Intent second = u.second();
    if (isTopic(second.name()) && best.confidence() - second.confidence() < clarifyMargin) {
      return new Decision.Clarify(best, second);
    }
    return answer(best, u.topicProbabilities(), u.words());
  }

  /**
   * "你好 低保怎么申请" or "这个保险有啥用" look like small talk to the intent model but carry a question the
   * knowledge base answers well: then the question wins over the pleasantry.
   */
  private Decision smalltalkOrQuestion(Understanding u, Intent best) {
    if (u.words().size() >= MIN_WORDS_FOR_A_QUESTION) {
      Intent topic = u.ranked().stream().filter(i -> isTopic(i.name())).findFirst().orElse(null);
      if (topic != null && answer(topic, u.topicProbabilities(), u.words()) instanceof Decision.Answer a
          && a.hits().get(0).score() >= strongScore) {
        return a;
      }
    }
    return new Decision.Smalltalk(best);
  }

  /** The answer when the resident chose a topic: that topic's best article, if good enough. */
  public Decision answer(Intent chosen, String question) {
    return answer(chosen, Map.of(chosen.name(), 1.0), kb.analyzer().words(question));
  }

  /**
   * The article for a question: each candidate's BM25 score is weighted by how likely the intent model finds
   * its topic, so the intent narrows the topic while a clearly better-worded match from a neighbouring topic
   * can still win. The best candidate must also match well enough on its own words.
   */
  public Decision answer(Intent intent, Map<String, Double> topicProbabilities, List<String> words) {
    List<SearchHit> candidates = kb.search(words, Optional.empty(), CANDIDATES);
    List<SearchHit> ranked = new ArrayList<>(candidates);
    ranked.sort(Comparator.comparingDouble(
        (SearchHit h) -> h.score() * (1 + topicWeight * topicProbabilities.getOrDefault(h.article().topic(), 0.0)))
        .reversed());
    if (!ranked.isEmpty() && ranked.get(0).score() >= minScore) {
      return new Decision.Answer(intent, ranked.subList(0, Math.min(3, ranked.size())));
    }
    return new Decision.Handoff(Decision.Reason.WEAK_RETRIEVAL, intent);
  }

  double confidenceThreshold() {
    return confidenceThreshold;
  }

  /** Whether an intent is one the knowledge base answers (as opposed to small talk, hand-over, out of scope). */
  public boolean isTopic(String intent) {
    return !intent.isEmpty() && !SMALLTALK.contains(intent) && !OUT_OF_SCOPE.equals(intent) && !HUMAN.equals(intent)
        && !CLAIM_STATUS.equals(intent);
  }
}
