package minsheng.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import minsheng.dialogue.AssistantCore;
import minsheng.channel.ChatApi;
import minsheng.channel.Outbox;
import minsheng.channel.OutboxTokens;
import minsheng.claims.ClaimStore;
import minsheng.console.Accounts;
import minsheng.channel.ResidentChannels;
import minsheng.console.CannedReplies;
import minsheng.console.ClaimsDesk;
import minsheng.console.ConsoleAuth;
import minsheng.console.Inbox;
import minsheng.console.ConsoleReference;
import minsheng.console.Exports;
import minsheng.console.IntentRetraining;
import minsheng.console.KnowledgeConsole;
import minsheng.console.Statistics;
import minsheng.console.Sessions;
import minsheng.insurer.Forwarder;
import minsheng.insurer.InsurerApi;
import minsheng.insurer.ResidentNotifier;
import minsheng.claims.PhotoLinks;
import minsheng.claims.Policy;
import minsheng.dialogue.ClaimDialogue;
import minsheng.store.AuditLog;
import minsheng.store.FieldCipher;
import minsheng.claims.ClaimForm;
import java.time.Clock;
import minsheng.channel.wechat.OutboundQueue;
import minsheng.channel.wechat.PlatformApi;
import minsheng.channel.wechat.SeenMessages;
import minsheng.channel.wechat.WechatWebhook;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import minsheng.config.Config;
import minsheng.cluster.ClusterEngine;
import minsheng.cluster.ClusterEvents;
import minsheng.dialogue.AnswerMetrics;
import minsheng.dialogue.Assistant;
import minsheng.dialogue.Conversations;
import minsheng.kb.Article;
import minsheng.kb.ArticleFiles;
import minsheng.kb.ArticleRepository;
import minsheng.store.PrivateFiles;
import minsheng.store.Store;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the store (embedded unless a MongoDB URI is configured), the knowledge base seeded
 * from {@code kb-index/}, the intent model trained from {@code intents/}, and the HTTP surfaces.
 */
