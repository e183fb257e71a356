package minsheng.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.store.Reactive;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations and claims as CSV: masked unless an admin asks, safe to open in Excel, and always audited. */
class ExportsTest {
  static final String FIRST17 = "42010619900101123";
  static final String ID = FIRST17 + IdNumber.checkCharacter(FIRST17);
  static final String PHONE = "13812345678";

  @TempDir
  static Path data;
  static Minsheng app;
  static ConsoleClient admin;
  static ConsoleClient operator;

  @BeforeAll
  static void start() throws Exception {
    app = ConsoleClient.startService(data);
    admin = ConsoleClient.admin(app);
    operator = admin.newOperator("wang");
    chat("e1", "低保怎么申请");
    chat("e2", "=HYPERLINK(\"http://evil\"),我的电话" + PHONE);
    app.claims().submit(new ClaimStore.NewClaim("api", "wuchang-minsheng",
            new Claim.Claimant("张三", IdNumber.of(ID), PhoneNumber.of(PHONE),
                new Claim.Address("水果湖街", "东亭社区", "3栋,2单元\"101\"")),
            Peril.NATURAL_DISASTER, List.of(new Claim.Loss(LossType.HOUSE_DAMAGE, Money.ofYuan(8000)),
                new Claim.Loss(LossType.DISABILITY, Money.ofYuan(1500))),
            java.time.LocalDate.of(2026, 7, 6), "+暴雨进水\n联系" + PHONE, List.of()), "api:e3", "api:e3")
        .await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static void chat(String user, String text) throws Exception {
    ConsoleClient.residentSays(app, user, text);
  }

  static long audits(String what) throws Exception {
    return Reactive.one(app.store().collection("audit").countDocuments(Filters.eq("what", what)))
        .await(5, TimeUnit.SECONDS);
  }

  static Document lastAudit() throws Exception {
    return Reactive.one(app.store().collection("audit").find().sort(new Document("at", -1)).first())
        .await(5, TimeUnit.SECONDS);
  }

  /** The file's text after the byte-order mark, which must be there. */
  static String csv(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    return r.body().substring(1);
  }

  /** RFC 4180 records: fields split on commas outside quotes, records on CRLF outside quotes. */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertThat(field).isEmpty();
    assertThat(fields).isEmpty();
    return records;
  }

  static String column(List<List<String>> records, int row, String name) {
    return records.get(row).get(records.get(0).indexOf(name));
  }

  @Test
  void conversationsAreMaskedByDefaultAndGuardedAgainstFormulas() throws Exception {
    long before = audits("export.conversations.csv");
    HttpResponse<String> r = operator.send("GET", "/console/api/export/conversations.csv", null);
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).matches("attachment; filename=\"minsheng-conversations-\\d{4}-\\d{2}-\\d{2}\\.csv\""));
    String text = csv(r);
    List<List<String>> records = parse(text);
    assertThat(records).hasSize(3);
    assertThat(text).doesNotContain(PHONE).doesNotContain("\"e1\"").doesNotContain(",e1,").doesNotContain(",e2,");
    int evil = column(records, 1, "lastText").startsWith("'=") ? 1 : 2;
    assertThat(column(records, evil, "lastText")).isEqualTo("'=HYPERLINK(\"http://evil\"),我的电话138****5678");
    assertThat(column(records, evil, "user")).matches("api-[0-9a-f]{6}");
    assertThat(column(records, evil, "channel")).isEqualTo("api");
    assertThat(audits("export.conversations.csv")).isEqualTo(before + 1);
    Document audit = lastAudit();
    assertThat(audit.getString("who")).isEqualTo("operator:wang");
    assertThat(audit.get("rows", Number.class).longValue()).isEqualTo(2);
    assertThat(audit.getBoolean("full")).isFalse();
  }

  @Test
  void claimsAreMaskedByDefaultWithQuotedFields() throws Exception {
    List<List<String>> records = parse(csv(operator.send("GET", "/console/api/export/claims.csv", null)));
    assertThat(records).hasSize(2);
    assertThat(column(records, 1, "idNumber")).isEqualTo(IdNumber.of(ID).masked()).doesNotContain(ID);
    assertThat(column(records, 1, "phone")).isEqualTo("138****5678");
    assertThat(column(records, 1, "addressDetail")).isEqualTo("3栋,2单元\"101\"");
    assertThat(column(records, 1, "description")).isEqualTo("'+暴雨进水\n联系138****5678");
    assertThat(column(records, 1, "estimateTotal")).isEqualTo("9500.00");
    assertThat(column(records, 1, "street")).isEqualTo("水果湖街");
    assertThat(lastAudit().getString("what")).isEqualTo("export.claims.csv");
  }

  @Test
  void onlyAnAdminGetsPersonalDataInFullAndThatIsAudited() throws Exception {
    long before = audits("export.claims.csv");
    for (String path : List.of("/console/api/export/claims.csv?full=true", "/console/api/export/conversations.csv?full=true")) {
      HttpResponse<String> refused = operator.send("GET", path, null);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("forbidden");
    }
    assertThat(audits("export.claims.csv")).isEqualTo(before);

    HttpResponse<String> r = admin.send("GET", "/console/api/export/claims.csv?full=true", null);
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("minsheng-claims-full-");
    List<List<String>> records = parse(csv(r));
    assertThat(column(records, 1, "idNumber")).isEqualTo(ID);
    assertThat(column(records, 1, "phone")).isEqualTo(PHONE);
    assertThat(audits("export.claims.csv")).isEqualTo(before + 1);
    Document audit = lastAudit();
    assertThat(audit.getString("who")).isEqualTo("operator:admin");
    assertThat(audit.getBoolean("full")).isTrue();
    assertThat(audit.get("rows", Number.class).longValue()).isEqualTo(1);

    List<List<String>> conversations = parse(csv(admin.send("GET", "/console/api/export/conversations.csv?full=true", null)));
    assertThat(conversations.stream().skip(1).map(row -> row.get(conversations.get(0).indexOf("user"))))
        .containsExactlyInAnyOrder("e1", "e2");
  }

  @Test
  void exportsNeedASessionAndAValidFullFlag() throws Exception {
    ConsoleClient anonymous = ConsoleClient.anonymous(app);
    assertThat(anonymous.send("GET", "/console/api/export/conversations.csv", null).statusCode()).isEqualTo(401);
    assertThat(anonymous.send("GET", "/console/api/export/claims.csv?full=true", null).statusCode()).isEqualTo(401);
    assertThat(admin.send("GET", "/console/api/export/claims.csv?full=yes", null).statusCode()).isEqualTo(400);
  }

  @Test
  void cellsAreQuotedAndGuardedAsRfc4180AndExcelNeed() {
    assertThat(Exports.line(List.of("a", "b,c", "say \"hi\"", "x\ny", "=1+2", "-3", "@SUM(A1)", "+1", "", "中文")))
        .isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",'=1+2,'-3,'@SUM(A1),'+1,,中文\r\n");
    assertThat(Exports.cell("=a,b")).isEqualTo("\"'=a,b\"");
  }
}
