package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import minsheng.store.FieldCipher;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims through the real driver against the embedded store: numbering, sealing, look-ups, persistence. */
class ClaimStoreTest {
  @TempDir
  java.nio.file.Path data;

  static final String ID = "420106199001011237";

  static ClaimStore.NewClaim newClaim(String phone) {
    return new ClaimStore.NewClaim("api", "wuchang-minsheng",
        new Claim.Claimant("张三", IdNumber.of(withCheck("42010619900101123")), PhoneNumber.of(phone),
            new Claim.Address("水果湖街", "东亭社区", "3栋2单元101")),
        Peril.NATURAL_DISASTER, List.of(new Claim.Loss(LossType.HOUSE_DAMAGE, Money.ofYuan(8000))),
        LocalDate.of(2026, 7, 6), "暴雨一楼进水,家具泡坏", List.of(new Claim.Attachment("image", "https://example/1.jpg")));
  }

  static String withCheck(String first17) {
    return first17 + IdNumber.checkCharacter(first17);
  }

  @Test
  void claimsAreNumberedPerYearSealedAndFoundAgainAfterARestart() throws Exception {
    String year = String.valueOf(Year.now(ZoneId.of("Asia/Shanghai")).getValue());
    Claim first;
    Claim second;
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      ClaimStore claims = new ClaimStore(store, FieldCipher.open(Optional.empty(), data), "WC");
      claims.createIndexes().await(10, TimeUnit.SECONDS);
      first = claims.submit(newClaim("13812345678"), "api:r1", "api:r1").await(10, TimeUnit.SECONDS);
      second = claims.submit(newClaim("13987654321"), "api:r2", "api:r2").await(10, TimeUnit.SECONDS);
      assertThat(first.claimNo()).isEqualTo("WC-" + year + "-000001");
      assertThat(second.claimNo()).isEqualTo("WC-" + year + "-000002");

      Document raw = Reactive.one(store.collection("claims").find(new Document("_id", first.claimNo())).first())
          .await(10, TimeUnit.SECONDS);
      String stored = raw.toJson();
      assertThat(stored).doesNotContain(first.claimant().idNumber().value()).doesNotContain("13812345678")
          .contains("138****5678");
      assertThat(raw.get("delivery", Document.class).getString("state")).isEqualTo("pending");
      assertThat(raw.get("changeSeq")).isNotNull();
    }
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      ClaimStore claims = new ClaimStore(store, FieldCipher.open(Optional.empty(), data), "WC");
      Claim again = claims.byNumber(first.claimNo()).await(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(again.claimant().idNumber()).isEqualTo(first.claimant().idNumber());
      assertThat(again.claimant().phone().value()).isEqualTo("13812345678");
      assertThat(again.losses().get(0).estimatedAmount()).isEqualTo(Money.ofYuan(8000));
      assertThat(again.history()).extracting(Claim.HistoryEntry::status).containsExactly(ClaimStatus.SUBMITTED);
      assertThat(claims.ofResident("api:r2").await(10, TimeUnit.SECONDS)).extracting(Claim::claimNo)
          .containsExactly(second.claimNo());
      assertThat(claims.byPhone(PhoneNumber.of("13987654321")).await(10, TimeUnit.SECONDS)).extracting(Claim::claimNo)
          .containsExactly(second.claimNo());
      Claim third = claims.submit(newClaim("13812345678"), "api:r1", "api:r1").await(10, TimeUnit.SECONDS);
      assertThat(third.claimNo()).isEqualTo("WC-" + year + "-000003");
    }
  }

  @Test
  void theContractJsonMasksPersonalDataUnlessAskedInFull() throws Exception {
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      ClaimStore claims = new ClaimStore(store, FieldCipher.open(Optional.empty(), data), "WC");
      Claim c = claims.submit(newClaim("13812345678"), "api:r1", "api:r1").await(10, TimeUnit.SECONDS);
      var masked = c.toJson(false);
      assertThat(masked.getJsonObject("claimant").getString("phone")).isEqualTo("138****5678");
      assertThat(masked.getJsonObject("claimant").getString("idNumber")).doesNotContain("19900101");
      assertThat(masked.getString("status")).isEqualTo("SUBMITTED");
      assertThat(masked.getString("policy")).isEqualTo("wuchang-minsheng");
      assertThat(masked.getString("peril")).isEqualTo("NATURAL_DISASTER");
      assertThat(masked.getJsonArray("losses").getJsonObject(0).getDouble("estimatedAmount")).isEqualTo(8000.0);
      assertThat(masked.getString("incidentDate")).isEqualTo("2026-07-06");
      assertThat(c.toJson(true).getJsonObject("claimant").getString("phone")).isEqualTo("13812345678");
      assertThat(c.toString()).doesNotContain("13812345678").doesNotContain(c.claimant().idNumber().value());
    }
  }
}
