package minsheng.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import minsheng.claims.ClaimStatus;
import minsheng.claims.LossType;
import minsheng.claims.Peril;
import minsheng.claims.Policy;

/**
 * GET /console/api/reference: the lists the console's forms and filters offer (streets, perils, loss types,
 * claim statuses, article topics), taken from the policy file and the intent model so no page repeats them.
 */
public final class ConsoleReference {
  private final JsonObject body;
  /** Asked at each request: a retrain may change the topics. */
  private final Supplier<List<String>> topics;
  /** The topics' names as residents are asked about them (replies file), for charts and lists. */
  private final Function<String, Optional<String>> topicLabel;

  public ConsoleReference(Policy policy, Supplier<List<String>> topics, Function<String, Optional<String>> topicLabel) {
    this.topics = topics;
    this.topicLabel = topicLabel;
    JsonArray streets = new JsonArray();
    policy.streets().all().forEach(s -> streets.add(s.name()));
    JsonArray perils = new JsonArray();
    for (Peril p : Peril.values()) {
      perils.add(new JsonObject().put("key", p.name()).put("label", policy.label(p)));
    }
    JsonArray losses = new JsonArray();
    for (LossType t : LossType.values()) {
      losses.add(new JsonObject().put("key", t.name()).put("label", policy.label(t))
          .put("cap", policy.capFor(t).toString()));
    }
    JsonArray statuses = new JsonArray();
    for (ClaimStatus s : ClaimStatus.values()) {
      statuses.add(s.name());
    }
    body = new JsonObject().put("district", policy.districtName()).put("streets", streets).put("perils", perils)
        .put("lossTypes", losses).put("statuses", statuses)
        .put("startDate", policy.startDate().toString());
  }

  public void get(RoutingContext ctx) {
    List<String> now = topics.get();
    JsonObject labels = new JsonObject();
    now.forEach(t -> topicLabel.apply(t).ifPresent(l -> labels.put(t, l)));
    ctx.json(body.copy().put("topics", new JsonArray(now)).put("topicLabels", labels));
  }
}
