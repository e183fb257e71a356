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
  void concurrentClaimsGetConsecutiveNumbersWithoutHolesAndACounterBehindTheClaimsReusesNone() throws Exception {
    String year = String.valueOf(Year.now(ZoneId.of("Asia/Shanghai")).getValue());
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      ClaimStore claims = new ClaimStore(store, FieldCipher.open(Optional.empty(), data), "WC");
      claims.createIndexes().await(10, TimeUnit.SECONDS);
      List<io.vertx.core.Future<Claim>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        all.add(claims.submit(newClaim(String.format("1380000%04d", i)), "api:c" + i, "api:c" + i));
      }
      io.vertx.core.Future.all(all).await(30, TimeUnit.SECONDS);
      assertThat(all.stream().map(f -> f.result().claimNo()).sorted().toList()).isEqualTo(
          java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(n -> String.format("WC-%s-%06d", year, n)).toList());
      assertThat(all.stream().map(f -> f.result().claimant().phone().value()).distinct().count()).isEqualTo(12);

      // A crash between a claim's insert and the counter's update leaves the counter behind the claims.
      Reactive.one(store.collection("counters").updateOne(new Document("_id", "claimNo:" + year),
          new Document("$set", new Document("value", 3L)))).await(10, TimeUnit.SECONDS);
      Claim next = claims.submit(newClaim("13912345678"), "api:n", "api:n").await(10, TimeUnit.SECONDS);
      assertThat(next.claimNo()).isEqualTo("WC-" + year + "-000013");
      String fourth = "WC-" + year + "-000004";
      String fourthPhone = all.stream().map(io.vertx.core.Future::result).filter(c -> c.claimNo().equals(fourth))
          .findFirst().orElseThrow().claimant().phone().value();
      assertThat(claims.byNumber(fourth).await(10, TimeUnit.SECONDS).orElseThrow().claimant().phone().value())
          .as("the claim behind the counter is untouched").isEqualTo(fourthPhone);
      Document counter = Reactive.one(store.collection("counters").find(new Document("_id", "claimNo:" + year))
          .first()).await(10, TimeUnit.SECONDS);
      assertThat(((Number) counter.get("value")).longValue()).isEqualTo(13);
      assertThat(claims.changesSince(0, 100).await(10, TimeUnit.SECONDS))
          .as("the change numbers of the tries that lost do not hold readers back").hasSize(13);
    }
  }

  @Test
  void aDraftIsFiledOnceHoweverOftenItIsSubmitted() throws Exception {
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      ClaimStore claims = new ClaimStore(store, FieldCipher.open(Optional.empty(), data), "WC");
      claims.createIndexes().await(10, TimeUnit.SECONDS);
      List<io.vertx.core.Future<Claim>> copies = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        copies.add(claims.submit(newClaim("13812345678"), "api:r1", "api:r1", null, List.of(), "api:r1@1700000000000"));
      }
      io.vertx.core.Future.all(copies).await(30, TimeUnit.SECONDS);
      assertThat(copies.stream().map(f -> f.result().claimNo()).distinct().toList()).hasSize(1);
      Claim again = claims.submit(newClaim("13812345678"), "api:r1", "api:r1", null, List.of(), "api:r1@1700000000000")
          .await(10, TimeUnit.SECONDS);
      assertThat(again.claimNo()).isEqualTo(copies.get(0).result().claimNo());
      assertThat(Reactive.one(store.collection("claims").countDocuments()).await(10, TimeUnit.SECONDS)).isEqualTo(1);
      Claim otherDraft = claims.submit(newClaim("13812345678"), "api:r1", "api:r1", null, List.of(),
          "api:r1@1700000099999").await(10, TimeUnit.SECONDS);
      assertThat(otherDraft.claimNo()).isNotEqualTo(again.claimNo());
    }
  }

  @Test
  void changeNumbersAndLeasesLeftByACrashHoldBackNeitherReadersNorDeliveryAfterARestart() throws Exception {
    Claim filed;
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      ClaimStore claims = new ClaimStore(store, FieldCipher.open(Optional.empty(), data), "WC");
      claims.createIndexes().await(10, TimeUnit.SECONDS);
      // A writer took a change number, then died before writing the claim that would carry it.
      claims.nextChangeSeq("WC-2026-999999").await(10, TimeUnit.SECONDS);
      filed = claims.submit(newClaim("13812345678"), "api:r1", "api:r1").await(10, TimeUnit.SECONDS);
      assertThat(claims.changesSince(0, 10).await(10, TimeUnit.SECONDS)).as("held back by the marker").isEmpty();
      // ... and the forwarder of that run had leased the claim for a minute.
      Reactive.one(store.collection("claims").updateOne(new Document("_id", filed.claimNo()),
          new Document("$set", new Document("delivery.leaseOwner", "dead-run")
              .append("delivery.leaseUntil", new java.util.Date(System.currentTimeMillis() + 60_000)))))
          .await(10, TimeUnit.SECONDS);
    }
    try (Store store = Store.open(Optional.empty(), data, "test")) {
      ClaimStore claims = new ClaimStore(store, FieldCipher.open(Optional.empty(), data), "WC");
      claims.createIndexes().compose(v -> claims.forgetDeadWriters()).await(10, TimeUnit.SECONDS);
      assertThat(claims.changesSince(0, 10).await(10, TimeUnit.SECONDS)).extracting(d -> d.getString("_id"))
          .containsExactly(filed.claimNo());
      Document delivery = Reactive.one(store.collection("claims").find(new Document("_id", filed.claimNo())).first())
          .await(10, TimeUnit.SECONDS).get("delivery", Document.class);
      assertThat(delivery.get("leaseOwner")).as("the dead run's lease is released").isNull();
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
