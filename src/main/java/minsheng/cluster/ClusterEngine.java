package minsheng.cluster;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import minsheng.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Vert.x alone, or, with {@code MINSHENG_CLUSTER_MEMBERS} set, as one member of a Vert.x cluster over
 * Hazelcast: members are found only through that TCP-IP list (no multicast, no cloud auto-detection), on this
 * member's {@code MINSHENG_CLUSTER_PORT}, on the interface the HTTP server uses. Without the setting nothing of
 * Hazelcast is loaded, so a single instance starts as fast as before.
 */
public final class ClusterEngine {
  private static final Logger log = LoggerFactory.getLogger(ClusterEngine.class);
  static final String CLUSTER_NAME = "minsheng";
  /** Joining waits for the other listed members for at most this long, then this member starts the cluster. */
  private static final long JOIN_TIMEOUT_S = 60;

  private final Config config;
  private HazelcastClusterManager manager;

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
    // Hazelcast logs through slf4j at warn: its info lines about every partition migration drown the service's.
    System.setProperty("hazelcast.logging.type", "slf4j");
    manager = new HazelcastClusterManager(hazelcast(config));
    String host = bindHost(config.httpHost);
    EventBusOptions bus = options.getEventBusOptions();
    if (host != null) {
      // The event bus's own TCP server (port 0: any free one) on the same interface as Hazelcast and HTTP.
      bus.setHost(host).setClusterPublicHost(host);
    }
    Vertx vertx = Vertx.builder().with(options).withMetrics(metrics).withClusterManager(manager).buildClustered()
        .await(JOIN_TIMEOUT_S, TimeUnit.SECONDS);
    log.info("cluster '{}': member {} on port {}, {} member(s) now", CLUSTER_NAME, manager.getNodeId(),
        config.clusterPort, manager.getNodes().size());
    // Hazelcast's own member lines are below the warn level it logs at; operators still see who joins and leaves.
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        log.info("cluster: {} joined, {} member(s) now", e.getMember().getAddress(), e.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        log.warn("cluster: {} left, {} member(s) now", e.getMember().getAddress(), e.getMembers().size());
      }
    });
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

  /** The Hazelcast configuration, built in code: nothing is read from a file or found on the network. */
  static com.hazelcast.config.Config hazelcast(Config config) {
    com.hazelcast.config.Config hz = new com.hazelcast.config.Config();
    hz.setClusterName(CLUSTER_NAME);
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    // The service's own SIGTERM handler leaves the cluster after draining; Hazelcast's hook would leave first.
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A member killed with -9 is noticed within seconds (default 60 s), so its event-bus addresses go too.
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "8");
    // Members listed but not up yet are waited for briefly; a split formed meanwhile merges soon after.
    hz.setProperty("hazelcast.wait.seconds.before.join", "1");
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.clusterPort).setPortAutoIncrement(false);
    String host = bindHost(config.httpHost);
    if (host != null) {
      network.getInterfaces().setEnabled(true).addInterface(host);
      hz.setProperty("hazelcast.socket.bind.any", "false");
      hz.setProperty("hazelcast.local.localAddress", host);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(config.clusterMembers);
    // What vertx-hazelcast's default-cluster.xml sets up for the event bus's registry.
    hz.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    hz.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    hz.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return hz;
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
