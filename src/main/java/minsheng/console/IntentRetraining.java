package minsheng.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import minsheng.dialogue.AssistantCore;
import minsheng.http.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /intents/retrain (admin): trains the intent model again from the example files and the live articles and
 * puts it into service without a restart. Training takes seconds of CPU, so it runs on a worker thread; one
 * retrain at a time (a second request while one runs gets 409), since two would only race to swap.
 */
public final class IntentRetraining {
  private static final Logger log = LoggerFactory.getLogger(IntentRetraining.class);

  private final Callable<AssistantCore.Trained> retrain;
  private final AtomicBoolean running = new AtomicBoolean();

  /** {@code retrain} trains and swaps the model (blocking). */
  public IntentRetraining(Callable<AssistantCore.Trained> retrain) {
    this.retrain = retrain;
  }

  public void retrain(RoutingContext ctx) {
    if (!running.compareAndSet(false, true)) {
      throw new HttpProblem(409, "retrain_running", "a retrain is already running; try again when it has finished");
    }
    String user = ConsoleAuth.account(ctx).map(Accounts.Account::user).orElse("?");
    ctx.vertx().executeBlocking(retrain, false).onComplete(ar -> {
      running.set(false);
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      AssistantCore.Trained t = ar.result();
      log.info("console: '{}' retrained the intent model ({} intents, {} examples, {} ms)", user, t.intents(),
          t.examples(), t.millis());
      ctx.json(new JsonObject().put("intents", t.intents()).put("examples", t.examples()).put("millis", t.millis()));
    });
  }
}
