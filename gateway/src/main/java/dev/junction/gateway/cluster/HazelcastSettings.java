package dev.junction.gateway.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.ConfigException;
import dev.junction.gateway.config.GatewayConfig;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Hazelcast member configuration of a node, from its {@code cluster:} settings.
 *
 * <p>The base is {@code cluster.xml} in the configuration file's folder when it exists (read once,
 * at start), else Vert.x's default. On top of it the YAML always sets the cluster name, the member
 * port (with {@value ClusterConfig#PORT_RANGE} ports of auto-increment, so several nodes run on one
 * machine from one file), the bound address, the public address and the discovery; the XML's own
 * discovery is kept only when the YAML names none (no members, multicast or Kubernetes) and the XML
 * enables one besides multicast (TCP-IP, Kubernetes, a cloud, a discovery strategy). The tuning
 * properties below apply unless the XML sets them. Vert.x's own maps are added when the XML lacks
 * them.
 */
public final class HazelcastSettings {

    /** The file, beside the gateway's configuration file, that holds what the YAML does not cover. */
    public static final String XML_FILE = "cluster.xml";

    /**
     * Failure detection fit for a gateway: a heartbeat each second and a member that sends none for 5
     * seconds is dropped (Hazelcast's defaults, 5 s and 60 s, leave a SIGKILLed node in the member
     * list for a minute, and requests would be sent to it meanwhile). Should a loaded node be dropped
     * by mistake, it merges back after 10 s instead of Hazelcast's 300 s. Hazelcast waits 1 s instead
     * of 5 before joining, and never phones home. Its shutdown hook is off: the gateway's own hook
     * drains and then leaves the cluster.
     */
    private static final Map<String, String> TUNING = Map.of(
            "hazelcast.heartbeat.interval.seconds", "1",
            "hazelcast.max.no.heartbeat.seconds", "5",
            "hazelcast.merge.first.run.delay.seconds", "10",
            "hazelcast.merge.next.run.delay.seconds", "10",
            "hazelcast.wait.seconds.before.join", "1",
            "hazelcast.phone.home.enabled", "false",
            "hazelcast.shutdownhook.enabled", "false",
            "hazelcast.logging.type", "slf4j");

    private HazelcastSettings() {}

    /** The member configuration of a node configured by {@code config}; reads {@link #XML_FILE} when it exists. */
    public static Config of(GatewayConfig config) {
        // Hazelcast's static loggers read the logging type from the system properties, before any Config.
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
        ClusterConfig cluster = config.cluster();
        Config hazelcast = base(config.source().file().resolveSibling(XML_FILE));
        TUNING.forEach((name, value) -> {
            if (hazelcast.getProperties().getProperty(name) == null) {
                hazelcast.setProperty(name, value);
            }
        });
        hazelcast.setClusterName(cluster.name());
        NetworkConfig network = hazelcast.getNetworkConfig()
                .setPort(cluster.port())
                .setPortAutoIncrement(true)
                .setPortCount(ClusterConfig.PORT_RANGE);
        if (isWildcard(cluster.host())) {
            hazelcast.setProperty("hazelcast.socket.bind.any", "true");
        } else {
            hazelcast.setProperty("hazelcast.local.localAddress", cluster.host());
            hazelcast.setProperty("hazelcast.socket.bind.any", "false");
        }
        if (!cluster.publicHost().isEmpty()) {
            network.setPublicAddress(cluster.publicHost());
        }
        join(network.getJoin(), cluster);
        return hazelcast;
    }

    /** Whether {@code host} means every interface. */
    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /**
     * The members a node seeks when {@code cluster.members} lists none: its own address at every port
     * of its range, so that nodes on one machine find each other.
     */
    static List<String> defaultMembers(ClusterConfig cluster) {
        String host = !cluster.publicHost().isEmpty()
                ? cluster.publicHost()
                : isWildcard(cluster.host()) ? "127.0.0.1" : cluster.host();
        String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        List<String> members = new ArrayList<>();
        for (int i = 0; i < ClusterConfig.PORT_RANGE; i++) {
            members.add(bracketed + ":" + (cluster.port() + i));
        }
        return members;
    }

    private static void join(JoinConfig join, ClusterConfig cluster) {
        boolean yamlDiscovery = !cluster.members().isEmpty() || cluster.multicast() || cluster.kubernetes().isPresent();
        join.getMulticastConfig().setEnabled(cluster.multicast());
        if (!yamlDiscovery && hasOwnDiscovery(join)) {
            return;
        }
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false).clear();
        join.getKubernetesConfig().setEnabled(false);
        if (cluster.kubernetes().isPresent()) {
            ClusterConfig.Kubernetes kubernetes = cluster.kubernetes().get();
            join.getKubernetesConfig().setEnabled(true).setProperty("service-name", kubernetes.serviceName());
            if (!kubernetes.namespace().isEmpty()) {
                join.getKubernetesConfig().setProperty("namespace", kubernetes.namespace());
            }
        } else if (!cluster.multicast()) {
            join.getTcpIpConfig()
                    .setEnabled(true)
                    .setMembers(cluster.members().isEmpty() ? defaultMembers(cluster) : cluster.members());
        }
    }

    private static boolean hasOwnDiscovery(JoinConfig join) {
        return join.getTcpIpConfig().isEnabled()
                || join.getKubernetesConfig().isEnabled()
                || join.getAwsConfig().isEnabled()
                || join.getGcpConfig().isEnabled()
                || join.getAzureConfig().isEnabled()
                || join.getEurekaConfig().isEnabled()
                || join.getDiscoveryConfig().isEnabled();
    }

    /** {@code xml} when it exists, else Vert.x's default; Vert.x's maps added when missing. */
    private static Config base(Path xml) {
        Config vertxDefault = new ClasspathXmlConfig("default-cluster.xml");
        if (!Files.exists(xml)) {
            return vertxDefault;
        }
        Config config;
        try {
            config = Config.loadFromFile(xml.toFile());
        } catch (FileNotFoundException | RuntimeException e) {
            throw ConfigException.unusable("Cannot use " + xml + ": " + e.getMessage(), e);
        }
        vertxDefault.getMultiMapConfigs().forEach((name, map) -> {
            if (!config.getMultiMapConfigs().containsKey(name)) {
                config.addMultiMapConfig(map);
            }
        });
        vertxDefault.getMapConfigs().forEach((name, map) -> {
            if (!config.getMapConfigs().containsKey(name)) {
                config.addMapConfig(map);
            }
        });
        return config;
    }
}
