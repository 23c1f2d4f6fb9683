package dev.junction.gateway.cluster;

import static dev.junction.gateway.cluster.ClusterConfigs.cluster;
import static dev.junction.gateway.cluster.ClusterConfigs.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.ConfigException;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBusSettingsTest {

    @TempDir
    Path dir;

    @Test
    void binds_the_cluster_host_and_the_bus_port_in_plain_text() {
        EventBusOptions options = EventBusSettings.of(gateway(dir.resolve("gateway.yaml"), ClusterConfig.DEFAULTS));

        assertThat(options.getHost()).isEqualTo("127.0.0.1");
        assertThat(options.getPort()).isZero();
        assertThat(options.getClusterPublicHost()).isNull();
        assertThat(options.isSsl()).isFalse();
    }

    @Test
    void advertises_the_public_host_and_binds_hazelcasts_address_for_a_wildcard() {
        EventBusOptions options = EventBusSettings.of(
                gateway(dir.resolve("gateway.yaml"), cluster("0.0.0.0", "gw1.example.com", List.of())));

        assertThat(options.getHost()).isNull();
        assertThat(options.getClusterPublicHost()).isEqualTo("gw1.example.com");
    }

    @Test
    void encrypts_and_authenticates_both_ends_with_the_stores() throws Exception {
        Path key = Files.createFile(dir.resolve("node.p12"));
        Path trust = Files.createFile(dir.resolve("trust.jks"));
        EventBusOptions options = EventBusSettings.of(gateway(dir.resolve("gateway.yaml"), withTls(key, trust)));

        assertThat(options.isSsl()).isTrue();
        assertThat(options.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
        assertThat(options.isTrustAll()).isFalse();
        PfxOptions keyStore = (PfxOptions) options.getKeyCertOptions();
        assertThat(keyStore.getPath()).isEqualTo(key.toString());
        assertThat(keyStore.getPassword()).isEqualTo("k-secret");
        JksOptions trustStore = (JksOptions) options.getTrustOptions();
        assertThat(trustStore.getPath()).isEqualTo(trust.toString());
        assertThat(trustStore.getPassword()).isEqualTo("t-secret");
    }

    @Test
    void a_missing_store_is_refused_naming_its_key() throws Exception {
        Path trust = Files.createFile(dir.resolve("trust.jks"));
        ClusterConfig cluster = withTls(dir.resolve("absent.p12"), trust);

        assertThatThrownBy(() -> EventBusSettings.of(gateway(dir.resolve("gateway.yaml"), cluster)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors())
                        .containsExactly("cluster.tls.keyStore: no such file: " + dir.resolve("absent.p12")));
    }

    private static ClusterConfig withTls(Path keyStore, Path trustStore) {
        return new ClusterConfig(false, "t", "127.0.0.1", 5701, "", 0, List.of(), false, Optional.empty(),
                Optional.of(new ClusterConfig.Tls(keyStore, "k-secret", trustStore, "t-secret")));
    }
}
