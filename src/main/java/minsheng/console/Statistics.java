package minsheng.console;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import minsheng.http.HttpProblem;
import minsheng.claims.ClaimStore;
import minsheng.dialogue.ConversationReads;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The console's dashboard figures over the last days: messages per day, what residents ask about, how often and
 * how fast people take over, the questions the assistant could not answer (the knowledge base's work list), and
 * claims by status and street. Counting is done by the store's aggregation, always within the date window, so
 * the event loop only receives a few grouped rows; only the response-time percentiles are computed here, over
 * the window's handed-over conversations.
 */
public final class Statistics {
  private static final String DAYS_KEY = "stats.days";
  private static final int DEFAULT_DAYS = 14;
  private static final int MAX_DAYS = 366;
  private static final int TOP_INTENTS = 10;
  private static final int UNANSWERED = 20;
  /** A resident who asked for a person was not left without an answer. */
  private static final String REQUESTED = "requested";

  private final ConversationReads conversations;
  private final ClaimStore claims;
  private final ZoneId zone;
  private final Clock clock;

  /** {@code zone} is the district's time zone: a day on the dashboard is a day there. */
  public Statistics(ClaimStore claims, ConversationReads conversations, ZoneId zone, Clock clock) {
    this.conversations = conversations;
    this.claims = claims;
    this.zone = zone;
    this.clock = clock;
  }

  /** ?days=1..366, 14 when absent. */
  public void validate(RoutingContext ctx) {
    String raw = ctx.request().getParam("days");
    int days = DEFAULT_DAYS;
    if (raw != null) {
      try {
        days = Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        days = -1;
      }
      if (days < 1 || days > MAX_DAYS) {
        throw HttpProblem.badRequest("invalid_days", "days must be a whole number from 1 to " + MAX_DAYS);
      }
    }
    ctx.put(DAYS_KEY, days);
    ctx.next();
  }

  public void stats(RoutingContext ctx) {
    int days = ctx.get(DAYS_KEY);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate first = today.minusDays(days - 1L);
    Date from = Date.from(first.atStartOfDay(zone).toInstant());
    Future.all(List.of(messagesPerDay(from, first, today), topIntents(from), handoff(from), firstResponse(from),
            unanswered(from), claimsBy("$status", "status", from), claimsBy("$claimant.address.street", "street", from)))
        .onSuccess(all -> ctx.json(new JsonObject()
            .put("days", days)
            .put("from", first.toString())
            .put("to", today.toString())
            .put("messagesPerDay", all.resultAt(0))
            .put("topIntents", all.resultAt(1))
            .put("handoff", all.resultAt(2))
            .put("firstResponse", all.resultAt(3))
            .put("unanswered", all.resultAt(4))
            .put("claimsByStatus", all.resultAt(5))
            .put("claimsByStreet", all.resultAt(6))))
        .onFailure(ctx::fail);
  }

  /**
   * Residents' messages in the window: each turn is one message a resident sent. Operators' replies and the
   * system's notices (recorded by the inbox) carry "from"; a resident's turn does not, even one an operator
   * answered in person.
   */
  private static Bson residentTurns(Date from) {
    return Filters.and(Filters.gte("at", from), Filters.exists("from", false));
  }

  /** One entry per day of the window, days without messages included, so a chart's axis has no gaps. */
  private Future<JsonArray> messagesPerDay(Date from, LocalDate first, LocalDate last) {
    Document day = new Document("$dateToString", new Document("format", "%Y-%m-%d").append("date", "$at")
        .append("timezone", zone.getId()));
    return conversations.aggregateTurns(List.of(Aggregates.match(residentTurns(from)),
        Aggregates.group(day, Accumulators.sum("count", 1)))).map(rows -> {
          Map<String, Number> counts = new HashMap<>();
          rows.forEach(r -> counts.put(r.getString("_id"), r.get("count", Number.class)));
          JsonArray out = new JsonArray();
          for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            out.add(new JsonObject().put("day", d.toString())
                .put("count", counts.getOrDefault(d.toString(), 0).longValue()));
          }
          return out;
        });
  }

  private Future<JsonArray> topIntents(Date from) {
    return conversations.aggregateTurns(List.of(
        Aggregates.match(Filters.and(residentTurns(from), Filters.ne("intent", null))),
        Aggregates.group("$intent", Accumulators.sum("count", 1)),
        Aggregates.sort(Sorts.orderBy(Sorts.descending("count"), Sorts.ascending("_id"))),
        Aggregates.limit(TOP_INTENTS))).map(rows -> counted(rows, "intent"));
  }

  /** The share of residents' messages that ended with a hand-over to a person. */
  private Future<JsonObject> handoff(Date from) {
    Document handedOver = new Document("$cond", List.of(new Document("$eq", List.of("$handoff", true)), 1, 0));
    return conversations.aggregateTurns(List.of(Aggregates.match(residentTurns(from)),
        Aggregates.group(null, Accumulators.sum("turns", 1), Accumulators.sum("handoffs", handedOver)))).map(rows -> {
          long all = rows.isEmpty() ? 0 : rows.get(0).get("turns", Number.class).longValue();
          long handoffs = rows.isEmpty() ? 0 : rows.get(0).get("handoffs", Number.class).longValue();
          return new JsonObject().put("rate", all == 0 ? 0.0 : Math.round(10_000.0 * handoffs / all) / 10_000.0)
              .put("handoffs", handoffs).put("turns", all);
        });
  }

  /**
   * How long residents handed over in the window waited for a person: the first operator reply or the takeover,
   * whichever came first, minus the hand-over. Conversations still waiting are not counted (their wait is not
   * over); nor is one whose operator answered before its latest hand-over (the wait for that one is not known).
   */
  private Future<JsonObject> firstResponse(Date from) {
    return conversations.handedOverSince(from).map(docs -> {
          List<Double> waits = new ArrayList<>();
          for (Document d : docs) {
            Date handoff = d.getDate("handoffAt");
            Date reply = d.get("firstOperatorReplyAt") instanceof Date r ? r : null;
            Date takeover = d.get("takenOverAt") instanceof Date t ? t : null;
            Date response = reply == null ? takeover : takeover == null || reply.before(takeover) ? reply : takeover;
            if (response != null && !response.before(handoff)) {
              waits.add((response.getTime() - handoff.getTime()) / 1000.0);
            }
          }
          waits.sort(null);
          return new JsonObject().put("count", waits.size())
              .put("medianSeconds", percentile(waits, 0.5))
              .put("p90Seconds", percentile(waits, 0.9));
        });
  }

  /** Nearest-rank percentile of sorted values (a value that occurred, not an interpolation); null when none. */
  static Double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /**
   * Questions handed to a person because the assistant had no good answer (any reason but the resident asking
   * for a person), grouped by their masked text, most frequent first.
   */
  private Future<JsonArray> unanswered(Date from) {
    return conversations.aggregateTurns(List.of(
        Aggregates.match(Filters.and(residentTurns(from), Filters.eq("decision", "handoff"),
            Filters.ne("handoffReason", REQUESTED))),
        Aggregates.group("$text", Accumulators.sum("count", 1), Accumulators.max("lastAt", "$at")),
        Aggregates.sort(Sorts.orderBy(Sorts.descending("count"), Sorts.descending("lastAt"))),
        Aggregates.limit(UNANSWERED))).map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("text", r.getString("_id"))
              .put("count", r.get("count", Number.class).longValue())
              .put("lastAt", r.getDate("lastAt").toInstant().toString())));
          return out;
        });
  }

  /** Claims filed in the window, counted by one field. */
  private Future<JsonArray> claimsBy(String field, String label, Date from) {
    return claims.countFiledSince(from, field).map(rows -> counted(rows, label));
  }


  private static JsonArray counted(List<Document> rows, String label) {
    JsonArray out = new JsonArray();
    rows.forEach(r -> out.add(new JsonObject().put(label, r.get("_id") == null ? null : String.valueOf(r.get("_id")))
        .put("count", r.get("count", Number.class).longValue())));
    return out;
  }

}
