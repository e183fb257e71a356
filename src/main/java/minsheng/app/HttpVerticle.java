package minsheng.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.TimeUnit;
import minsheng.channel.AllowedOrigins;
import minsheng.http.ApiKeys;
import minsheng.channel.ChatApi;
import minsheng.http.Failures;
import minsheng.http.HttpProblem;
import minsheng.channel.wechat.WechatWebhook;
import minsheng.console.ClaimsDesk;
import minsheng.console.ConsoleAuth;
import minsheng.console.ConsoleReference;
import minsheng.console.Exports;
import minsheng.console.Inbox;
import minsheng.console.KnowledgeConsole;
import minsheng.console.Statistics;
import minsheng.insurer.InsurerApi;
import minsheng.store.Store;

/**
 * Every HTTP surface of the service. {@link #start()} is the table of contents: each route is a validation
 * handler followed by an action handler, and failures become status codes in {@link Failures}.
 */
public final class HttpVerticle extends VerticleBase {
  private final Services services;
  private final int port;
  private HttpServer server;
  private Router router;

  HttpVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(services.config().maxBodyBytes);
    ChatApi chat = services.chatApi();
    ApiKeys chatKeys = new ApiKeys(services.config().chatApiKeys, true);
    AllowedOrigins chatOrigins = new AllowedOrigins(services.config().chatAllowedOrigins);

    // Operations (and the front door: the start-up log names "/", whose only page is the console)
    router.get("/").handler(ctx -> ctx.redirect("/console/"));
    router.get("/health").handler(health());
    router.get("/metrics").handler(PrometheusScrapingHandler.create((PrometheusMeterRegistry) services.registry()));

    // Residents: the JSON channel
    router.route("/api/chat*").handler(chatOrigins::check).handler(chatKeys::check);
    router.post("/api/chat").handler(chat::requireJson);
    router.post("/api/chat").handler(body).handler(chat::validateMessage).handler(chat::answer);
    router.get("/api/chat/outbox").handler(chat::validateOutboxQuery).handler(chat::outboxPage);
    router.route("/api/*").failureHandler(Failures::json);

    // Residents: the WeChat official account
    WechatWebhook wechat = services.wechat();
    router.get("/wechat").handler(wechat::verify);
    router.post("/wechat").handler(body).handler(wechat::validate).handler(wechat::answer);
    router.route("/wechat").failureHandler(wechat::failure);

    // Operators: the console (sign-in, sessions, accounts, knowledge-base desk)
    ConsoleAuth console = services.console();
    KnowledgeConsole knowledge = services.knowledge();
    router.route("/console/api/*").handler(ConsoleAuth::noStore).failureHandler(ConsoleAuth::failure);
    router.post("/console/api/login").handler(body).handler(console::throttleAddress).handler(console::validateLogin)
        .handler(console::login);
    router.post("/console/api/logout").handler(body).handler(console::logout);
    router.get("/console/api/me").handler(console::requireOperator).handler(console::me);
    router.get("/console/api/operators").handler(console::requireAdmin).handler(console::listOperators);
    router.post("/console/api/operators").handler(body).handler(console::requireAdmin)
        .handler(console::validateNewOperator).handler(console::createOperator);
    router.get("/console/api/articles").handler(console::requireOperator).handler(knowledge::list);
    router.get("/console/api/articles/:id").handler(console::requireOperator).handler(knowledge::one);
    router.post("/console/api/kb/try").handler(body).handler(console::requireOperator).handler(knowledge::tryQuestion);
    router.put("/console/api/articles/:id").handler(body).handler(console::requireAdmin)
        .handler(knowledge::validateArticle).handler(knowledge::save);
    router.delete("/console/api/articles/:id").handler(console::requireAdmin).handler(knowledge::retire);
    router.post("/console/api/kb/preview").handler(body).handler(console::requireOperator).handler(knowledge::preview);
    router.get("/console/api/reference").handler(console::requireOperator).handler(services.reference()::get);
    // Operators: inbox
    Inbox inbox = services.inbox();
    router.get("/console/api/conversations").handler(console::requireOperator).handler(inbox::validateList)
        .handler(inbox::list);
    router.get("/console/api/conversations/:id").handler(console::requireOperator).handler(inbox::validateId)
        .handler(inbox::one);
    router.post("/console/api/conversations/:id/takeover").handler(body).handler(console::requireOperator)
        .handler(inbox::validateId).handler(inbox::takeover);
    router.post("/console/api/conversations/:id/reply").handler(body).handler(console::requireOperator)
        .handler(inbox::validateReply).handler(inbox::reply);
    router.post("/console/api/conversations/:id/handback").handler(body).handler(console::requireOperator)
        .handler(inbox::validateId).handler(inbox::handback);
    router.post("/console/api/conversations/:id/assign").handler(body).handler(console::requireOperator)
        .handler(inbox::validateAssign).handler(inbox::assign);
    router.get("/console/api/canned").handler(console::requireOperator).handler(inbox::canned);
    router.get("/console/api/events").handler(console::requireOperator).handler(inbox::events);

