package minsheng.insurer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class InsurerSimulatorTest {

  @Test
  void checksTheContractsSignature() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String body = "{\"claimNo\":\"WC-2026-000001\"}";
    String sig = "sha256=" + HexFormat.of().formatHex(mac.doFinal(("1700000000." + body).getBytes(StandardCharsets.UTF_8)));
    assertThat(InsurerSimulator.validSignature("s3cret", "1700000000", body, sig)).isTrue();
    assertThat(InsurerSimulator.validSignature("s3cret", "1700000001", body, sig)).isFalse();
    assertThat(InsurerSimulator.validSignature("other", "1700000000", body, sig)).isFalse();
    assertThat(InsurerSimulator.validSignature("s3cret", "1700000000", body + " ", sig)).isFalse();
    assertThat(InsurerSimulator.validSignature("s3cret", "1700000000", body, null)).isFalse();
  }
}
