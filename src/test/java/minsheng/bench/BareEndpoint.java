package minsheng.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The baseline for HTTP load figures: a bare Vert.x endpoint on the same machine that does only the unavoidable
 * work of the JSON channel (read and parse the body, write a JSON reply), one server per core like the service.
 * {@code java -cp … minsheng.bench.BareEndpoint 18081}
 */
public final class BareEndpoint extends VerticleBase {
  private final int port;

  BareEndpoint(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx.vertx().deployVerticle(() -> new BareEndpoint(port),
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.post("/api/chat").handler(BodyHandler.create(false).setBodyLimit(65536)).handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      ctx.json(new JsonObject().put("conversationId", body.getString("user"))
          .put("replies", new io.vertx.core.json.JsonArray().add(new JsonObject().put("text", body.getString("text"))))
          .put("intent", "greeting").put("confidence", 1.0).put("sources", new io.vertx.core.json.JsonArray())
          .put("handoff", false));
    });
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }
}
