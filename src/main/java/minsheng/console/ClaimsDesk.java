package minsheng.console;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import minsheng.http.HttpProblem;
import minsheng.http.QueryParams;
import minsheng.claims.Claim;
import minsheng.claims.ClaimForm;
import minsheng.claims.ClaimStatus;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Parsed;
import minsheng.claims.Peril;
import minsheng.claims.PhoneNumber;
import minsheng.insurer.Forwarder;
import minsheng.store.AuditLog;
import org.bson.Document;

/**
 * The console's claims desk: find claims (filters, a claim number or a caller's phone), read one with its history
 * and delivery tries, reveal its ID and phone numbers (audited), file a claim for a phone caller with the
 * dialogue's checks, and release or correct a claim the insurer refused. ID and phone numbers are masked
 * everywhere except in the reveal answer.
 */
public final class ClaimsDesk {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;
  private static final int MAX_NAME_CHARS = 40;
  private static final int MAX_COMMUNITY_CHARS = 100;
  private static final int MAX_DETAIL_CHARS = 200;
  private static final int MAX_DESCRIPTION_CHARS = 2000;
  private static final int MAX_NOTE_CHARS = 500;
  private static final Pattern CLAIM_NO = Pattern.compile("[A-Z]{1,6}-[0-9]{4}-[0-9]{6}");
  private static final Pattern ELEVEN_DIGITS = Pattern.compile("[0-9]{11}");
  private static final String QUERY_KEY = "claims.query";
  private static final String INPUT_KEY = "claims.input";

  private final ClaimStore claims;
  private final Forwarder forwarder;
  private final AuditLog audit;
  private final ClaimForm form;
  private final IntFunction<Future<List<JsonObject>>> callbacks;

  /** {@code callbacks}: the claim drafts waiting for a call back, masked, newest first (at most the number given). */
  public ClaimsDesk(ClaimStore claims, Forwarder forwarder, AuditLog audit, ClaimForm form,
      IntFunction<Future<List<JsonObject>>> callbacks) {
    this.claims = claims;
    this.forwarder = forwarder;
    this.audit = audit;
    this.form = form;
    this.callbacks = callbacks;
  }

  // ---- GET claim-callbacks ----------------------------------------------------------------------------------

  /** Residents the desk must call back: what they filled (ID and phone masked) and their conversation. */
  public void callbacks(RoutingContext ctx) {
    callbacks.apply(MAX_LIMIT).onSuccess(list -> ctx.json(new JsonObject().put("callbacks", new JsonArray(list))))
        .onFailure(ctx::fail);
  }

  // ---- GET claims -------------------------------------------------------------------------------------------

  private record Listing(ClaimStore.Query query, int offset, int limit) {
  }

  public void validateQuery(RoutingContext ctx) {
    ClaimStatus status = param(ctx, "status") == null ? null : ClaimStatus.named(param(ctx, "status"))
        .orElseThrow(() -> HttpProblem.badRequest("invalid_status", "status must be one of "
            + List.of(ClaimStatus.values())));
    String street = param(ctx, "street") == null ? null : valid(form.street(param(ctx, "street")), "street", "street")
        .name();
    Peril peril = param(ctx, "peril") == null ? null : valid(form.peril(param(ctx, "peril")), "peril", "peril");
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    String claimNo = null;
    PhoneNumber phone = null;
    String q = param(ctx, "q");
    if (q != null) {
      String upper = q.toUpperCase(Locale.ROOT);
      String digits = q.replaceAll("[\\s-]", "");
      if (CLAIM_NO.matcher(upper).matches()) {
        claimNo = upper;
      } else if (ELEVEN_DIGITS.matcher(digits).matches()) {
        phone = valid(form.phone(digits), "q", "q");
      } else {
        throw HttpProblem.badRequest("invalid_q", "q is a claim number (WC-2026-000123) or an 11-digit mobile number");
      }
    }
    int limit = (int) QueryParams.number(param(ctx, "limit"), 1, MAX_LIMIT, "limit", DEFAULT_LIMIT);
    int offset = (int) QueryParams.number(param(ctx, "offset"), 0, Integer.MAX_VALUE, "offset", 0);
    ctx.put(QUERY_KEY, new Listing(new ClaimStore.Query(status, street, peril, from, to, claimNo, phone), offset, limit));
    ctx.next();
  }

