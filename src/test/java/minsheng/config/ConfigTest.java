package minsheng.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import minsheng.TestConfigs;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void defaultsComeFromTheYamlFile() {
    Config c = TestConfigs.with(Map.of());
    assertThat(c.httpHost).isEqualTo("127.0.0.1");
    assertThat(c.httpPort).isEqualTo(8080);
    assertThat(c.dataDir.toString()).isEqualTo("./data");
    assertThat(c.mongoUri).isEmpty();
    assertThat(c.insurerUrl).isEmpty();
    assertThat(c.chatApiKeys).isEmpty();
    assertThat(c.wechatApiBase.toString()).isEqualTo("https://api.weixin.qq.com");
    assertThat(c.adminUser).isEqualTo("admin");
    assertThat(c.consoleMaxConversationsPerOperator).isEqualTo(5);
    assertThat(c.cannedRepliesFile.toString()).isEqualTo("conf/canned-replies-zh.yaml");
  }

  @Test
  void theInt8EncoderIsOnByDefaultAndItsVariableTurnsItOff() {
    assertThat(TestConfigs.with(Map.of()).kbInt8Encoder).isTrue();
    assertThat(TestConfigs.with(Map.of("MINSHENG_KB_INT8_ENCODER", "false")).kbInt8Encoder).isFalse();
    assertThat(TestConfigs.with(Map.of("MINSHENG_KB_INT8_ENCODER", "TRUE")).kbInt8Encoder).isTrue();
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_KB_INT8_ENCODER", "no")))
        .hasMessageContaining("MINSHENG_KB_INT8_ENCODER");
  }

  @Test
  void theOperatorLimitComesFromItsVariableAndIsChecked() {
    assertThat(TestConfigs.with(Map.of("MINSHENG_CONSOLE_MAX_CONVERSATIONS_PER_OPERATOR", "2"))
        .consoleMaxConversationsPerOperator).isEqualTo(2);
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_CONSOLE_MAX_CONVERSATIONS_PER_OPERATOR", "0")))
        .hasMessageContaining("MINSHENG_CONSOLE_MAX_CONVERSATIONS_PER_OPERATOR");
  }

  @Test
  void allowedOriginsAndMediaHostsComeFromTheirVariablesAndAreChecked() {
    assertThat(TestConfigs.with(Map.of()).chatAllowedOrigins).isEmpty();
    assertThat(TestConfigs.with(Map.of()).wechatMediaHosts).contains("mmbiz.qpic.cn", "wx.qlogo.cn");
    assertThat(TestConfigs.with(Map.of("MINSHENG_CHAT_ALLOWED_ORIGINS", "https://chat.example.org, http://localhost:3000"))
        .chatAllowedOrigins).containsExactly("https://chat.example.org", "http://localhost:3000");
    for (String bad : new String[] {"*", "chat.example.org", "https://chat.example.org/", "null"}) {
      assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_CHAT_ALLOWED_ORIGINS", bad)))
          .as(bad).hasMessageContaining("MINSHENG_CHAT_ALLOWED_ORIGINS");
    }
    assertThat(TestConfigs.with(Map.of("MINSHENG_WECHAT_MEDIA_HOSTS", "MMBIZ.QPIC.CN")).wechatMediaHosts)
        .containsExactly("mmbiz.qpic.cn");
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_WECHAT_MEDIA_HOSTS", "https://mmbiz.qpic.cn/")))
        .hasMessageContaining("MINSHENG_WECHAT_MEDIA_HOSTS");
  }

  @Test
  void everyContractVariableOverridesItsKey() {
    Config c = TestConfigs.with(Map.ofEntries(
        Map.entry("MINSHENG_HTTP_HOST", "0.0.0.0"),
        Map.entry("MINSHENG_HTTP_PORT", "9000"),
        Map.entry("MINSHENG_DATA_DIR", "/var/lib/minsheng"),
        Map.entry("MINSHENG_MONGO_URI", "mongodb://db:27017"),
        Map.entry("MINSHENG_WECHAT_TOKEN", "tok"),
        Map.entry("MINSHENG_WECHAT_APP_ID", "wx123"),
        Map.entry("MINSHENG_WECHAT_AES_KEY", "a".repeat(43)),
        Map.entry("MINSHENG_WECHAT_APP_SECRET", "sec"),
        Map.entry("MINSHENG_WECHAT_API_BASE", "http://127.0.0.1:9999"),
        Map.entry("MINSHENG_INSURER_URL", "https://insurer.example/claims"),
        Map.entry("MINSHENG_INSURER_SECRET", "hmac"),
        Map.entry("MINSHENG_INSURER_API_KEYS", "k1, k2"),
        Map.entry("MINSHENG_CHAT_API_KEYS", "c1"),
        Map.entry("MINSHENG_ADMIN_USER", "root"),
        Map.entry("MINSHENG_ADMIN_PASSWORD", "pw")));
    assertThat(c.httpHost).isEqualTo("0.0.0.0");
    assertThat(c.httpPort).isEqualTo(9000);
    assertThat(c.dataDir.toString()).isEqualTo("/var/lib/minsheng");
    assertThat(c.mongoUri).contains("mongodb://db:27017");
    assertThat(c.wechatToken).contains("tok");
    assertThat(c.wechatAppId).contains("wx123");
    assertThat(c.wechatAesKey).contains("a".repeat(43));
    assertThat(c.wechatAppSecret).contains("sec");
    assertThat(c.wechatApiBase.toString()).isEqualTo("http://127.0.0.1:9999");
    assertThat(c.insurerUrl.map(Object::toString)).contains("https://insurer.example/claims");
    assertThat(c.insurerSecret).contains("hmac");
    assertThat(c.insurerApiKeys).containsExactly("k1", "k2");
    assertThat(c.chatApiKeys).containsExactly("c1");
    assertThat(c.adminUser).isEqualTo("root");
    assertThat(c.adminPassword).contains("pw");
  }

  @Test
  void variableNamesFollowTheKeyPath() {
    assertThat(Config.variableName("wechat.aesKey")).isEqualTo("MINSHENG_WECHAT_AES_KEY");
    assertThat(Config.variableName("dataDir")).isEqualTo("MINSHENG_DATA_DIR");
    assertThat(Config.variableName("nlu.confidenceThreshold")).isEqualTo("MINSHENG_NLU_CONFIDENCE_THRESHOLD");
  }

  @Test
  void anInvalidValueNamesTheKeyAndItsVariable() {
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port").hasMessageContaining("MINSHENG_HTTP_PORT");
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_HTTP_PORT", "70000")))
        .hasMessageContaining("http.port");
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_WECHAT_AES_KEY", "short", "MINSHENG_WECHAT_APP_ID", "wx1")))
        .hasMessageContaining("wechat.aesKey");
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_WECHAT_AES_KEY", "a".repeat(43))))
        .hasMessageContaining("wechat.appId").hasMessageContaining("MINSHENG_WECHAT_APP_ID");
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_INSURER_URL", "ftp://x")))
        .hasMessageContaining("insurer.url");
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_MONGO_URI", "postgres://x")))
        .hasMessageContaining("mongo.uri");
    assertThatThrownBy(() -> TestConfigs.with(Map.of("MINSHENG_NLU_CONFIDENCE_THRESHOLD", "2")))
        .hasMessageContaining("nlu.confidenceThreshold");
  }
}
