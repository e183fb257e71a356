package minsheng.dialogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import minsheng.claims.Policy;
import minsheng.config.Config;
import minsheng.kb.Article;
import minsheng.kb.Embedder;
import minsheng.kb.Fusion;
import minsheng.kb.KnowledgeBase;
import minsheng.nlu.IntentExamples;
import minsheng.nlu.IntentModel;
import minsheng.nlu.LiveIntents;
import minsheng.nlu.ResidentAnalyzer;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant's language and knowledge, without storage or channels: the analyzer, the intent model, the
 * knowledge base and the answer policy. The service, the terminal chat, the evaluation and the benchmarks all
 * build it the same way.
 */
public record AssistantCore(ResidentAnalyzer analyzer, LiveIntents intents, KnowledgeBase kb, AnswerPolicy policy,
    Replies replies) implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AssistantCore.class);

  public static ResidentAnalyzer analyzer(Config config) {
    return ResidentAnalyzer.load(config.synonymsFile, config.stopwordsFile);
  }

  /** Trains the intent model on {@code intents/train} and the articles' titles, logging how long it took. */
  public static IntentModel trainIntents(Config config, ResidentAnalyzer analyzer, Collection<Article> articles) {
    return train(config, analyzer, trainingExamples(config, articles)).model();
  }

  /** A model trained, and what it was trained on. */
  public record Trained(IntentModel model, int intents, int examples, long millis) {
  }

  private static Trained train(Config config, ResidentAnalyzer analyzer, IntentExamples examples) {
    long start = System.nanoTime();
    IntentModel model = IntentModel.train(analyzer, examples,
        new IntentModel.Training(config.nluIterations, config.nluCutoff));
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.info("intent model: trained on {} examples of {} intents in {} ms", examples.size(),
        examples.byIntent().size(), millis);
    return new Trained(model, examples.byIntent().size(), examples.size(), millis);
  }

  /**
   * Trains a new model from {@code intents/train} (read again, so edited example files count) and the articles
   * live in the knowledge base now, then puts it into service. Blocks for seconds: call it off the event loop.
   */
  public Trained retrainIntents(Config config) {
    Trained trained = train(config, analyzer, trainingExamples(config, kb.articles()));
    intents.swap(trained.model());
    return trained;
  }

  /** Builds everything; the intent model trains while the index is checked or built. */
  public static AssistantCore build(Config config, Collection<Article> articles, Directory indexDirectory) {
    ResidentAnalyzer analyzer = analyzer(config);
    CompletableFuture<IntentModel> training = CompletableFuture.supplyAsync(() -> trainIntents(config, analyzer, articles));
    KnowledgeBase kb = KnowledgeBase.open(indexDirectory, analyzer, analysisFingerprint(config), articles,
        Embedder.withFile(config.embeddingCacheDir, config.kbInt8Encoder));
    IntentModel model = training.join();
    // Loaded after training, not beside it: both take seconds of CPU, and start-up waits only for training.
    kb.embedder().warmUp();
    AnswerPolicy policy = policy(config, kb);
    return new AssistantCore(analyzer, new LiveIntents(model), kb, policy, Replies.load(config.repliesFile));
  }

  /** The answer policy as configured. */
  public static AnswerPolicy policy(Config config, KnowledgeBase kb) {
    return new AnswerPolicy(kb, Places.load(config.placesFile), Answerability.terms(config.neighboursFile),
        Policy.load(config.policyFile), config.confidenceThreshold, config.clarifyMargin,
        config.kbMinFused, config.kbTopicWeight, new Fusion(config.kbVectorWeight, config.kbBm25Weight, config.kbBm25Half));
  }

  /**
   * The intent model learns from {@code intents/train} and from each article's title, labelled with the
   * article's topic. (The articles' example questions are left to the index: as intent examples they blur
   * topics into one another, e.g. "how many" questions filed under employment versus district figures, and
   * held-out accuracy dropped.)
   */
  public static IntentExamples trainingExamples(Config config, Collection<Article> articles) {
    List<Map.Entry<String, String>> fromArticles = new ArrayList<>();
    for (Article a : articles) {
      if (!a.retired()) {
        fromArticles.add(Map.entry(a.topic(), a.title()));
      }
    }
    return IntentExamples.read(config.intentsDir.resolve("train")).plus(fromArticles);
  }

  /** Changes to the synonym or stop-word lists change how articles are indexed, so they force a rebuild. */
  public static String analysisFingerprint(Config config) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("resident-analyzer-v3".getBytes());
      sha.update(Files.readAllBytes(config.synonymsFile));
      sha.update(Files.readAllBytes(config.stopwordsFile));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      kb.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