  public void list(RoutingContext ctx) {
    Listing l = ctx.get(QUERY_KEY);
    claims.find(l.query(), l.offset(), l.limit()).onSuccess(page -> {
      JsonArray rows = new JsonArray();
      page.claims().forEach(f -> rows.add(row(f)));
      ctx.json(new JsonObject().put("claims", rows).put("total", page.total()));
    }).onFailure(ctx::fail);
  }

  // ---- GET claims/:claimNo ----------------------------------------------------------------------------------

  public void one(RoutingContext ctx) {
    filed(ctx.pathParam("claimNo")).onSuccess(f -> {
      JsonObject claim = f.claim().toJson(false);
      JsonArray tries = new JsonArray();
      f.delivery().tries().forEach(t -> tries.add(new JsonObject().put("at", t.at().toString())
          .put("outcome", t.outcome()).put("status", t.status()).put("error", t.error())));
      ctx.json(new JsonObject().put("claim", claim).put("flags", new JsonArray(f.flags()))
          .put("history", claim.getJsonArray("history"))
          .put("delivery", new JsonObject().put("state", f.delivery().state()).put("attempts", tries)
              .put("nextAttemptAt", f.delivery().nextAttemptAt() == null ? null
                  : f.delivery().nextAttemptAt().toString())
              .put("heldReason", f.delivery().heldReason())));
    }).onFailure(ctx::fail);
  }

  // ---- POST claims/:claimNo/reveal ----------------------------------------------------------------------------

