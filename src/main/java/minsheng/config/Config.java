package minsheng.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The service's configuration: defaults from {@code conf/minsheng.yaml}, each key overridable by an environment
 * variable derived from its path ({@code wechat.aesKey} → {@code MINSHENG_WECHAT_AES_KEY}). Every value is read
 * and checked when the object is built, so an invalid value stops start-up with a message naming the key.
 */
public final class Config {
  private final Map<String, String> values;

  public final String httpHost;
  public final int httpPort;
  public final int maxBodyBytes;
  public final Path dataDir;
  public final Optional<String> mongoUri;
  public final String mongoDatabase;
  public final Path knowledgeBaseDir;
  public final Path intentsDir;
  public final Path repliesFile;
  public final Path synonymsFile;
  public final Path stopwordsFile;
  public final Path wechatMenuKeysFile;
  public final Path policyFile;
  public final Path cannedRepliesFile;
  public final Path placesFile;
  public final Path neighboursFile;
  public final Optional<String> fieldKey;
  public final String claimNumberPrefix;
  public final int nluIterations;
  public final int nluCutoff;
  public final double confidenceThreshold;
  public final double clarifyMargin;
  public final double kbTopicWeight;
  /** Where text vectors are kept across index rebuilds (content-addressed; shareable). */
  public final Path embeddingCacheDir;
  /** The sentence encoder's weight matrices in int8 (quantized when the model loads); false: the fp32 model as shipped. */
  public final boolean kbInt8Encoder;
  public final double kbVectorWeight;
  public final double kbBm25Weight;
  public final double kbBm25Half;
  public final double kbMinFused;
  public final int replyMaxChars;
  public final List<String> chatApiKeys;
  public final List<String> chatAllowedOrigins;
  public final int chatMaxTextChars;
  public final Optional<String> wechatToken;
  public final Optional<String> wechatAppId;
  public final Optional<String> wechatAesKey;
  public final Optional<String> wechatAppSecret;
  public final URI wechatApiBase;
  public final int wechatReplyDeadlineMs;
  public final int wechatTimestampToleranceSeconds;
  public final int wechatRateLimitPerMinute;
  public final List<String> wechatMediaHosts;
  public final Optional<URI> insurerUrl;
  public final Optional<String> insurerSecret;
  public final List<String> insurerApiKeys;
  public final int consoleMaxConversationsPerOperator;
  public final long consoleOfflineGraceMs;
  public final String adminUser;
  public final Optional<String> adminPassword;
  public final int drainSeconds;
  /** Every cluster member's host:port (this one's included); empty: a single instance, no cluster. */
  public final List<String> clusterMembers;
  public final int clusterPort;