    // Operators: claims desk
    ClaimsDesk claims = services.claims();
    router.get("/console/api/claims").handler(console::requireOperator).handler(claims::validateQuery)
        .handler(claims::list);
    router.get("/console/api/claims/:claimNo").handler(console::requireOperator).handler(claims::one);
    router.get("/console/api/claim-callbacks").handler(console::requireOperator).handler(claims::callbacks);
    router.post("/console/api/claims").handler(body).handler(console::requireOperator)
        .handler(claims::validateNewClaim).handler(claims::file);
    router.post("/console/api/claims/:claimNo/reveal").handler(body).handler(console::requireOperator)
        .handler(claims::reveal);
    router.post("/console/api/claims/:claimNo/retry").handler(body).handler(console::requireOperator)
        .handler(claims::retry);
    router.post("/console/api/claims/:claimNo/correct").handler(body).handler(console::requireOperator)
        .handler(claims::validateCorrection).handler(claims::correct);

    // Operators: statistics, exports, model
    Statistics statistics = services.statistics();
    Exports exports = services.exports();
    router.get("/console/api/stats").handler(console::requireOperator).handler(statistics::validate)
        .handler(statistics::stats);
    router.get("/console/api/export/conversations.csv").handler(console::requireOperator).handler(exports::validate)
        .handler(exports::conversationsCsv);
    router.get("/console/api/export/claims.csv").handler(console::requireOperator).handler(exports::validate)
        .handler(exports::claimsCsv);
    router.post("/console/api/intents/retrain").handler(body).handler(console::requireAdmin)
        .handler(services.retraining()::retrain);

    // Operators: the console's pages
    // Static files from the jar's console/ folder. Ordered after every other route, so
    // /console/api/* routes win wherever they are added; an unknown API path is a JSON 404, never a page.
    router.get("/console").handler(ctx -> {
      if (ctx.request().path().equals("/console")) {
        ctx.redirect("/console/");
      } else {
        ctx.next();
      }
    });
    router.get("/console/*").order(PAGES_LAST).handler(HttpVerticle::consolePageHeaders)
        .handler(StaticHandler.create("console").setIndexPage("index.html").setCachingEnabled(true)
            .setDefaultContentEncoding("UTF-8"));

    // Insurers: polling and decisions
    InsurerApi insurer = services.insurer();
    ApiKeys insurerKeys = new ApiKeys(services.config().insurerApiKeys, false);
    router.get("/api/insurer/v1/openapi.yaml").handler(ctx -> resource(ctx, "insurer/openapi.yaml", "application/yaml"));
    router.get("/api/insurer/docs").handler(ctx -> resource(ctx, "insurer/docs.html", "text/html; charset=utf-8"));
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
    router.route("/api/insurer/v1/*").handler(insurerKeys::check);
    router.get("/api/insurer/v1/claims").handler(insurer::validatePage).handler(insurer::page);
    router.get("/api/insurer/v1/claims/:claimNo").handler(insurer::one);
    router.post("/api/insurer/v1/claims/:claimNo/status").handler(body).handler(insurer::validateDecision)
        .handler(insurer::decide);

    server = vertx.createHttpServer(new HttpServerOptions().setHost(services.config().httpHost).setPort(port)
        .setCompressionSupported(true));
    return server.requestHandler(router).listen();
  }

  /** Every route as "METHOD path" (a route for any method as "* path"), for the permission tests. */
  List<String> routes() {
    List<String> out = new ArrayList<>();
    for (Route r : router.getRoutes()) {
      if (r.getPath() == null) {
        continue;
      }
      if (r.methods() == null || r.methods().isEmpty()) {
        out.add("* " + r.getPath());
      } else {
        r.methods().forEach(m -> out.add(m.name() + " " + r.getPath()));
      }
    }
    return out;
  }

  /** SIGTERM: stop taking requests and let the ones in flight finish. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(services.config().drainSeconds, TimeUnit.SECONDS);
  }

  /**
   * The console's pages run our own scripts and styles only (no inline code, no other origin) and are revalidated
   * on every load, so a new release is seen at once while unchanged files still answer 304.
   */
  private static void consolePageHeaders(RoutingContext ctx) {
    if (ctx.request().path().startsWith("/console/api/")) {
      ctx.fail(new HttpProblem(404, "not_found", "no such console API"));
      return;
    }
    ctx.addHeadersEndHandler(v -> ctx.response().headers()
        .set("Cache-Control", "no-cache")
        .set("Content-Security-Policy", CONSOLE_CSP)
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "same-origin")
        .set("X-Frame-Options", "DENY"));
    ctx.next();
  }

  /** Route order for the console's pages: after every route registered in the usual way. */
  private static final int PAGES_LAST = 1_000_000;

  static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  /** A small file from the jar, read once per request (documentation pages only). */
  private void resource(RoutingContext ctx, String path, String contentType) {
    vertx.fileSystem().readFile(path).onSuccess(b -> ctx.response().putHeader("Content-Type", contentType).end(b))
        .onFailure(ctx::fail);
  }

  private HealthCheckHandler health() {
    Store store = services.store();
    return HealthCheckHandler.create(vertx).register("store", 2000,
        promise -> store.ping().onComplete(ar -> promise.complete(ar.succeeded() ? Status.OK() : Status.KO())));
  }
}
