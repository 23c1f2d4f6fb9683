package dev.junction.gateway.cluster;

import static dev.junction.gateway.cluster.ClusterConfigs.cluster;
import static dev.junction.gateway.cluster.ClusterConfigs.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HazelcastSettingsTest {

    @TempDir
    Path dir;

    @Test
    void joins_the_nodes_of_this_machine_over_tcp_ip_by_default() {
        Config config = HazelcastSettings.of(gateway(dir.resolve("gateway.yaml"), ClusterConfig.DEFAULTS));

        assertThat(config.getClusterName()).isEqualTo("junction");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isTrue();
        assertThat(config.getNetworkConfig().getPortCount()).isEqualTo(ClusterConfig.PORT_RANGE);
        assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("127.0.0.1");
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers())
                .hasSize(ClusterConfig.PORT_RANGE)
                .startsWith("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703")
                .endsWith("127.0.0.1:5710");
    }

    @Test
    void drops_a_silent_member_within_seconds_and_keeps_to_itself() {
        Config config = HazelcastSettings.of(gateway(dir.resolve("gateway.yaml"), ClusterConfig.DEFAULTS));

        assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
        assertThat(config.getMultiMapConfig("__vertx.subs").getValueCollectionType())
                .isEqualTo(MultiMapConfig.ValueCollectionType.SET);
    }

    @Test
    void seeds_with_the_listed_members_and_advertises_the_public_host() {
        Config config = HazelcastSettings.of(gateway(dir.resolve("gateway.yaml"),
                cluster("0.0.0.0", "gw1.example.com", List.of("10.0.0.6:5701", "[fd00::7]:5701"))));

        assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("gw1.example.com");
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("true");
        assertThat(config.getProperty("hazelcast.local.localAddress")).isNull();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.0.0.6:5701", "[fd00::7]:5701");
    }

    @Test
    void the_default_members_are_what_others_dial() {
        assertThat(HazelcastSettings.defaultMembers(cluster("0.0.0.0", "gw1.example.com", List.of())))
                .startsWith("gw1.example.com:5701");
        assertThat(HazelcastSettings.defaultMembers(cluster("0.0.0.0", "", List.of()))).startsWith("127.0.0.1:5701");
        assertThat(HazelcastSettings.defaultMembers(cluster("fd00::5", "", List.of()))).startsWith("[fd00::5]:5701");
    }

    @Test
    void uses_multicast_only_when_asked() {
        ClusterConfig multicast = new ClusterConfig(
                false, "m", "127.0.0.1", 5701, "", 0, List.of(), true, Optional.empty(), Optional.empty());
        JoinConfig join = HazelcastSettings.of(gateway(dir.resolve("gateway.yaml"), multicast)).getNetworkConfig().getJoin();

        assertThat(join.getMulticastConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    }

    @Test
    void discovers_kubernetes_pods_by_service() {
        ClusterConfig kubernetes = new ClusterConfig(false, "k", "10.1.2.3", 5701, "", 0, List.of(), false,
                Optional.of(new ClusterConfig.Kubernetes("junction", "ai")), Optional.empty());
        JoinConfig join = HazelcastSettings.of(gateway(dir.resolve("gateway.yaml"), kubernetes)).getNetworkConfig().getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-name")).isEqualTo("junction");
        assertThat(join.getKubernetesConfig().getProperty("namespace")).isEqualTo("ai");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    }

    @Test
    void cluster_xml_beside_the_file_is_the_base_and_the_yaml_overrides_what_it_sets() throws Exception {
        Files.writeString(dir.resolve("cluster.xml"), xml("""
                <cluster-name>from-xml</cluster-name>
                <properties><property name="hazelcast.max.no.heartbeat.seconds">20</property></properties>
                <network>
                  <port auto-increment="false">6000</port>
                  <join>
                    <multicast enabled="false"/>
                    <tcp-ip enabled="true"><member>10.9.9.9:6000</member></tcp-ip>
                  </join>
                </network>
                <map name="answers"><backup-count>2</backup-count></map>
                """));

        Config own = HazelcastSettings.of(gateway(dir.resolve("gateway.yaml"), ClusterConfig.DEFAULTS));
        assertThat(own.getClusterName()).isEqualTo("junction");
        assertThat(own.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(own.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("20");
        assertThat(own.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        assertThat(own.getMapConfig("answers").getBackupCount()).isEqualTo(2);
        assertThat(own.getMultiMapConfigs()).containsKey("__vertx.subs");
        assertThat(own.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .as("the XML's discovery, as the YAML names none")
                .containsExactly("10.9.9.9:6000");

        Config listed = HazelcastSettings.of(
                gateway(dir.resolve("gateway.yaml"), cluster("127.0.0.1", "", List.of("10.0.0.6:5701"))));
        assertThat(listed.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("10.0.0.6:5701");
    }

    @Test
    void a_malformed_cluster_xml_is_refused_naming_it() throws Exception {
        Files.writeString(dir.resolve("cluster.xml"), xml("<network><port>many</port></network>"));

        assertThatThrownBy(() -> HazelcastSettings.of(gateway(dir.resolve("gateway.yaml"), ClusterConfig.DEFAULTS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot use " + dir.resolve("cluster.xml"));
    }

    private static String xml(String body) {
        return "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\">" + body + "</hazelcast>";
    }
}
