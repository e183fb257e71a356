package minsheng.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import minsheng.channel.wechat.InboundMessage;
import minsheng.channel.wechat.ReplyXml;
import minsheng.channel.wechat.WechatSignature;
import minsheng.channel.wechat.WechatXml;

/**
 * The baseline for HTTP load figures: a bare Vert.x endpoint on the same machine that does only the unavoidable
 * work of each channel, one server per core like the service. {@code /api/chat}: read and parse the JSON body,
 * write a JSON reply. {@code /wechat}: check the signature, parse the XML with the hardened parser, write a
 * passive reply. {@code java -cp … minsheng.bench.BareEndpoint 18081 <token>}
 */
public final class BareEndpoint extends VerticleBase {
  private final int port;
  private final String token;

  BareEndpoint(int port, String token) {
    this.port = port;
    this.token = token;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String token = args.length > 1 ? args[1] : "bench-token";
    Vertx.vertx().deployVerticle(() -> new BareEndpoint(port, token),
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
    router.post("/wechat").handler(BodyHandler.create(false).setBodyLimit(65536)).handler(ctx -> {
      var q = ctx.queryParams();
      if (!WechatSignature.verify(token, q.get("timestamp"), q.get("nonce"), q.get("signature"))) {
        ctx.response().setStatusCode(403).end();
        return;
      }
      InboundMessage m = WechatXml.parse(ctx.body().asString());
      ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8").end(
          ReplyXml.text(m.fromUserName(), m.toUserName(), System.currentTimeMillis() / 1000, "收到"));
    });
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }
}
