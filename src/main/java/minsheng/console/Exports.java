package minsheng.console;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import minsheng.http.HttpProblem;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStore;
import minsheng.claims.PersonalData;
import minsheng.dialogue.ConversationReads;
import minsheng.store.AuditLog;
import org.bson.Document;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations and claims as CSV files for the district office's spreadsheets: RFC 4180, UTF-8 with a byte-order
 * mark (without it Excel reads Chinese as the local code page), one row per conversation or claim. Personal data
 * is masked unless an administrator asks for it in full, and every export is written to the audit log. Rows are
 * streamed from the store in batches as the client reads them, so a large export holds neither the whole file
 * in memory nor the event loop for long.
 */
public final class Exports {
  private static final Logger log = LoggerFactory.getLogger(Exports.class);
  private static final String FULL_KEY = "export.full";
  private static final int BATCH = 200;
  private static final String BOM = "\uFEFF";

  private static final List<String> CONVERSATION_COLUMNS = List.of("conversationId", "channel", "user", "startedAt",
      "lastMessageAt", "messages", "needsHuman", "handoffAt", "takenOverBy", "takenOverAt", "firstOperatorReplyAt",
      "lastText");
  private static final List<String> CLAIM_COLUMNS = List.of("claimNo", "status", "channel", "submittedAt",
      "updatedAt", "incidentDate", "peril", "street", "community", "addressDetail", "name", "idNumber", "phone",
      "estimateTotal", "insurerRef", "deliveryState", "description");

  private final ConversationReads conversations;
  private final ClaimStore claims;
  private final AuditLog audit;
  private final ZoneId zone;
  private final Clock clock;

  /** {@code zone} dates the file names as the district's staff would date them. */
  public Exports(ConversationReads conversations, ClaimStore claims, AuditLog audit, ZoneId zone, Clock clock) {
    this.conversations = conversations;
    this.claims = claims;
    this.audit = audit;
    this.zone = zone;
    this.clock = clock;
  }

  /** ?full=true asks for personal data in full, which only an administrator may. */
  public void validate(RoutingContext ctx) {
    String raw = ctx.request().getParam("full");
    if (raw != null && !raw.equals("true") && !raw.equals("false")) {
      throw HttpProblem.badRequest("invalid_full", "full is true or false");
    }
    boolean full = "true".equals(raw);
    if (full && !ConsoleAuth.account(ctx).map(Accounts.Account::isAdmin).orElse(false)) {
      throw new HttpProblem(403, "forbidden", "personal data in full needs an administrator");
    }
    ctx.put(FULL_KEY, full);
    ctx.next();
  }

  public void conversationsCsv(RoutingContext ctx) {
    boolean full = ctx.get(FULL_KEY);
    export(ctx, "conversations", CONVERSATION_COLUMNS,
        conversations.all(BATCH),
        d -> conversationRow(d, full));
  }

  public void claimsCsv(RoutingContext ctx) {
    boolean full = ctx.get(FULL_KEY);
    export(ctx, "claims", CLAIM_COLUMNS,
        claims.all(BATCH),
        d -> claimRow(d, full));
  }

  private static List<String> conversationRow(Document d, boolean full) {
    String id = d.getString("_id");
    return List.of(id, str(d.get("channel")), full ? str(d.get("user")) : label(id), time(d.get("startedAt")),
        time(d.get("lastMessageAt")), str(d.get("messages")), String.valueOf(d.getBoolean("needsHuman", false)),
        time(d.get("handoffAt")), str(d.get("takenOverBy")), time(d.get("takenOverAt")),
        time(d.get("firstOperatorReplyAt")), str(d.get("lastText")));
  }

  /**
   * A resident without their platform id: the channel and the start of the conversation id (itself a hash of
   * channel and user), stable across exports so rows of one resident can still be told apart.
   */
  static String label(String conversationId) {
    int dash = conversationId.indexOf('-');
    return dash < 0 ? conversationId : conversationId.substring(0, Math.min(conversationId.length(), dash + 7));
  }

