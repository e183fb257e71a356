package minsheng.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads articles from Markdown files with a YAML front matter ({@code kb-index/<id>.md}):
 * id, title, topic, source, passages, questions, keywords; the body follows the closing {@code ---}.
 */
public final class ArticleFiles {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,80}");

  private ArticleFiles() {
  }

  public static List<Article> readAll(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Article> out = new ArrayList<>();
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
        out.add(read(file));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read articles from " + dir.toAbsolutePath(), e);
    }
  }

  public static Article read(Path file) {
    try {
      String name = file.getFileName().toString().replaceFirst("\\.md$", "");
      Article article = parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!article.id().equals(name)) {
        throw new IllegalArgumentException("id '" + article.id() + "' differs from the file name");
      }
      return article;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read article " + file, e);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("article " + file + ": " + e.getMessage(), e);
    }
  }

  public static Article parse(String text) {
    String normalized = text.replace("\r\n", "\n");
    if (!normalized.startsWith("---\n")) {
      throw new IllegalArgumentException("missing front matter (first line must be ---)");
    }
    int end = normalized.indexOf("\n---\n", 3);
    if (end < 0) {
      throw new IllegalArgumentException("front matter is not closed by a --- line");
    }
    Map<String, Object> front = new Yaml(new SafeConstructor(new LoaderOptions())).load(normalized.substring(4, end));
    String body = normalized.substring(end + 5).strip();
    String id = string(front, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id '" + id + "' must be lower-case letters, digits and dashes");
    }
    if (body.isEmpty()) {
      throw new IllegalArgumentException("empty body");
    }
    return new Article(id, string(front, "title"), string(front, "topic"), string(front, "source"),
        strings(front, "passages"), strings(front, "questions"), strings(front, "keywords"), body, false);
  }

  private static String string(Map<String, Object> front, String key) {
    Object v = front.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new IllegalArgumentException("missing '" + key + "'");
    }
    return String.valueOf(v).strip();
  }

  private static List<String> strings(Map<String, Object> front, String key) {
    Object v = front.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException("'" + key + "' must be a list");
    }
    return list.stream().map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
