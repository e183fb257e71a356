package minsheng;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import minsheng.config.Config;

/** The project's own configuration with test overrides, as environment variables would give them. */
public final class TestConfigs {
  private TestConfigs() {
  }

  /**
   * Where the tests keep text vectors: shared by every service a test starts, so the passages are embedded
   * once per build, not once per test.
   */
  public static final Path EMBEDDING_CACHE = Path.of("target", "embedding-cache").toAbsolutePath();

  public static Config with(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(overrides);
    env.putIfAbsent("MINSHENG_KB_EMBEDDING_CACHE", EMBEDDING_CACHE.toString());
    return Config.load(Path.of("conf/minsheng.yaml"), env);
  }

  /** A service on a free port with its data in {@code dataDir}. */
  public static Config service(Path dataDir, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("MINSHENG_DATA_DIR", dataDir.toString());
    env.put("MINSHENG_HTTP_PORT", "0");
    return with(env);
  }
}
