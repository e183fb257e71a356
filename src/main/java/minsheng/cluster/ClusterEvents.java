package minsheng.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import minsheng.dialogue.AssistantCore;
import minsheng.config.Config;
import minsheng.console.Inbox;
import minsheng.dialogue.Conversations;
import minsheng.kb.Article;
import minsheng.kb.ArticleRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one instance changes that the others hold in memory, told on the clustered event bus:
 * <ul>
 *   <li>{@value #CONVERSATION_CHANGED} {@code {key, origin}}: a conversation got a turn or was changed by the
 *   console (takeover, hand-back, assignment, a claim opened or closed). Every other instance drops its copy of
 *   the conversation's state ({@link Conversations#forget}) and, when an operator's inbox stream is open on it,
 *   reads the conversation and shows the change ({@link Inbox#changed}). A turn is told without waiting; a
 *   console change waits until every member has dropped its copy (a request to each member's own address), so
 *   when the console's request returns, the very next message on any instance sees the change. The state
 *   version in the store stays the backstop: a member that misses the news (dying, cut off) still never
 *   overwrites a newer state.</li>
 *   <li>{@value #KB_CHANGED} {@code {id, origin}}: an article was edited or retired; every other instance reads it
 *   from the store and puts it into its own index.</li>
 *   <li>{@value #NLU_CHANGED} {@code {origin}}: the intent model was retrained; every other instance trains the same
 *   model from the same examples and articles, and swaps it.</li>
 * </ul>
 * Without a cluster every method is a no-op that completes at once.
 */
public final class ClusterEvents {
  private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
  public static final String CONVERSATION_CHANGED = "minsheng.conversation.changed";
  public static final String KB_CHANGED = "minsheng.kb.changed";
  public static final String NLU_CHANGED = "minsheng.nlu.changed";
  /** A member that has not confirmed by then is taken as dying; the store's version check covers it. */
  private static final long ACK_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final ClusterEngine cluster;
  private final Conversations conversations;
  private final Inbox inbox;
  private final AssistantCore core;
  private final ArticleRepository articles;
  private final Config config;

  private ClusterEvents(Vertx vertx, ClusterEngine cluster, Conversations conversations, Inbox inbox,
      AssistantCore core, ArticleRepository articles, Config config) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.conversations = conversations;
    this.inbox = inbox;
    this.core = core;
    this.articles = articles;
    this.config = config;
  }

  /**
   * Subscribes this instance to the others' changes and has its own changes told (nothing without a cluster).
   * Replaces the conversations' turn listener with one that also tells the inbox, as before.
   */
  public static ClusterEvents start(Vertx vertx, ClusterEngine cluster, Conversations conversations, Inbox inbox,
      AssistantCore core, ArticleRepository articles, Config config) {
    ClusterEvents events = new ClusterEvents(vertx, cluster, conversations, inbox, core, articles, config);
    if (cluster.clustered()) {
      events.subscribe();
    }
    return events;
  }

  private void subscribe() {
    String me = cluster.nodeId();
    vertx.eventBus().<JsonObject>consumer(CONVERSATION_CHANGED, m -> {
      if (!me.equals(m.body().getString("origin"))) {
        conversationChangedHere(m.body().getString("key"));
      }
    });
    vertx.eventBus().<JsonObject>consumer(CONVERSATION_CHANGED + "." + me, m -> {
      conversationChangedHere(m.body().getString("key"));
      m.reply(null);
    });
    vertx.eventBus().<JsonObject>consumer(KB_CHANGED, m -> {
      if (!me.equals(m.body().getString("origin"))) {
        reloadArticle(m.body().getString("id"));
      }
    });
    vertx.eventBus().<JsonObject>consumer(NLU_CHANGED, m -> {
      if (!me.equals(m.body().getString("origin"))) {
        retrain();
      }
    });
    conversations.onRecorded(id -> {
      inbox.changed(id);
      vertx.eventBus().publish(CONVERSATION_CHANGED, new JsonObject().put("key", id).put("origin", me));
    });
    conversations.onChangedElsewhere(this::conversationChanged);
  }

  private void conversationChangedHere(String key) {
    conversations.forget(key);
    inbox.changed(key);
  }

  /**
   * Tells every other member that a conversation changed outside a turn; completes (never fails) when each has
   * dropped its copy, or has not answered in {@value #ACK_TIMEOUT_MS} ms.
   */
  public Future<Void> conversationChanged(String key) {
    if (!cluster.clustered()) {
      return Future.succeededFuture();
    }
    String me = cluster.nodeId();
    JsonObject body = new JsonObject().put("key", key).put("origin", me);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(ACK_TIMEOUT_MS);
    List<Future<Message<Object>>> acks = new ArrayList<>();
    for (String node : cluster.nodes()) {
      if (!node.equals(me)) {
        acks.add(vertx.eventBus().request(CONVERSATION_CHANGED + "." + node, body, options)
            .onFailure(e -> log.warn("cluster: member {} did not confirm the change of conversation {}: {}", node, key,
                e.getMessage())));
      }
    }
    return Future.join(acks).<Void>mapEmpty().otherwiseEmpty();
  }

  /** An article this instance saved: the others put it into their index. */
  public void articleChanged(Article article) {
    if (cluster.clustered()) {
      vertx.eventBus().publish(KB_CHANGED, new JsonObject().put("id", article.id()).put("origin", cluster.nodeId()));
    }
  }

  /** This instance retrained its intent model: the others retrain theirs. Returns what it is given. */
  public <T> T retrained(T trained) {
    if (cluster.clustered()) {
      vertx.eventBus().publish(NLU_CHANGED, new JsonObject().put("origin", cluster.nodeId()));
    }
    return trained;
  }

  private void reloadArticle(String id) {
    articles.find(id).compose(found -> vertx.executeBlocking(() -> {
      found.ifPresent(core.kb()::put);
      return found.isPresent();
    })).onSuccess(put -> log.info("cluster: article {} {} from another instance's edit", id,
            put ? "reloaded" : "not found"))
        .onFailure(e -> log.warn("cluster: article {} could not be reloaded: {}", id, e.toString()));
  }

  private void retrain() {
    vertx.executeBlocking(() -> core.retrainIntents(config), false)
        .onSuccess(t -> log.info("cluster: intent model retrained after another instance's retrain"))
        .onFailure(e -> log.warn("cluster: intent model retrain failed: {}", e.toString()));
  }
}
