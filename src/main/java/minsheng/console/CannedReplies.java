package minsheng.console;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The operators' ready-made replies in the console inbox. */
public final class CannedReplies {
  private CannedReplies() {
  }

  /** The canned replies file: a YAML mapping of key to text, kept in file order. */
  public static List<JsonObject> load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Object raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
        throw new IllegalStateException("canned replies file " + file + " must map keys to texts");
      }
      List<JsonObject> out = new ArrayList<>();
      map.forEach((k, v) -> {
        if (!(v instanceof String text) || text.isBlank() || text.strip().length() > Inbox.MAX_REPLY_CHARS) {
          throw new IllegalStateException("canned reply '" + k + "' in " + file + " must be a text of 1 to "
              + Inbox.MAX_REPLY_CHARS + " characters");
        }
        out.add(new JsonObject().put("key", String.valueOf(k)).put("text", text.strip()));
      });
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read canned replies from " + file, e);
    }
  }
}
