package minsheng.dialogue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.kb.Article;
import minsheng.kb.KnowledgeBase;

/**
 * The unknown-term check: the thing a question asks for (the word just before 是哪个/在哪/叫么名字, or just after
 * 有么/有冇得/哪些) that appears nowhere in the knowledge base — no article's title, text, example question or
 * keyword, as written or as the analyzer folds it (synonyms) — is something the knowledge base does not know
 * ("评上了有么奖励", "自管小组的组长是哪个"), however well the rest of the question matches. Only that word is
 * looked at, not every word of the question: circumstances ("煤气罐爆炸伤了人…") are often worded apart from the
 * articles and say nothing about what is asked. Residents' function words (到底, 里头, 名字…) never count.
 */
final class KnownTerms {
  /** Words that ask, with what they ask about just before them. */
  private static final Pattern ASKED_BEFORE = Pattern.compile(
      "是哪个|是哪位|是哪家|是谁|在哪|在么地方|在什么地方|在啥地方|叫么名字|叫什么名字|叫什么|叫啥");
  /** Words that ask, with what they ask about just after them. */
  private static final Pattern ASKED_AFTER = Pattern.compile(
      "有么事|有么|有啥|有什么|要么事|要什么");
  private static final int SPAN = 4;
  private static final Pattern CLAUSE_BREAK = Pattern.compile("[\\s,,。.!!??;;、]+");
  private static final Pattern NOT_A_WORD = Pattern.compile(".*[\\d\\p{Punct}].*");

  private record Vocabulary(long version, String text, Set<String> words, int latestYear,
      Map<String, Words> articles) {
  }

  private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)年");

  private final KnowledgeBase kb;
  private final Set<String> functionWords;
  private volatile Vocabulary vocabulary;

  KnownTerms(KnowledgeBase kb, List<String> functionWords) {
    this.kb = kb;
    this.functionWords = Set.copyOf(functionWords);
  }

  /** The word a question asks about that the knowledge base never uses, if there is one. */
  Optional<String> unknown(String question, List<String> words) {
    List<String> asked = askedWords(question, words, functionWords);
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    Vocabulary v = vocabulary();
    return asked.stream().filter(w -> !v.words().contains(w) && !v.text().contains(w)).findFirst();
  }

  /**
   * The word a question asks about that the knowledge base knows but the found article never uses, as written or
   * as the analyzer folds it ("千家街社区居委会在么地方" of the article on street cadres, which names no 居委会): the
   * article answers a neighbouring question, and its fact of the asked kind is about something else.
   */
  Optional<String> notInArticle(String question, List<String> words, Article article) {
    List<String> asked = askedWords(question, words, functionWords);
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    Words a = articleWords(article);
    return asked.stream().filter(w -> !a.folded().contains(w) && !a.text().contains(w)).findFirst();
  }

  /** An article's text and its words as the analyzer folds them. */
  private record Words(String text, Set<String> folded) {
  }

  /**
   * An article's words, analysed once per version of the knowledge base (the answer path asks for them on every
   * question of a particular kind; an edit from the console changes the version and so the words).
   */
  private Words articleWords(Article article) {
    Vocabulary v = vocabulary();
    return v.articles().computeIfAbsent(article.id(), id -> {
      String text = article.title() + '\n' + article.body() + '\n' + String.join("\n", article.questions()) + '\n'
          + String.join("\n", article.keywords());
      return new Words(text, new HashSet<>(kb.analyzer().words(text)));
    });
  }

  /** Whether any article's title, text, example question or keyword uses the text as written. */
  boolean usedAnywhere(String text) {
    return vocabulary().text().contains(text);
  }

  /** The latest year the articles name: how old the knowledge base's sources are (0 when none names one). */
  int latestYear() {
    return vocabulary().latestYear();
  }

  /** The question's analysed words that stand where its asking clause names what it asks about. */
  static List<String> askedWords(String question, List<String> words, Set<String> functionWords) {
    String[] clauses = CLAUSE_BREAK.split(question.strip());
    String clause = question;
    for (int i = clauses.length - 1; i >= 0; i--) {
      if (clauses[i].length() >= 4) {
        clause = clauses[i];
        break;
      }
    }
    StringBuilder spans = new StringBuilder();
    Matcher before = ASKED_BEFORE.matcher(clause);
    while (before.find()) {
      spans.append(clause, Math.max(0, before.start() - SPAN), before.start()).append('|');
    }
    Matcher after = ASKED_AFTER.matcher(clause);
    while (after.find()) {
      spans.append(clause, after.end(), Math.min(clause.length(), after.end() + SPAN)).append('|');
    }
    String span = spans.toString();
    return words.stream().distinct()
        .filter(w -> w.length() >= 2 && span.contains(w) && !functionWords.contains(w) && !NOT_A_WORD.matcher(w).matches())
        .toList();
  }

  /** The knowledge base's words, read again after an article changes. */
  private Vocabulary vocabulary() {
    Vocabulary v = vocabulary;
    long version = kb.version();
    if (v == null || v.version() != version) {
      StringBuilder text = new StringBuilder();
      for (Article a : kb.articles()) {
        text.append(a.title()).append('\n').append(a.body()).append('\n')
            .append(String.join("\n", a.questions())).append('\n').append(String.join("\n", a.keywords())).append('\n');
      }
      int latest = 0;
      Matcher year = YEAR.matcher(text);
      while (year.find()) {
        latest = Math.max(latest, Integer.parseInt(year.group(1)));
      }
      v = new Vocabulary(version, text.toString(), new HashSet<>(kb.analyzer().words(text.toString())), latest,
          new ConcurrentHashMap<>());
      vocabulary = v;
    }
    return v;
  }
}
