package minsheng.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Labelled example sentences: one file per intent, {@code <dir>/<intent>.txt}, a sentence per line, {@code #}
 * comments. {@code intents/train} feeds the model; {@code intents/heldout} is only ever used to measure it.
 */
public record IntentExamples(Map<String, List<String>> byIntent) {

  public static IntentExamples read(Path dir) {
    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList()) {
        String intent = file.getFileName().toString().replaceFirst("\\.txt$", "");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String t = line.strip();
          if (!t.isEmpty() && !t.startsWith("#")) {
            lines.add(t);
          }
        }
        out.put(intent, List.copyOf(lines));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read intent examples from " + dir.toAbsolutePath(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no intent examples in " + dir.toAbsolutePath());
    }
    return new IntentExamples(out);
  }

  /** Every example as (intent, sentence), in a stable order. */
  public List<Map.Entry<String, String>> pairs() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    byIntent.forEach((intent, lines) -> lines.forEach(line -> out.add(Map.entry(intent, line))));
    return out;
  }

  public static IntentExamples of(List<Map.Entry<String, String>> pairs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : pairs) {
      out.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
    }
    return new IntentExamples(out);
  }

  /** These examples and more, e.g. the example questions of the knowledge-base articles, labelled by topic. */
  public IntentExamples plus(List<Map.Entry<String, String>> more) {
    List<Map.Entry<String, String>> all = new ArrayList<>(pairs());
    all.addAll(more);
    return of(all);
  }

  public int size() {
    return byIntent.values().stream().mapToInt(List::size).sum();
  }
}