public final class Minsheng implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Minsheng.class);
  private static final long STORE_TIMEOUT_S = 30;
  private static final long SWEEP_MS = 10 * 60_000;
  /** A delivery in flight that has not finished by then is sent again after restart (same Idempotency-Key). */
  private static final long FORWARDER_STOP_S = 2;

  private final Config config;
  private final Store store;
  private final AssistantCore core;
  private final Vertx vertx;
  private final Services services;
  private final Outbox outbox;
  private final OutboundQueue wechatOutbound;
  private final SeenMessages seen;
  private int port = -1;
  /** One of the identical HTTP verticles, asked for the route table. */
  private final java.util.concurrent.atomic.AtomicReference<HttpVerticle> firstVerticle =
      new java.util.concurrent.atomic.AtomicReference<>();
  private ClaimStore claims;
  private Forwarder forwarder;

  private Minsheng(Config config, Store store, AssistantCore core, Vertx vertx, Services services, Outbox outbox,
      OutboundQueue wechatOutbound, SeenMessages seen) {
    this.wechatOutbound = wechatOutbound;
    this.seen = seen;
    this.config = config;
    this.store = store;
    this.core = core;
    this.vertx = vertx;
    this.services = services;
    this.outbox = outbox;
  }

  /** Starts the store, the assistant and the HTTP server; returns when the service answers. */
  public static Minsheng start(Config config) throws Exception {
    return start(config, Tuning.NONE);
  }

  /**
   * What a test may tune in the wiring: {@code wechatAnswerPauseMs} pauses the WeChat reply to a sender before it
   * is computed (see {@link WechatWebhook}). The service runs with {@link #NONE}.
   */
  public record Tuning(ToLongFunction<String> wechatAnswerPauseMs) {
    public static final Tuning NONE = new Tuning(sender -> 0);
  }

  /** The same, with the wiring tuned for a test. */
  public static Minsheng start(Config config, Tuning tuning) throws Exception {
    Minsheng app = assemble(config, tuning);
    try {
      app.listen();
      return app;
    } catch (Exception e) {
      app.close();
      throw e;
    }
  }

  /** Everything but the HTTP server: what the terminal chat uses. */
  public static Minsheng assemble(Config config) throws Exception {
    return assemble(config, Tuning.NONE);
  }

  private static Minsheng assemble(Config config, Tuning tuning) throws Exception {
    PrivateFiles.directory(config.dataDir);
    Store store = Store.open(config.mongoUri, config.dataDir, config.mongoDatabase);
    try {
      store.ping().await(STORE_TIMEOUT_S, TimeUnit.SECONDS);
      List<Article> articles = new ArticleRepository(store).seedFrom(ArticleFiles.readAll(config.knowledgeBaseDir))
          .await(STORE_TIMEOUT_S, TimeUnit.SECONDS);
      AssistantCore core = AssistantCore.build(config, articles,
          FSDirectory.open(PrivateFiles.directory(config.dataDir.resolve("index"))));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ClusterEngine cluster = new ClusterEngine(config);
      Vertx vertx = cluster.start(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)),
          new MicrometerMetricsFactory(registry));
      Conversations conversations = new Conversations(store);
      Outbox outbox = new Outbox(store);
      PlatformApi platform = new PlatformApi(WebClient.create(vertx, new WebClientOptions()
          .setConnectTimeout(2000).setIdleTimeout(30).setUserAgent("minsheng")),
          config.wechatApiBase, config.wechatAppId.orElse(""), config.wechatAppSecret.orElse(""));
      OutboundQueue wechatOutbound = new OutboundQueue(vertx, store, platform);
      SeenMessages seen = new SeenMessages(vertx, store, conversations::replies,
          config.wechatTimestampToleranceSeconds);
      Future.all(conversations.createIndexes(), outbox.createIndexes(), wechatOutbound.createIndexes(),
          seen.createIndexes()).await(STORE_TIMEOUT_S, TimeUnit.SECONDS);
      FieldCipher cipher = FieldCipher.open(config.fieldKey, config.dataDir);
      Policy policy = Policy.load(config.policyFile);
      ClaimStore claimStore = new ClaimStore(store, cipher, config.claimNumberPrefix);
      claimStore.createIndexes().compose(v -> claimStore.forgetDeadWriters()).await(STORE_TIMEOUT_S, TimeUnit.SECONDS);
      AuditLog audit = new AuditLog(store);
      Forwarder forwarder = new Forwarder(vertx, claimStore, cipher, Forwarder.webClient(vertx), config.insurerUrl,
          config.insurerSecret, registry, Clock.systemUTC());
      Future.all(audit.createIndexes(), forwarder.createIndexes()).await(STORE_TIMEOUT_S, TimeUnit.SECONDS);
      claimStore.onSubmitted(forwarder::nudge);
      ClaimDialogue claimDialogue = new ClaimDialogue(store, conversations, claimStore, cipher, policy,
          Clock.system(policy.zone()), core.replies(), new PhotoLinks(Set.copyOf(config.wechatMediaHosts)));
      Assistant assistant = new Assistant(core.intents(), core.policy(), core.kb(), core.replies(), conversations,
          new AnswerMetrics(registry), config.replyMaxChars, claimDialogue);
      WechatWebhook wechat = new WechatWebhook(vertx, new WechatWebhook.Settings(config.wechatToken,
          config.wechatAesKey, config.wechatAppId, config.wechatReplyDeadlineMs, config.wechatTimestampToleranceSeconds,
          config.wechatRateLimitPerMinute, menuKeys(config)), assistant, seen, wechatOutbound,
          tuning.wechatAnswerPauseMs());
      ResidentChannels residents = new ResidentChannels(outbox, wechatOutbound);
      ResidentNotifier notifier = notifier(residents, claimDialogue);
      Map<String, String> notices = new HashMap<>();
      core.replies().section("claimNotices").forEach((k, v) -> notices.put(k, String.valueOf(v)));
      Accounts accounts = new Accounts(vertx, store);
      if (config.adminPassword.isPresent() && accounts.adminExists().await(STORE_TIMEOUT_S, TimeUnit.SECONDS)) {
        log.warn("MINSHENG_ADMIN_PASSWORD is ignored: the console administrator already exists (the variable only "
            + "sets the password at first start). To change a password: java -jar target/minsheng.jar admin "
            + "reset-password {}", config.adminUser);
      }
      accounts.ensureAdmin(config.adminUser, config.adminPassword).await(STORE_TIMEOUT_S, TimeUnit.SECONDS)
          .ifPresent(generated -> log.warn("console administrator '{}' created with password {} (shown once; change it)",
              config.adminUser, generated));
      Inbox inbox = new Inbox(vertx, conversations, accounts, residents, core.replies(),
          CannedReplies.load(config.cannedRepliesFile), new Inbox.Settings(config.consoleMaxConversationsPerOperator,
              config.consoleOfflineGraceMs));
      conversations.onRecorded(inbox::changed);
      Statistics statistics = new Statistics(claimStore, conversations.reads(), policy.zone(), Clock.systemUTC());
      KnowledgeConsole knowledge = new KnowledgeConsole(core.kb(), new ArticleRepository(store), core.intents(),
          core.policy(), assistant::answerText);
      // Several instances: what one changes in memory (conversation states, the index, the model) reaches all.
      ClusterEvents clusterEvents = ClusterEvents.start(vertx, cluster, conversations, inbox, core,
          new ArticleRepository(store), config);
      knowledge.onSaved(clusterEvents::articleChanged);
      Services services = new Services(config, store, registry, assistant,
          new ChatApi(assistant, outbox, new OutboxTokens(cipher), config.chatMaxTextChars), wechat,
          new InsurerApi(claimStore, audit, notifier, Map.copyOf(notices)),
          new ConsoleAuth(accounts, new Sessions(store)),
          knowledge, inbox,
          new ClaimsDesk(claimStore, forwarder, audit, new ClaimForm(policy, Clock.system(policy.zone())),
              claimDialogue::callbacks),
          statistics, new Exports(conversations.reads(), claimStore, audit, policy.zone(), Clock.systemUTC()),
          new IntentRetraining(() -> clusterEvents.retrained(core.retrainIntents(config))),
          new ConsoleReference(policy, knowledge::topics, core.replies()::topicLabel));
      Minsheng app = new Minsheng(config, store, core, vertx, services, outbox, wechatOutbound, seen);
      app.claims = claimStore;
      app.forwarder = forwarder;
      return app;
    } catch (Exception e) {
      store.close();
      throw e;
    }
  }

  /** How a claim's news reaches its resident: on the channel they filed it on. */
  private static ResidentNotifier notifier(ResidentChannels residents, ClaimDialogue claimDialogue) {
    return new ResidentNotifier() {
      @Override
      public Future<Void> tell(String channel, String user, String text) {
        // A claim filed at the console has no channel to tell its resident on.
        return ResidentChannels.reachable(channel)
            ? residents.tell(channel, user, text, ResidentChannels.From.CLAIM_STATUS) : Future.succeededFuture();
      }

      @Override
      public Future<Void> reopenForMore(String channel, String user, String claimNo) {
        return claimDialogue.requestSupplement(channel, user, claimNo);
      }
    };
  }

  /** WeChat menu keys and the question each button asks. */
  private static Map<String, String> menuKeys(Config config) throws IOException {
    try (InputStream in = Files.newInputStream(config.wechatMenuKeysFile)) {
      Map<String, Object> raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Map<String, String> out = new HashMap<>();
      if (raw != null) {
        raw.forEach((k, v) -> out.put(k, String.valueOf(v)));
      }
      return Map.copyOf(out);
    }
  }

  private void listen() throws Exception {
    // One server per event loop, all on one port; port 0 means a free port, chosen here so they can share it.
    port = config.httpPort != 0 ? config.httpPort : freePort(config.httpHost);
    vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(services, port);
          firstVerticle.compareAndSet(null, verticle);
          return verticle;
        },
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .await(STORE_TIMEOUT_S, TimeUnit.SECONDS);
    vertx.setPeriodic(SWEEP_MS, t -> seen.sweep());
    forwarder.start();
    if (config.wechatAppId.isPresent() && config.wechatAppSecret.isPresent()) {
      wechatOutbound.start();
    } else {
      log.info("WeChat customer-service messages wait in the store until MINSHENG_WECHAT_APP_ID and _APP_SECRET are set");
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  /** The HTTP routes as "METHOD path", so tests can check that each one is guarded. */
  public List<String> routes() {
    return firstVerticle.get().routes();
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://" + config.httpHost + ":" + port + "/";
  }

  public Assistant assistant() {
    return services.assistant();
  }

  public Forwarder forwarder() {
    return forwarder;
  }

  public ClaimStore claims() {
    return claims;
  }

  public Inbox inbox() {
    return services.inbox();
  }

  public Outbox outbox() {
    return outbox;
  }

  /** The token that the JSON channel's answers give a resident's front end for reading their outbox. */
  public String outboxToken(String user) {
    return services.chatApi().outboxToken(user);
  }

  public AssistantCore core() {
    return core;
  }

  public Store store() {
    return store;
  }

  /** Stops intake, drains requests in flight, then closes the index and the store. */
  @Override
  public void close() {
    wechatOutbound.stop();
    if (forwarder != null) {
      try {
        forwarder.stop().await(FORWARDER_STOP_S, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("forwarder did not stop cleanly: {}", e.toString());
      }
    }
    try {
      vertx.close().await(config.drainSeconds + 1L, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("HTTP servers did not stop cleanly: {}", e.toString());
    }
    // Each part is closed even if an earlier one fails: a resident's data must reach the store's file.
    closeQuietly("knowledge base", core::close);
    closeQuietly("store", store::close);
  }

  private static void closeQuietly(String what, Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      log.warn("{} did not close cleanly: {}", what, e.toString());
    }
  }
}
