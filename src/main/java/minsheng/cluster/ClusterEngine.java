package minsheng.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import minsheng.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Vert.x alone, or, with {@code MINSHENG_CLUSTER_MEMBERS} set, as one member of a Vert.x cluster over
 * Hazelcast: members are found only through that TCP-IP list (no multicast, no cloud auto-detection), on this
 * member's {@code MINSHENG_CLUSTER_PORT}, on the interface the HTTP server uses. Without the setting no Hazelcast
 * member is started and no port is opened, so a single instance starts as before (Vert.x's service loader still
 * instantiates the idle HazelcastClusterManager: seven classes, measured with -Xlog:class+load).
 */
public final class ClusterEngine {
  private static final Logger log = LoggerFactory.getLogger(ClusterEngine.class);
  /** Joining waits for the other listed members for at most this long, then this member starts the cluster. */
  private static final long JOIN_TIMEOUT_S = 60;

  private final Config config;
  /** Typed by Vert.x's interface; what names Hazelcast is in HazelcastMembers, used only with a cluster. */
  private ClusterManager manager;

  public ClusterEngine(Config config) {
    this.config = config;
  }

  public boolean clustered() {
    return !config.clusterMembers.isEmpty();
  }

  /** Vert.x, clustered when members are configured; blocks until this member has joined. */
  public Vertx start(VertxOptions options, VertxMetricsFactory metrics) throws Exception {
    if (!clustered()) {
      return Vertx.builder().with(options).withMetrics(metrics).build();
    }
    manager = HazelcastMembers.manager(config);
    String host = bindHost(config.httpHost);
    EventBusOptions bus = options.getEventBusOptions();
    if (host != null) {
      // The event bus's own TCP server (port 0: any free one) on the same interface as Hazelcast and HTTP.
      bus.setHost(host).setClusterPublicHost(host);
    }
    Vertx vertx = Vertx.builder().with(options).withMetrics(metrics).withClusterManager(manager).buildClustered()
        .await(JOIN_TIMEOUT_S, TimeUnit.SECONDS);
    log.info("cluster '{}': member {} on port {}, {} member(s) now", HazelcastMembers.CLUSTER_NAME, manager.getNodeId(),
        config.clusterPort, manager.getNodes().size());
    HazelcastMembers.logJoinsAndLeaves(manager);
    return vertx;
  }

  /** This member's node id (null when not clustered). */
  public String nodeId() {
    return manager == null ? null : manager.getNodeId();
  }

  /** The node ids of the members now in the cluster, this one included (empty when not clustered). */
  public List<String> nodes() {
    return manager == null ? List.of() : manager.getNodes();
  }

  /** The interface to bind the cluster to: the HTTP host's, unless that is every interface (null). */
  static String bindHost(String httpHost) {
    if (httpHost.equals("0.0.0.0") || httpHost.equals("::")) {
      return null;
    }
    try {
      // Hazelcast's interface list takes addresses, not names.
      return java.net.InetAddress.getByName(httpHost).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new minsheng.config.ConfigException("http.host '" + httpHost + "' does not resolve: " + e.getMessage());
    }
  }
}
