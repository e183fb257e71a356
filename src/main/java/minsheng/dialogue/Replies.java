package minsheng.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The assistant's own lines to residents, from {@code conf/replies-zh.yaml}. */
public final class Replies {
  private final Map<String, Object> lines;

  private Replies(Map<String, Object> lines) {
    this.lines = lines;
  }

  public static Replies load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Replies replies = new Replies(map);
      for (String key : List.of("greeting", "thanks", "goodbye", "capabilities", "handoff", "humanRequested",
          "claimStatus", "clarify", "source", "moreOffer", "noMoreDetail", "empty", "wechatWelcome",
          "wechatVoiceUnclear", "wechatImage", "wechatLocation", "wechatMedia", "wechatUnknownType", "rateLimited",
          "operatorJoined", "assistantBack", "handoffAgain", "emptyAgain", "sameAgain")) {
        replies.line(key);
      }
      return replies;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read replies from " + file, e);
    }
  }

  public String line(String key) {
    Object v = lines.get(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalStateException("replies file lacks '" + key + "'");
    }
    return s.strip();
  }

  public String line(String key, Map<String, String> values) {
    String out = line(key);
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  /** A nested section of the replies file, e.g. the claim dialogue's lines. */
  public Map<String, Object> section(String key) {
    if (!(lines.get(key) instanceof Map<?, ?> m)) {
      throw new IllegalStateException("replies file lacks the section '" + key + "'");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> section = (Map<String, Object>) m;
    return section;
  }

  /** How a topic is named to residents, when the assistant asks which of two topics they mean. */
  public Optional<String> topicLabel(String intent) {
    return lines.get("topics") instanceof Map<?, ?> topics
        ? Optional.ofNullable(topics.get(intent)).map(String::valueOf) : Optional.empty();
  }

  public boolean asksForMore(String text) {
    String t = text.strip();
    return lines.get("moreWords") instanceof List<?> words && words.stream().map(String::valueOf).anyMatch(t::equals);
  }
}
