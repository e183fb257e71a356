package minsheng.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Infers from a resident's own words what happened and what was lost, using the words the policy file lists, and
 * recognises the events the policy does not cover so they can be explained instead of being asked about again.
 */
public final class PerilClassifier {
  private static final String NAMED_BRAVERY = "见义勇为";

  /** What the words say about the cause of the loss. */
  public sealed interface Result permits Covered, Uncovered, Unclear {
  }

  /** A covered peril; {@code keyword} is the word that gave it away. */
  public record Covered(Peril peril, String keyword) implements Result {
  }

  /** An event outside the policy (theft, a traffic accident, illness), with a kind explanation for the resident. */
  public record Uncovered(String kind, String keyword, String explanation) implements Result {
  }

  /** Nothing recognisable; {@code question} asks what happened. */
  public record Unclear(String question) implements Result {
  }

  /** Either a covered peril or the words of an uncovered one, so both are matched together. */
  private record Cause(Peril peril, Policy.UncoveredTerms uncovered) {
  }

  private final Policy policy;
  /** Someone else's home or person: where a rescue happens. */
  private static final Pattern OTHERS = Pattern.compile("邻居|隔壁|对门|别人|人家|路人|陌生人|那户|那家|对面");
  /**
   * The teller, or the family member they file for, did something for others: "我背了…", "我冲进去…", "他跳下去…",
   * "我老公冲上楼去…". Not when they are its object ("消防员把我背出来", "我被人拉上来").
   */
  private static final Pattern ACTED = Pattern.compile("(?<![把将被给让叫])(我|他|她|俺|爸爸|老公|老伴|爱人|丈夫|儿子|爷爷|外公)"
      + "[^,,。\\s被我]{0,3}(背|救|冲|跳|拉|抱|扑|拦|追|抓|扶|拖|拽|托|按|摁|夺|游过去|下去|下河|下水)");
  /** The rescue's object is the teller: "把我背出来", "我被邻居救出来" — an act of someone else's. */
  private static final Pattern TELLER_BEFORE = Pattern.compile("(?:(?:把|将)(?:我|俺)|被[^,,。\\s]{0,4})$");
  private static final Pattern TELLER_INSIDE = Pattern.compile("(?:把|将)(?:我|俺)");
  /** A rescue's verb, told without the policy's words ("去救隔壁的婆婆"); not an ambulance, not a fire put out. */
  private static final Pattern RESCUE = Pattern.compile("救(?!护|火|灾)|(?:背|抱|拉|拖|扶)(?:了)?(?:出来|出去|下楼|上来)");
  /** The teller's own home named: a fire or flood there is theirs, whoever they carried out. */
  private static final Pattern OWN_HOME = Pattern.compile("我家|我屋|家里|屋里|自己家|我们家|俺家|厨房|客厅|卧室|卫生间|房子|房屋|屋顶");
  private final KeywordMatcher<Cause> causes;
  private final KeywordMatcher<LossType> losses;

  PerilClassifier(Policy policy) {
    this.policy = policy;
    Map<Cause, List<String>> causeWords = new LinkedHashMap<>();
    for (Peril p : Peril.values()) {
      causeWords.put(new Cause(p, null), policy.terms(p).keywords());
    }
    for (Policy.UncoveredTerms u : policy.uncovered()) {
      causeWords.put(new Cause(null, u), u.keywords());
    }
    causes = new KeywordMatcher<>(causeWords, true);
    Map<LossType, List<String>> lossWords = new LinkedHashMap<>();
    for (LossType t : LossType.values()) {
      lossWords.put(t, policy.terms(t).keywords());
    }
    losses = new KeywordMatcher<>(lossWords, true);
  }

