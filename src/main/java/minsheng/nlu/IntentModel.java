package minsheng.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * The intent classifier: two OpenNLP document categorizers over {@link IntentFeatures} of the words
 * {@link ResidentAnalyzer} finds, a maximum-entropy model and a naive-Bayes model, whose probabilities are
 * averaged. On a few thousand short sentences naive Bayes generalises better to new wordings, while maximum
 * entropy is better calibrated for "I don't know"; the average beat either alone on the held-out sentences.
 * Trained from the example files at start; classification is thread-safe (each thread keeps its own
 * categorizers over the shared models).
 */
public final class IntentModel {
  private final ResidentAnalyzer analyzer;
  private final Classifier intents;

  private IntentModel(ResidentAnalyzer analyzer, Classifier intents) {
    this.analyzer = analyzer;
    this.intents = intents;
  }

  /** Training settings; OpenNLP's defaults (cutoff 5, 100 iterations) are wrong for a few hundred examples. */
  public record Training(int iterations, int cutoff) {
  }

  public static IntentModel train(ResidentAnalyzer analyzer, IntentExamples examples, Training training) {
    return new IntentModel(analyzer, Classifier.train(analyzer, examples, training));
  }

  public Understanding understand(String text) {
    List<String> words = analyzer.words(text);
    String[] input = words.isEmpty() ? new String[] {text.strip()} : words.toArray(String[]::new);
    List<Intent> ranked = intents.classify(input);
    Map<String, Double> topicProbabilities = new HashMap<>();
    ranked.forEach(i -> topicProbabilities.put(i.name(), i.confidence()));
    return new Understanding(text, words, ranked, topicProbabilities);
  }

  /** A maximum-entropy and a naive-Bayes categorizer over the same samples, probabilities averaged. */
  private static final class Classifier {
    private final ThreadLocal<DocumentCategorizerME> maxent;
    private final ThreadLocal<DocumentCategorizerME> bayes;

    private Classifier(DoccatModel maxentModel, DoccatModel bayesModel) {
      this.maxent = ThreadLocal.withInitial(() -> new DocumentCategorizerME(maxentModel));
      this.bayes = ThreadLocal.withInitial(() -> new DocumentCategorizerME(bayesModel));
    }

    static Classifier train(ResidentAnalyzer analyzer, IntentExamples examples, Training training) {
      List<DocumentSample> samples = new ArrayList<>(examples.size());
      for (Map.Entry<String, String> pair : examples.pairs()) {
        String[] words = analyzer.words(pair.getValue()).toArray(String[]::new);
        samples.add(new DocumentSample(pair.getKey(), words.length == 0 ? new String[] {pair.getValue()} : words));
      }
      CompletableFuture<DoccatModel> bayes =
          CompletableFuture.supplyAsync(() -> doccat(samples, "NAIVEBAYES", 1, training.cutoff()));
      DoccatModel maxent = doccat(samples, "MAXENT", training.iterations(), training.cutoff());
      return new Classifier(maxent, bayes.join());
    }

    private static DoccatModel doccat(List<DocumentSample> samples, String algorithm, int iterations, int cutoff) {
      TrainingParameters params = new TrainingParameters();
      params.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
      params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
      params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
      try {
        return DocumentCategorizerME.train("zh", new CollectionObjectStream<>(samples), params,
            new DoccatFactory(new FeatureGenerator[] {new IntentFeatures()}));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<Intent> classify(String[] input) {
      DocumentCategorizerME me = maxent.get();
      DocumentCategorizerME nb = bayes.get();
      double[] p = me.categorize(input);
      double[] q = nb.categorize(input);
      List<Intent> ranked = new ArrayList<>(p.length);
      for (int i = 0; i < p.length; i++) {
        String intent = me.getCategory(i);
        ranked.add(new Intent(intent, (p[i] + q[nb.getIndex(intent)]) / 2));
      }
      ranked.sort(Comparator.comparingDouble(Intent::confidence).reversed());
      return List.copyOf(ranked);
    }

    List<String> categories() {
      DocumentCategorizerME me = maxent.get();
      List<String> out = new ArrayList<>();
      for (int i = 0; i < me.getNumberOfCategories(); i++) {
        out.add(me.getCategory(i));
      }
      return out;
    }
  }

  public List<String> intents() {
    return intents.categories();
  }

  public ResidentAnalyzer analyzer() {
    return analyzer;
  }
}
