package minsheng.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import minsheng.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that names Hazelcast, apart from {@link ClusterEngine}, which calls it only with a cluster.
 */
final class HazelcastMembers {
  private static final Logger log = LoggerFactory.getLogger(HazelcastMembers.class);
  static final String CLUSTER_NAME = "minsheng";

  private HazelcastMembers() {
  }

  static ClusterManager manager(Config config) {
    // Hazelcast logs through slf4j at warn: its info lines about every partition migration drown the service's.
    System.setProperty("hazelcast.logging.type", "slf4j");
    return new HazelcastClusterManager(hazelcast(config));
  }

  /** Hazelcast's own member lines are below the warn level it logs at; operators still see who joins and leaves. */
  static void logJoinsAndLeaves(ClusterManager manager) {
    ((HazelcastClusterManager) manager).getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        log.info("cluster: {} joined, {} member(s) now", e.getMember().getAddress(), e.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        log.warn("cluster: {} left, {} member(s) now", e.getMember().getAddress(), e.getMembers().size());
      }
    });
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
    String host = ClusterEngine.bindHost(config.httpHost);
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

}
