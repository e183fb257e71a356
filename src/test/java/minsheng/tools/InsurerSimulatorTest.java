package minsheng.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import minsheng.insurer.InsurerClient;
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

  @Test
  void keepsOneBodyPerKeyAndAnswersARepeatWithTheDigestOfTheBodyItHolds() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      HttpServer server = vertx.createHttpServer()
          .requestHandler(InsurerSimulator.router(vertx, Optional.empty(), 0, new PrintStream(printed, true,
              StandardCharsets.UTF_8)))
          .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      WebClient web = WebClient.create(vertx);
      String first = "{\"claimNo\":\"WC-2026-000001\",\"peril\":\"FLOOD\",\"incidentDate\":\"2026-07-06\","
          + "\"claimant\":{\"address\":{\"street\":\"水果湖街\"}},\"losses\":[]}";
      String other = first.replace("FLOOD", "FIRE");
      assertThat(post(web, server, first).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> repeat = post(web, server, first);
      assertThat(repeat.statusCode()).isEqualTo(409);
      assertThat(repeat.getHeader(InsurerClient.DIGEST_HEADER)).isEqualTo(InsurerClient.digest(first));
      assertThat(repeat.bodyAsJsonObject().getString("bodyDigest")).isEqualTo(InsurerClient.digest(first));
      HttpResponse<Buffer> collision = post(web, server, other);
      assertThat(collision.statusCode()).isEqualTo(409);
      assertThat(collision.getHeader(InsurerClient.DIGEST_HEADER)).as("the digest of the body it holds")
          .isEqualTo(InsurerClient.digest(first)).isNotEqualTo(InsurerClient.digest(other));
      String lines = printed.toString(StandardCharsets.UTF_8);
      assertThat(lines).contains("REPEAT").contains("COLLISION WC-2026-000001");
      String firstMark = InsurerSimulator.bodyMark(first);
      String otherMark = InsurerSimulator.bodyMark(other);
      assertThat(lines.lines().filter(l -> l.endsWith(firstMark))).as("the claim and its repeat name the same body")
          .hasSize(2);
      assertThat(lines.lines().filter(l -> l.startsWith("COLLISION"))).singleElement().asString().endsWith(otherMark);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<Buffer> post(WebClient web, HttpServer server, String body) throws Exception {
    return web.post(server.actualPort(), "127.0.0.1", "/claims").putHeader("Idempotency-Key", "WC-2026-000001")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }
}
