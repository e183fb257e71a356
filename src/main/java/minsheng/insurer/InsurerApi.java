package minsheng.insurer;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import minsheng.http.HttpProblem;
import minsheng.http.QueryParams;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStatus;
import minsheng.claims.ClaimStore;
import minsheng.store.AuditLog;
import org.bson.Document;

/**
 * The insurer's pull API ({@code /api/insurer/v1}): claims changed since a cursor, one claim, and decisions
 * posted back. Insurers see the full ID and phone numbers they need to settle a claim; every claim they read
 * is written to the audit log.
 */
public final class InsurerApi {
  private static final int MAX_LIMIT = 500;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_NOTE_CHARS = 2000;

  private final ClaimStore claims;
  private final AuditLog audit;
  private final ResidentNotifier notifier;
  private final Map<String, String> residentLines;

  public InsurerApi(ClaimStore claims, AuditLog audit, ResidentNotifier notifier, Map<String, String> residentLines) {
    this.claims = claims;
    this.audit = audit;
    this.notifier = notifier;
    this.residentLines = residentLines;
  }

  // ---- GET /claims?since&limit -------------------------------------------------------------------------

  public void validatePage(RoutingContext ctx) {
    ctx.put("since", QueryParams.number(ctx.queryParams().get("since"), 0, Long.MAX_VALUE, "since", 0L));
    ctx.put("limit", (int) QueryParams.number(ctx.queryParams().get("limit"), 1, MAX_LIMIT, "limit", DEFAULT_LIMIT));
    ctx.next();
  }

  public void page(RoutingContext ctx) {
    long since = ctx.get("since");
    claims.changesSince(since, ctx.get("limit")).compose(docs -> {
      List<Claim> page = docs.stream().map(claims::toClaim).toList();
      long next = docs.isEmpty() ? since : ((Number) docs.get(docs.size() - 1).get("changeSeq")).longValue();
      return audited(ctx, page).map(v -> {
        JsonArray out = new JsonArray();
        page.forEach(c -> out.add(c.toJson(true)));
        return new JsonObject().put("claims", out).put("next", String.valueOf(next));
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  // ---- GET /claims/{claimNo} ---------------------------------------------------------------------------

  public void one(RoutingContext ctx) {
    claims.byNumber(ctx.pathParam("claimNo")).compose(found -> found.isEmpty()
            ? Future.failedFuture(new HttpProblem(404, "not_found", "no claim with that number"))
            : audited(ctx, List.of(found.get())).map(v -> found.get().toJson(true)))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  // ---- POST /claims/{claimNo}/status ---------------------------------------------------------------------

  /** The decision the insurer posted, checked before anything is read or written. */
  record Decision(ClaimStatus status, String note, BigDecimal paidAmount) {
  }

  public void validateDecision(RoutingContext ctx) {
    Object parsed = ctx.body().length() == 0 ? null : Json.decodeValue(ctx.body().buffer());
    if (!(parsed instanceof JsonObject body)) {
      throw HttpProblem.badRequest("invalid_json", "send a JSON object: {\"status\": \"ACCEPTED\", \"note\": \"…\"}");
    }
    if (!(body.getValue("status") instanceof String name)) {
      throw HttpProblem.badRequest("missing_status", "'status' must be one of ACCEPTED, NEEDS_INFO, REJECTED, PAID");
    }
    ClaimStatus status = ClaimStatus.named(name)
        .filter(s -> s == ClaimStatus.ACCEPTED || s == ClaimStatus.NEEDS_INFO || s == ClaimStatus.REJECTED
            || s == ClaimStatus.PAID)
        .orElseThrow(() -> new HttpProblem(422, "unknown_status",
            "'status' must be one of ACCEPTED, NEEDS_INFO, REJECTED, PAID"));
    Object note = body.getValue("note");
    if (note != null && !(note instanceof String) || note instanceof String n && n.length() > MAX_NOTE_CHARS) {
      throw HttpProblem.badRequest("invalid_note", "'note' must be a string of at most " + MAX_NOTE_CHARS + " characters");
    }
    BigDecimal paid = null;
    if (body.getValue("paidAmount") != null) {
      if (!(body.getValue("paidAmount") instanceof Number amount) || amount.doubleValue() < 0) {
        throw HttpProblem.badRequest("invalid_amount", "'paidAmount' must be a non-negative number");
      }
      paid = new BigDecimal(amount.toString()).setScale(2, java.math.RoundingMode.HALF_UP);
    }
    if (status == ClaimStatus.PAID && paid == null) {
      throw HttpProblem.badRequest("missing_amount", "a PAID decision carries 'paidAmount'");
    }
    ctx.put(Decision.class.getName(), new Decision(status, (String) note, paid));
    ctx.next();
  }

  public void decide(RoutingContext ctx) {
    Decision d = ctx.get(Decision.class.getName());
    claims.changeStatus(ctx.pathParam("claimNo"), d.status(), d.note(), d.paidAmount(), "insurer:" + ctx.get("apiKeyId"))
        .compose(result -> {
          if (result instanceof ClaimStore.StatusChange.NotFound) {
            return Future.failedFuture(new HttpProblem(404, "not_found", "no claim with that number"));
          }
          if (result instanceof ClaimStore.StatusChange.Refused r) {
            return Future.failedFuture(new HttpProblem(409, "lifecycle",
                "a claim that is " + r.current() + " cannot become " + d.status()));
          }
          if (result instanceof ClaimStore.StatusChange.Changed c) {
            return tellResident(c.claim()).map(c.claim());
          }
          return Future.succeededFuture(((ClaimStore.StatusChange.Unchanged) result).claim());
        })
        .onSuccess(c -> ctx.json(c.toJson(true))).onFailure(ctx::fail);
  }

  private Future<Void> tellResident(Claim c) {
    String line = residentLines.get(c.status().name());
    if (line == null) {
      return Future.succeededFuture();
    }
    List<Claim.HistoryEntry> history = c.history();
    String note = history.isEmpty() || history.get(history.size() - 1).note() == null ? "请按保险公司的要求补充"
        : history.get(history.size() - 1).note();
    String text = line.replace("{claimNo}", c.claimNo()).replace("{note}", note);
    return claims.residentOf(c.claimNo()).compose(resident -> {
      if (resident == null) {
        return Future.succeededFuture();
      }
      String channel = resident.substring(0, resident.indexOf(':'));
      String user = resident.substring(resident.indexOf(':') + 1);
      Future<Void> reopened = c.status() == ClaimStatus.NEEDS_INFO
          ? notifier.reopenForMore(channel, user, c.claimNo()) : Future.succeededFuture();
      return reopened.compose(v -> notifier.tell(channel, user, text));
    });
  }

  private Future<Void> audited(RoutingContext ctx, List<Claim> seen) {
    return audit.recordAll("insurer:" + ctx.get("apiKeyId"), "claim.read.full", ctx.request().remoteAddress().host(),
        seen.stream().map(c -> new Document("claimNo", c.claimNo())).toList());
  }
}