  /** In full, ID and phone are decrypted from the sealed fields; masked, the stored masked forms are used. */
  private List<String> claimRow(Document d, boolean full) {
    Document claimant = d.get("claimant", Document.class);
    Document address = claimant == null ? null : claimant.get("address", Document.class);
    String idNumber;
    String phone;
    if (full) {
      Claim.Claimant c = claims.toClaim(d).claimant();
      idNumber = c.idNumber().value();
      phone = c.phone().value();
    } else {
      idNumber = claimant == null ? "" : str(claimant.get("idNumberMasked"));
      phone = claimant == null ? "" : str(claimant.get("phoneMasked"));
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Document loss : d.getList("losses", Document.class, List.of())) {
      total = total.add(new BigDecimal(loss.getString("estimatedAmount")));
    }
    Document delivery = d.get("delivery", Document.class);
    String description = str(d.get("description"));
    return List.of(d.getString("_id"), str(d.get("status")), str(d.get("channel")), time(d.get("createdAt")),
        time(d.get("updatedAt")), str(d.get("incidentDate")), str(d.get("peril")),
        address == null ? "" : str(address.get("street")), address == null ? "" : str(address.get("community")),
        address == null ? "" : str(address.get("detail")), claimant == null ? "" : str(claimant.get("name")),
        idNumber, phone, total.toPlainString(), str(d.get("insurerRef")),
        delivery == null ? "" : str(delivery.get("state")),
        // Residents type numbers into descriptions too.
        full ? description : PersonalData.mask(description));
  }

  /**
   * Streams the rows, then writes the audit entry, then ends the file. Nobody receives a complete export that is
   * not in the audit log: if the entry cannot be written the connection is reset. An export cut short is
   * audited too, with the rows sent.
   */
  private void export(RoutingContext ctx, String what, List<String> columns, Publisher<Document> source,
      Function<Document, List<String>> row) {
    boolean full = ctx.get(FULL_KEY);
    String user = ConsoleAuth.account(ctx).map(Accounts.Account::user).orElse("?");
    String from = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    String name = "minsheng-" + what + (full ? "-full-" : "-") + LocalDate.now(clock.withZone(zone)) + ".csv";
    HttpServerResponse out = ctx.response();
    out.setChunked(true)
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    out.write(BOM + line(columns));
    long[] rows = {0};
    pump(source, out, d -> {
      rows[0]++;
      return line(row.apply(d));
    }).transform(streamed -> audit.record("operator:" + user, "export." + what + ".csv", from,
            new Document("rows", rows[0]).append("full", full).append("complete", streamed.succeeded()))
        .transform(audited -> {
          if (streamed.succeeded() && audited.succeeded()) {
            return out.end();
          }
          Throwable cause = streamed.failed() ? streamed.cause() : audited.cause();
          log.error("export {} for '{}' stopped after {} rows", what, user, rows[0], cause);
          out.reset();
          return Future.failedFuture(cause);
        }));
  }

  /**
   * Writes one line per document as the store delivers them, asking for the next batch only when the client has
   * taken the last one (the response's write queue drained). Everything runs on the request's context.
   */
  private static Future<Void> pump(Publisher<Document> source, HttpServerResponse out, Function<Document, String> line) {
    Context context = Vertx.currentContext();
    Promise<Void> done = Promise.promise();
    source.subscribe(new Subscriber<Document>() {
      private Subscription subscription;
      private int outstanding;

      @Override
      public void onSubscribe(Subscription s) {
        context.runOnContext(v -> {
          subscription = s;
          out.closeHandler(x -> {
            s.cancel();
            done.tryFail("the client closed the connection");
          });
          more();
        });
      }

      private void more() {
        outstanding = BATCH;
        subscription.request(BATCH);
      }

      @Override
      public void onNext(Document d) {
        context.runOnContext(v -> {
          if (done.future().isComplete()) {
            return;
          }
          try {
            out.write(line.apply(d));
          } catch (RuntimeException e) {
            subscription.cancel();
            done.tryFail(e);
            return;
          }
          if (--outstanding == 0) {
            if (out.writeQueueFull()) {
              out.drainHandler(x -> more());
            } else {
              more();
            }
          }
        });
      }

      @Override
      public void onError(Throwable t) {
        context.runOnContext(v -> done.tryFail(t));
      }

      @Override
      public void onComplete() {
        context.runOnContext(v -> done.tryComplete());
      }
    });
    return done.future();
  }

  /** One CSV record, CRLF-terminated as RFC 4180 has it. */
  static String line(List<String> cells) {
    List<String> out = new ArrayList<>(cells.size());
    cells.forEach(c -> out.add(cell(c)));
    return String.join(",", out) + "\r\n";
  }

  /**
   * One field: a text a spreadsheet would run as a formula (= + - @, or a tab or carriage return that some
   * spreadsheets strip before looking) gets a leading apostrophe; a field with a comma, quote or line break is
   * quoted, quotes doubled.
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static String str(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static String time(Object value) {
    return value instanceof Date d ? d.toInstant().toString() : str(value);
  }
}