  /**
   * A covered peril wins over an uncovered one named in the same message: 抓小偷受伤 mentions a thief but is an act
   * of bravery, and the insurer, not this assistant, should turn down a doubtful claim.
   */
  public Result classify(String text) {
    String t = ClaimText.normalizeForKeywords(text);
    List<KeywordMatcher.Match<Cause>> matches = new ArrayList<>(causes.matches(text));
    matches.removeIf(m -> m.key().peril() == Peril.BRAVERY && rescuedTeller(t, m));
    // A resident who names the act ("冲进去救人…这算见义勇为") claims that cover, even inside a fire or a flood.
    for (KeywordMatcher.Match<Cause> m : matches) {
      if (m.key().peril() == Peril.BRAVERY && m.keyword().equals(NAMED_BRAVERY)) {
        return new Covered(Peril.BRAVERY, m.keyword());
      }
    }
    // A rescue from someone else's fire or flood ("邻居屋里着火 我冲进去把老太太背出来"), or from one that is not the
    // teller's home ("火灾的时候我背了两个老人下楼"): the rescuer's loss is the act's.
    if (OTHERS.matcher(text).find() || ACTED.matcher(text).find() && !OWN_HOME.matcher(text).find()) {
      for (KeywordMatcher.Match<Cause> m : matches) {
        if (m.key().peril() == Peril.BRAVERY) {
          return new Covered(Peril.BRAVERY, m.keyword());
        }
      }
    }
    // A fire or flood in the teller's own home ("我家着火了 我把孩子抱出来了") is that peril, whoever they carried out.
    boolean ownHome = OWN_HOME.matcher(text).find();
    for (KeywordMatcher.Match<Cause> m : matches) {
      if (m.key().peril() != null && !(ownHome && m.key().peril() == Peril.BRAVERY)) {
        return new Covered(m.key().peril(), m.keyword());
      }
    }
    for (KeywordMatcher.Match<Cause> m : matches) {
      if (m.key().peril() != null) {
        return new Covered(m.key().peril(), m.keyword());
      }
    }
    // No policy word: the story may still tell the peril by its root ("小太阳把沙发引燃了", "整个屋都烧光了"), which
    // outweighs an uncovered word beside it as a covered word would.
    Optional<PerilStory.Told> told = PerilStory.read(ClaimText.normalize(text));
    if (told.isPresent() && OTHERS.matcher(text).find() && RESCUE.matcher(t).find()) {
      // "我儿子冲到火里去救隔壁的婆婆 烧伤了": the fire was someone else's, the loss is the rescue's.
      return new Covered(Peril.BRAVERY, told.get().words());
    }
    if (told.isPresent()) {
      return new Covered(told.get().peril(), told.get().words());
    }
    if (!matches.isEmpty()) {
      KeywordMatcher.Match<Cause> m = matches.get(0);
      String kind = m.key().uncovered().kind();
      return new Uncovered(kind, m.keyword(), uncoveredExplanation(kind));
    }
    return new Unclear(question());
  }

  /** The rescue word's object is the teller ("消防员把我背出来", "我被邻居救出来了"): not their act. */
  private static boolean rescuedTeller(String normalized, KeywordMatcher.Match<Cause> m) {
    int end = Math.min(normalized.length(), m.end());
    String before = normalized.substring(Math.max(0, m.start() - 6), Math.min(m.start(), end));
    return TELLER_BEFORE.matcher(before).find() || TELLER_INSIDE.matcher(normalized.substring(m.start(), end)).find();
  }

  /** Every kind of loss named in the text, in declaration order; empty when none is. */
  public Set<LossType> lossTypes(String text) {
    Set<LossType> found = EnumSet.noneOf(LossType.class);
    for (KeywordMatcher.Match<LossType> m : losses.matches(text)) {
      found.add(m.key());
    }
    return found;
  }

  public Parsed<Set<LossType>> parseLosses(String text) {
    Set<LossType> found = lossTypes(text);
    if (found.isEmpty()) {
      String options = Arrays.stream(LossType.values()).map(policy::label).collect(Collectors.joining("、"));
      return Parsed.invalid("请问损失的是哪一种?" + options + ",可以说多个。");
    }
    return Parsed.ok(Collections.unmodifiableSet(found));
  }

  /** 请问是因为什么受的损失?比如暴雨被淹、着火或燃气爆炸、见义勇为受伤。 */
  public String question() {
    String examples = Arrays.stream(Peril.values()).map(p -> policy.terms(p).example())
        .collect(Collectors.joining("、"));
    return "请问是因为什么受的损失?比如" + examples + "。";
  }

  private String uncoveredExplanation(String kind) {
    String covered = coveredLabels();
    return "很抱歉," + kind + "不在" + policy.name() + "的保障范围内," + policy.name() + "只赔" + covered
        + "造成的损失。需要的话,我帮您转给工作人员再问问。";
  }

  private String coveredLabels() {
    List<String> labels = Arrays.stream(Peril.values()).map(policy::label).toList();
    if (labels.size() == 1) {
      return labels.get(0);
    }
    return String.join("、", labels.subList(0, labels.size() - 1)) + "和" + labels.get(labels.size() - 1);
  }
}