  private Config(Map<String, String> values) {
    this.values = values;
    httpHost = required("http.host");
    httpPort = integer("http.port", 0, 65535);
    maxBodyBytes = integer("http.maxBodyBytes", 1024, 64 * 1024 * 1024);
    dataDir = path("dataDir");
    mongoUri = optional("mongo.uri").map(v -> check("mongo.uri", v, v.startsWith("mongodb://") || v.startsWith("mongodb+srv://"),
        "a mongodb:// or mongodb+srv:// connection string"));
    mongoDatabase = required("mongo.database");
    knowledgeBaseDir = path("content.knowledgeBase");
    intentsDir = path("content.intents");
    repliesFile = path("content.replies");
    synonymsFile = path("content.synonyms");
    stopwordsFile = path("content.stopwords");
    wechatMenuKeysFile = path("content.wechatMenuKeys");
    policyFile = path("content.policy");
    cannedRepliesFile = path("content.cannedReplies");
    placesFile = path("content.places");
    neighboursFile = path("content.neighbours");
    fieldKey = optional("security.fieldKey").map(v -> check("security.fieldKey", v, isBase64Of32Bytes(v),
        "base64 of 32 random bytes (e.g. openssl rand -base64 32)"));
    claimNumberPrefix = optional("claims.numberPrefix").map(v -> check("claims.numberPrefix", v,
        v.matches("[A-Z]{1,6}"), "1 to 6 capital letters")).orElse("WC");
    nluIterations = integer("nlu.iterations", 10, 10_000);
    nluCutoff = integer("nlu.cutoff", 1, 100);
    confidenceThreshold = decimal("nlu.confidenceThreshold", 0, 1);
    clarifyMargin = decimal("nlu.clarifyMargin", 0, 1);
    kbTopicWeight = decimal("kb.topicWeight", 0, 1000);
    embeddingCacheDir = optional("kb.embeddingCache").map(Path::of).orElse(dataDir.resolve("embeddings"));
    kbInt8Encoder = bool("kb.int8Encoder");
    kbVectorWeight = decimal("kb.vectorWeight", 0, 1);
    kbBm25Weight = decimal("kb.bm25Weight", 0, 1);
    kbBm25Half = decimal("kb.bm25Half", 0.1, 1000);
    kbMinFused = decimal("kb.minFused", 0, 1);
    replyMaxChars = integer("kb.replyMaxChars", 60, 2000);
    chatApiKeys = list("chat.apiKeys");
    chatAllowedOrigins = list("chat.allowedOrigins").stream().map(v -> check("chat.allowedOrigins", v,
        v.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?"), "origins such as https://chat.example.org (scheme, host, "
            + "optional port; no path), comma-separated")).toList();
    chatMaxTextChars = integer("chat.maxTextChars", 1, 100_000);
    wechatToken = optional("wechat.token");
    wechatAppId = optional("wechat.appId");
    wechatAesKey = optional("wechat.aesKey").map(v -> check("wechat.aesKey", v, v.length() == 43, "43 characters"));
    wechatAppSecret = optional("wechat.appSecret");
    if (wechatAesKey.isPresent() && wechatAppId.isEmpty()) {
      // Safe-mode replies carry the AppID inside the ciphertext; without it they cannot be built.
      throw invalid("wechat.appId", "", "the official account's AppID whenever wechat.aesKey is set");
    }
    wechatApiBase = url("wechat.apiBase");
    wechatReplyDeadlineMs = integer("wechat.replyDeadlineMs", 100, 4900);
    wechatTimestampToleranceSeconds = integer("wechat.timestampToleranceSeconds", 1, 86_400);
    wechatRateLimitPerMinute = integer("wechat.rateLimitPerMinute", 1, 100_000);
    wechatMediaHosts = list("wechat.mediaHosts").stream().map(v -> check("wechat.mediaHosts", v,
        v.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+"), "host names such as mmbiz.qpic.cn, comma-separated"))
        .map(v -> v.toLowerCase(Locale.ROOT)).toList();
    insurerUrl = optional("insurer.url").map(v -> toUrl("insurer.url", v));
    insurerSecret = optional("insurer.secret");
    insurerApiKeys = list("insurer.apiKeys");
    consoleMaxConversationsPerOperator = integer("console.maxConversationsPerOperator", 1, 1000);
    consoleOfflineGraceMs = integer("console.offlineGraceMs", 100, 3_600_000);
    adminUser = required("admin.user");
    adminPassword = optional("admin.password");
    drainSeconds = integer("shutdown.drainSeconds", 1, 9);
    clusterMembers = list("cluster.members").stream().map(v -> check("cluster.members", v,
        v.matches("[A-Za-z0-9.-]+:[0-9]{1,5}"), "host:port of every member, comma-separated")).toList();
    clusterPort = integer("cluster.port", 1, 65535);
  }

  /** Loads {@code conf/minsheng.yaml} (or the file named by MINSHENG_CONFIG) and applies the process environment. */
  public static Config load() {
    Path file = Path.of(System.getenv().getOrDefault("MINSHENG_CONFIG", "conf/minsheng.yaml"));
    return load(file, System.getenv());
  }

  public static Config load(Path yamlFile, Map<String, String> env) {
    try (InputStream in = Files.newInputStream(yamlFile)) {
      return fromYaml(in, env);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + yamlFile.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  public static Config fromYaml(InputStream yaml, Map<String, String> env) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    Map<String, String> flat = new LinkedHashMap<>();
    if (root instanceof Map<?, ?> map) {
      flatten("", map, flat);
    } else if (root != null) {
      throw new ConfigException("configuration file must be a YAML mapping");
    }
    for (String key : List.copyOf(flat.keySet())) {
      String override = env.get(variableName(key));
      if (override != null) {
        flat.put(key, override);
      }
    }
    return new Config(flat);
  }

  /** {@code wechat.aesKey} → {@code MINSHENG_WECHAT_AES_KEY}. */
  public static String variableName(String key) {
    String snake = key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return "MINSHENG_" + snake.toUpperCase(Locale.ROOT);
  }

  /**
   * A copy with some keys set otherwise (YAML key paths, e.g. {@code dataDir}), checked like a loaded one: the
   * evaluation runs the service's own wiring on a scratch store this way.
   */
  public Config with(Map<String, String> keyValues) {
    Map<String, String> merged = new LinkedHashMap<>(values);
    merged.putAll(keyValues);
    return new Config(merged);
  }

  /** The raw value of a key, for parts that read their own settings. */
  public Optional<String> raw(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, out);
      } else {
        out.put(key, e.getValue() == null ? "" : String.valueOf(e.getValue()));
      }
    }
  }

  private static boolean isBase64Of32Bytes(String v) {
    try {
      return java.util.Base64.getDecoder().decode(v.strip()).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private ConfigException invalid(String key, String value, String expected) {
    return new ConfigException("invalid configuration " + key + " (" + variableName(key) + "): expected " + expected
        + ", got '" + value + "'");
  }

  private String check(String key, String value, boolean ok, String expected) {
    if (!ok) {
      throw invalid(key, value, expected);
    }
    return value;
  }

  private Optional<String> optional(String key) {
    return raw(key).map(String::trim);
  }

  private String required(String key) {
    return optional(key).orElseThrow(() -> invalid(key, "", "a value"));
  }

  private int integer(String key, int min, int max) {
    String v = required(key);
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the key's name
    }
    throw invalid(key, v, "an integer from " + min + " to " + max);
  }

  private boolean bool(String key) {
    String v = required(key).toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw invalid(key, v, "true or false");
  }

  private double decimal(String key, double min, double max) {
    String v = required(key);
    try {
      double d = Double.parseDouble(v);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the key's name
    }
    throw invalid(key, v, "a number from " + min + " to " + max);
  }

  private Path path(String key) {
    return Path.of(required(key));
  }

  private URI url(String key) {
    return toUrl(key, required(key));
  }

  private URI toUrl(String key, String v) {
    try {
      URI uri = new URI(v);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (Exception ignored) {
      // reported below with the key's name
    }
    throw invalid(key, v, "an http(s) URL");
  }

  private List<String> list(String key) {
    List<String> out = new ArrayList<>();
    optional(key).ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add));
    return List.copyOf(out);
  }
}
