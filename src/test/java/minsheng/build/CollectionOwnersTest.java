package minsheng.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each MongoDB collection has one owning class, which every other class asks: read from the sources, a
 * collection is opened ({@code store.collection("…")}) in one file only, and no class outside the store hands
 * a raw collection out.
 */
class CollectionOwnersTest {
  private static final Path SOURCES = Path.of("src/main/java");
  /** {@code collection("name")}, {@code durableCollection("name")}, or the same with a constant of the file. */
  private static final Pattern OPENED =
      Pattern.compile("\\b(?:collection|durableCollection)\\(\\s*(?:\"([^\"]+)\"|([A-Z][A-Z0-9_]*))\\s*\\)");
  private static final String CONSTANT = "\\bString\\s+%s\\s*=\\s*\"([^\"]+)\"";
  private static final Pattern HANDED_OUT = Pattern.compile("public\\s+MongoCollection<[^>]*>\\s+\\w+\\s*\\(");

  @Test
  void everyCollectionIsOpenedByOneClass() throws IOException {
    Map<String, Set<String>> openers = new TreeMap<>();
    for (Path file : sources()) {
      String source = Files.readString(file);
      Matcher m = OPENED.matcher(source);
      while (m.find()) {
        String name = m.group(1);
        if (name == null) {
          Matcher constant = Pattern.compile(String.format(CONSTANT, m.group(2))).matcher(source);
          assertThat(constant.find()).as("the value of %s in %s", m.group(2), file).isTrue();
          name = constant.group(1);
        }
        openers.computeIfAbsent(name, k -> new TreeSet<>()).add(SOURCES.relativize(file).toString());
      }
    }
    assertThat(openers).as("collections found").containsKeys("conversations", "turns", "claims", "counters",
        "operators", "claim_drafts");
    openers.forEach((collection, files) ->
        assertThat(files).as("classes opening the '%s' collection", collection).hasSize(1));
  }

  @Test
  void noRawCollectionLeavesItsOwner() throws IOException {
    List<String> handing = new ArrayList<>();
    for (Path file : sources()) {
      // The store hands out collections to their owners; that is its job.
      if (file.startsWith(SOURCES.resolve("minsheng/store"))) {
        continue;
      }
      if (HANDED_OUT.matcher(Files.readString(file)).find()) {
        handing.add(SOURCES.relativize(file).toString());
      }
    }
    assertThat(handing).as("classes with a public method returning a MongoCollection").isEmpty();
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }
}
