package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code cluster:} section: every key validated with its path, then bound with its defaults. */
class ClusterConfigTest {

    private static final String BASE = """
            {"plugins": {"dir": "plugins"}, "backends": {"echo": {"plugin": "echo", "models": ["echo"]}}}
            """;
    private static final ConfigSource SOURCE = new ConfigSource(Path.of("/etc/junction/gateway.yaml"), Map.of(), null);

    @Test
    void defaults_to_a_loopback_node_of_the_junction_cluster_that_starts_alone() {
        assertThat(bind(new JsonObject(BASE))).isEqualTo(ClusterConfig.DEFAULTS);
        assertThat(ClusterConfig.DEFAULTS.enabled()).isFalse();
        assertThat(ClusterConfig.DEFAULTS.host()).isEqualTo("127.0.0.1");
        assertThat(ClusterConfig.DEFAULTS.port()).isEqualTo(5701);
        assertThat(ClusterConfig.DEFAULTS.busPort()).isZero();
        assertThat(ClusterConfig.DEFAULTS.multicast()).isFalse();
    }

    @Test
    void binds_every_key_and_resolves_the_stores_against_the_file_folder() {
        ClusterConfig cluster = bind(withCluster("""
                {"enabled": "true", "name": "prod", "host": "10.0.0.5", "port": "5801", "publicHost": "gw1.example.com",
                 "busPort": 5802, "members": ["10.0.0.6:5801", " [fd00::7]:5801 "],
                 "tls": {"keyStore": "tls/node.p12", "keyStorePassword": "k-secret",
                         "trustStore": "/etc/tls/trust.jks", "trustStorePassword": "t-secret"}}
                """));

        assertThat(cluster).isEqualTo(new ClusterConfig(
                true, "prod", "10.0.0.5", 5801, "gw1.example.com", 5802, List.of("10.0.0.6:5801", "[fd00::7]:5801"),
                false, Optional.empty(), Optional.of(new ClusterConfig.Tls(
                        Path.of("/etc/junction/tls/node.p12"), "k-secret", Path.of("/etc/tls/trust.jks"), "t-secret"))));
        assertThat(cluster.toString()).doesNotContain("secret");
    }

    @Test
    void binds_kubernetes_discovery_and_multicast() {
        assertThat(bind(withCluster("{\"kubernetes\": {\"serviceName\": \"junction\"}}")).kubernetes())
                .contains(new ClusterConfig.Kubernetes("junction", ""));
        assertThat(bind(withCluster("{\"kubernetes\": {\"serviceName\": \"junction\", \"namespace\": \"ai\"}}")).kubernetes())
                .contains(new ClusterConfig.Kubernetes("junction", "ai"));
        assertThat(bind(withCluster("{\"multicast\": true}")).multicast()).isTrue();
    }

    @Test
    void accepts_every_key_together_and_nulls_as_absent() {
        assertThat(ConfigValidator.validate(withCluster("""
                {"enabled": true, "name": "n", "host": "0.0.0.0", "port": 1, "publicHost": "", "busPort": 65535,
                 "members": ["a.example:1", "10.0.0.1:65535", "[::1]:5701"], "multicast": false,
                 "tls": {"keyStore": "k.jks", "keyStorePassword": "p", "trustStore": "t.jks", "trustStorePassword": "p"}}
                """))).isEmpty();
        assertThat(ConfigValidator.validate(withCluster("{\"name\": null, \"members\": null, \"tls\": null}"))).isEmpty();
        assertThat(ConfigValidator.validate(withCluster("{\"kubernetes\": {\"serviceName\": \"s\", \"namespace\": \"n\"}}")))
                .isEmpty();
    }

    @Test
    void a_changed_cluster_section_needs_a_restart() {
        GatewayConfig started = ConfigBinder.bind(withCluster("{\"port\": 5701}"), SOURCE, "a");
        GatewayConfig next = ConfigBinder.bind(withCluster("{\"port\": 5801}"), SOURCE, "b");

        assertThat(ConfigDiff.needingRestart(started, next)).containsExactly("cluster");
        assertThat(ConfigDiff.needingRestart(started, started)).isEmpty();
    }