  /** The full numbers, written to the audit log before they are answered (no log entry, no numbers). */
  public void reveal(RoutingContext ctx) {
    String claimNo = ctx.pathParam("claimNo");
    claims.byNumber(claimNo).compose(found -> {
      Claim c = found.orElseThrow(ClaimsDesk::notFound);
      return audit.record(by(ctx), "claim.reveal", ctx.request().remoteAddress().host(),
              new Document("claimNo", claimNo).append("fields", List.of("idNumber", "phone")))
          .map(v -> new JsonObject().put("idNumber", c.claimant().idNumber().value())
              .put("phone", c.claimant().phone().value()));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  // ---- POST claims ------------------------------------------------------------------------------------------

  private record NewFiling(ClaimStore.NewClaim claim, List<String> flags, String callerNote) {
  }

  /** A caller's claim, checked field by field as the dialogue checks a resident's answers; nothing is stored yet. */
  public void validateNewClaim(RoutingContext ctx) {
    JsonObject b = body(ctx);
    if (!(b.getValue("claimant") instanceof JsonObject who)) {
      throw HttpProblem.badRequest("invalid_claimant", "claimant: {name, idNumber, phone, address} is required");
    }
    String name = text(who, "name", "claimant.name", MAX_NAME_CHARS);
    IdNumber id = valid(form.idNumber(string(who, "idNumber")), "idNumber", "claimant.idNumber");
    PhoneNumber phone = valid(form.phone(string(who, "phone")), "phone", "claimant.phone");
    Claim.Address address = address(who.getValue("address"), "claimant.address");
    Peril peril = valid(form.peril(string(b, "peril")), "peril", "peril");
    LocalDate date = valid(form.incidentDate(string(b, "incidentDate")), "incidentDate", "incidentDate");
    List<Claim.Loss> losses = losses(b.getValue("losses"));
    String description = text(b, "description", "description", MAX_DESCRIPTION_CHARS);
    if (!Boolean.TRUE.equals(b.getValue("hukouConfirmed"))) {
      // The dialogue asks the same (HOUSEHOLD) and hands a resident without a local hukou to a person.
      throw HttpProblem.badRequest("invalid_hukouConfirmed",
          "hukouConfirmed: 须确认申请人是本区户籍居民(true),保险只保本区户籍居民");
    }
    String callerNote = b.getValue("callerNote") == null ? null
        : text(b, "callerNote", "callerNote", MAX_NOTE_CHARS);
    ClaimStore.NewClaim claim = new ClaimStore.NewClaim("console", form.policy().id(),
        new Claim.Claimant(name, id, phone, address), peril, losses, date, description, List.of());
    ctx.put(INPUT_KEY, new NewFiling(claim, form.flags(losses), callerNote));
    ctx.next();
  }

  /** Files the claim; the forwarder is woken by the store and delivers it like any other. */
  public void file(RoutingContext ctx) {
    NewFiling n = ctx.get(INPUT_KEY);
    claims.submit(n.claim(), null, by(ctx), n.callerNote(), n.flags())
        .compose(c -> filed(c.claimNo()))
        .onSuccess(f -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8")
            .end(row(f).encode()))
        .onFailure(ctx::fail);
  }

  // ---- POST claims/:claimNo/retry ---------------------------------------------------------------------------

  public void retry(RoutingContext ctx) {
    String claimNo = ctx.pathParam("claimNo");
    release(ctx, claimNo).onSuccess(f -> ctx.json(row(f))).onFailure(ctx::fail);
  }

  /** HELD → pending delivery, then the claim as it is now; 409 when it is not HELD, 404 when there is none. */
  private Future<ClaimStore.Filed> release(RoutingContext ctx, String claimNo) {
    return forwarder.retryHeld(claimNo, by(ctx)).compose(moved -> filed(claimNo).map(f -> {
      if (!moved) {
        throw notHeld(f.claim().status());
      }
      return f;
    }));
  }

  // ---- POST claims/:claimNo/correct -------------------------------------------------------------------------

  private record Fix(ClaimStore.Correction correction, String note) {
  }

  public void validateCorrection(RoutingContext ctx) {
    JsonObject b = body(ctx);
    PhoneNumber phone = b.getValue("phone") == null ? null : valid(form.phone(string(b, "phone")), "phone", "phone");
    Claim.Address address = b.getValue("address") == null ? null : address(b.getValue("address"), "address");
    List<Claim.Loss> losses = b.getValue("losses") == null ? null : losses(b.getValue("losses"));
    String description = b.getValue("description") == null ? null
        : text(b, "description", "description", MAX_DESCRIPTION_CHARS);
    String note = text(b, "note", "note", MAX_NOTE_CHARS);
    List<String> changed = new ArrayList<>();
    for (String field : List.of("phone", "address", "losses", "description")) {
      if (b.getValue(field) != null) {
        changed.add(field);
      }
    }
    if (changed.isEmpty()) {
      throw HttpProblem.badRequest("nothing_to_correct", "send at least one of phone, address, losses, description");
    }
    ctx.put(INPUT_KEY, new Fix(new ClaimStore.Correction(phone, address, losses, description,
        losses == null ? List.of() : form.flags(losses)), "corrected " + String.join(", ", changed) + ": " + note));
    ctx.next();
  }

  /** Corrects a HELD claim (one update: fields, history, change number, body to rebuild), then releases it. */
  public void correct(RoutingContext ctx) {
    String claimNo = ctx.pathParam("claimNo");
    Fix fix = ctx.get(INPUT_KEY);
    claims.correct(claimNo, fix.correction(), by(ctx), fix.note()).compose(result -> {
      if (result instanceof ClaimStore.StatusChange.NotFound) {
        return Future.failedFuture(notFound());
      }
      if (result instanceof ClaimStore.StatusChange.Refused r) {
        return Future.failedFuture(notHeld(r.current()));
      }
      return release(ctx, claimNo);
    }).onSuccess(f -> ctx.json(row(f))).onFailure(ctx::fail);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** The list's row: who, what, where, how much, and how delivery stands; ID and phone masked. */
  static JsonObject row(ClaimStore.Filed f) {
    Claim c = f.claim();
    String total = c.losses().stream().map(Claim.Loss::estimatedAmount).reduce(Money::plus).map(Money::toString)
        .orElse("0.00");
    return new JsonObject().put("claimNo", c.claimNo()).put("status", c.status().name()).put("channel", c.channel())
        .put("submittedAt", c.createdAt().toString()).put("incidentDate", c.incidentDate().toString())
        .put("peril", c.peril().name()).put("street", c.claimant().address().street())
        .put("name", c.claimant().name()).put("phone", c.claimant().phone().masked())
        .put("idNumber", c.claimant().idNumber().masked()).put("total", total)
        .put("flags", new JsonArray(f.flags()))
        .put("delivery", new JsonObject().put("state", f.delivery().state())
            .put("attempts", f.delivery().attempts()).put("heldReason", f.delivery().heldReason()));
  }

  private Future<ClaimStore.Filed> filed(String claimNo) {
    return claims.filed(claimNo).map(found -> found.orElseThrow(ClaimsDesk::notFound));
  }

  private List<Claim.Loss> losses(Object value) {
    if (!(value instanceof JsonArray list) || list.isEmpty() || list.size() > LossType.values().length) {
      throw HttpProblem.badRequest("invalid_losses",
          "losses: 1 to " + LossType.values().length + " entries of {type, estimate}");
    }
    List<Claim.Loss> out = new ArrayList<>();
    Set<LossType> seen = EnumSet.noneOf(LossType.class);
    for (int i = 0; i < list.size(); i++) {
      String path = "losses[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject entry)) {
        throw HttpProblem.badRequest("invalid_losses", path + ": {type, estimate} expected");
      }
      LossType type = valid(form.lossType(string(entry, "type")), "losses", path + ".type");
      if (!seen.add(type)) {
        throw HttpProblem.badRequest("invalid_losses", path + ".type: " + type + " is listed twice");
      }
      // The contract's name for the amount is accepted too, so a client can send a claim's losses back as read.
      Object estimate = entry.getValue("estimate") != null ? entry.getValue("estimate")
          : entry.getValue("estimatedAmount");
      out.add(new Claim.Loss(type, valid(form.estimate(estimate), "losses", path + ".estimate")));
    }
    return out;
  }

  private Claim.Address address(Object value, String path) {
    if (!(value instanceof JsonObject a)) {
      throw HttpProblem.badRequest("invalid_address", path + ": {street, community, detail} is required");
    }
    String street = valid(form.street(string(a, "street")), "street", path + ".street").name();
    String community = optionalText(a, "community", path + ".community", MAX_COMMUNITY_CHARS);
    String detail = optionalText(a, "detail", path + ".detail", MAX_DETAIL_CHARS);
    if (community.isEmpty() && detail.isEmpty()) {
      throw HttpProblem.badRequest("invalid_address", path + ": community or detail is needed to find the home");
    }
    return new Claim.Address(street, community, detail);
  }

  /** The value, or a 400 naming the field ({@code invalid_<code>}) with the dialogue's reason. */
  private static <T> T valid(Parsed<T> parsed, String code, String path) {
    if (parsed instanceof Parsed.Invalid<T> invalid) {
      throw HttpProblem.badRequest("invalid_" + code, path + ": " + invalid.reasonForResident());
    }
    return parsed.orElseThrow();
  }

  private static String text(JsonObject o, String key, String path, int max) {
    if (!(o.getValue(key) instanceof String s) || s.isBlank() || s.strip().length() > max) {
      throw HttpProblem.badRequest("invalid_" + key, path + ": a non-empty text of at most " + max + " characters");
    }
    return s.strip();
  }

  private static String optionalText(JsonObject o, String key, String path, int max) {
    Object v = o.getValue(key);
    if (v == null) {
      return "";
    }
    if (!(v instanceof String s) || s.strip().length() > max) {
      throw HttpProblem.badRequest("invalid_address", path + ": a text of at most " + max + " characters");
    }
    return s.strip();
  }

  /** A field given as text (numbers as typed are taken too: an ID or phone number sent as a JSON number). */
  private static String string(JsonObject o, String key) {
    Object v = o.getValue(key);
    return v instanceof String || v instanceof Number ? String.valueOf(v) : null;
  }

  private static JsonObject body(RoutingContext ctx) {
    Object parsed = ctx.body().length() == 0 ? null : Json.decodeValue(ctx.body().buffer());
    if (!(parsed instanceof JsonObject b)) {
      throw HttpProblem.badRequest("invalid_json", "send a JSON object");
    }
    return b;
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String v = param(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeException e) {
      throw HttpProblem.badRequest("invalid_" + name, name + " must be a date such as 2026-07-06");
    }
  }


  /** "operator:li": how the audit log and the claim's history name the operator. */
  private static String by(RoutingContext ctx) {
    return "operator:" + ConsoleAuth.account(ctx).map(Accounts.Account::user).orElseThrow();
  }

  private static HttpProblem notFound() {
    return new HttpProblem(404, "not_found", "no claim with that number");
  }

  private static HttpProblem notHeld(ClaimStatus current) {
    return new HttpProblem(409, "not_held", "only a HELD claim can be retried or corrected; this one is " + current);
  }
}
