package minsheng;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import minsheng.config.Config;

/** The project's own configuration with test overrides, as environment variables would give them. */
public final class TestConfigs {
  private TestConfigs() {
  }

  public static Config with(Map<String, String> overrides) {
    return Config.load(Path.of("conf/minsheng.yaml"), overrides);
  }

  /** A service on a free port with its data in {@code dataDir}. */
  public static Config service(Path dataDir, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("MINSHENG_DATA_DIR", dataDir.toString());
    env.put("MINSHENG_HTTP_PORT", "0");
    return with(env);
  }
}