    static Stream<Arguments> invalidClusters() {
        return Stream.of(
                invalid("true", "cluster: must be an object"),
                invalid("{\"enable\": true}", "cluster.enable: unknown key"),
                invalid("{\"enabled\": \"yes\"}", "cluster.enabled: must be true or false"),
                invalid("{\"multicast\": 1}", "cluster.multicast: must be true or false"),
                invalid("{\"name\": \" \"}", "cluster.name: must be a non-empty string"),
                invalid("{\"name\": 7}", "cluster.name: must be a non-empty string"),
                invalid("{\"host\": \"10.0.0.1:5701\"}",
                        "cluster.host: must be a host name or IP address without a port, e.g. 10.0.0.5 or 0.0.0.0"),
                invalid("{\"host\": \"\"}",
                        "cluster.host: must be a host name or IP address without a port, e.g. 10.0.0.5 or 0.0.0.0"),
                invalid("{\"publicHost\": \"http://gw\"}",
                        "cluster.publicHost: must be a host name or IP address without a port, or empty"),
                invalid("{\"port\": 0}", "cluster.port: must be an integer from 1 to 65535"),
                invalid("{\"port\": 65536}", "cluster.port: must be an integer from 1 to 65535"),
                invalid("{\"port\": \"high\"}", "cluster.port: must be an integer from 1 to 65535"),
                invalid("{\"busPort\": -1}", "cluster.busPort: must be an integer from 0 to 65535"),
                invalid("{\"busPort\": 70000}", "cluster.busPort: must be an integer from 0 to 65535"),
                invalid("{\"members\": \"10.0.0.1:5701\"}", "cluster.members: must be a list of host:port"),
                invalid("{\"members\": [\"10.0.0.1:5701\", \"10.0.0.2\", \"h:0\", \"h:99999\", 5701, \"a b:1\"]}",
                        "cluster.members[1]: must be host:port, e.g. 10.0.0.1:5701 or [fd00::1]:5701",
                        "cluster.members[2]: must be host:port, e.g. 10.0.0.1:5701 or [fd00::1]:5701",
                        "cluster.members[3]: must be host:port, e.g. 10.0.0.1:5701 or [fd00::1]:5701",
                        "cluster.members[4]: must be host:port, e.g. 10.0.0.1:5701 or [fd00::1]:5701",
                        "cluster.members[5]: must be host:port, e.g. 10.0.0.1:5701 or [fd00::1]:5701"),
                invalid("{\"kubernetes\": \"junction\"}", "cluster.kubernetes: must be an object"),
                invalid("{\"kubernetes\": {}}",
                        "cluster.kubernetes.serviceName: required: the service whose pods are the members"),
                invalid("{\"kubernetes\": {\"serviceName\": \"s\", \"namespace\": \"\", \"label\": \"x\"}}",
                        "cluster.kubernetes.label: unknown key",
                        "cluster.kubernetes.namespace: must be a non-empty string; leave it out for the pod's own namespace"),
                invalid("{\"tls\": true}", "cluster.tls: must be an object"),
                invalid("{\"tls\": {\"keyStore\": \"k.jks\", \"keyStorePassword\": \"\", \"trustStore\": 3, \"cert\": \"c\"}}",
                        "cluster.tls.cert: unknown key",
                        "cluster.tls.keyStorePassword: required, a non-empty string",
                        "cluster.tls.trustStore: required, a non-empty string",
                        "cluster.tls.trustStorePassword: required, a non-empty string"),
                invalid("{\"members\": [\"a:1\"], \"multicast\": true}",
                        "cluster: choose one way to find the other nodes, not members and multicast"),
                invalid("{\"multicast\": \"true\", \"kubernetes\": {\"serviceName\": \"s\"}}",
                        "cluster: choose one way to find the other nodes, not multicast and kubernetes"));
    }

    @ParameterizedTest
    @MethodSource("invalidClusters")
    void reports_each_bad_key_with_its_path(String cluster, List<String> errors) {
        JsonObject config = new JsonObject(BASE).put("cluster", new JsonObject("{\"c\": " + cluster + "}").getValue("c"));

        assertThat(ConfigValidator.validate(config)).containsExactlyInAnyOrderElementsOf(errors);
    }

    private static Arguments invalid(String cluster, String... errors) {
        return Arguments.of(cluster, List.of(errors));
    }

    private static JsonObject withCluster(String cluster) {
        return new JsonObject(BASE).put("cluster", new JsonObject(cluster));
    }

    private static ClusterConfig bind(JsonObject tree) {
        assertThat(ConfigValidator.validate(tree)).isEmpty();
        return ConfigBinder.bind(tree, SOURCE, "rev").cluster();
    }
}
