package dev.junction.gateway.cluster;

import static dev.junction.gateway.cluster.ClusterConfigs.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.support.ForkedCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered Vert.x instances in this JVM, built from {@code cluster.tls} settings as {@code Main}
 * builds them: a message crosses the event bus between nodes that trust each other's key, and a node
 * whose key the trust store does not hold gets nothing through.
 */
@Timeout(120)
class EventBusTlsTest {

    private static final String PASSWORD = "changeit-" + UUID.randomUUID();

    @TempDir
    static Path stores;

    private final List<Vertx> nodes = new ArrayList<>();

    @BeforeAll
    static void makeStores() throws Exception {
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-validity", "2", "-dname", "CN=junction-cluster",
                "-ext", "SAN=ip:127.0.0.1", "-keystore", "node.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "node", "-keystore", "node.p12", "-storepass", PASSWORD, "-file", "node.crt");
        keytool("-importcert", "-noprompt", "-alias", "node", "-file", "node.crt", "-keystore", "trust.jks",
                "-storetype", "JKS", "-storepass", PASSWORD);
        keytool("-genkeypair", "-alias", "rogue", "-keyalg", "EC", "-validity", "2", "-dname", "CN=rogue",
                "-ext", "SAN=ip:127.0.0.1", "-keystore", "rogue.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    @AfterEach
    void stop() {
        nodes.forEach(Vertx::close);
    }

    @Test
    void nodes_that_trust_each_other_talk_over_tls() throws Exception {
        Vertx client = clientOfEchoNode("node.p12");

        assertThat(await(client.eventBus().request("tls.echo", "hello", new DeliveryOptions().setSendTimeout(20_000))).body())
                .isEqualTo("secret hello");
    }

    @Test
    void a_node_with_an_untrusted_key_gets_nothing_through() throws Exception {
        Vertx rogue = clientOfEchoNode("rogue.p12");

        assertThatThrownBy(() -> await(rogue.eventBus().request("tls.echo", "hello", new DeliveryOptions().setSendTimeout(5_000))))
                .hasMessageContaining("Timed out");
    }

    /** A node with the trusted key answering on {@code tls.echo}, and another node, with {@code keyStore}, of its cluster. */
    private Vertx clientOfEchoNode(String keyStore) throws Exception {
        int port = ForkedCluster.freeMemberPorts();
        String name = "tls-" + UUID.randomUUID();
        Vertx server = node(name, port, "node.p12");
        Vertx client = node(name, port, keyStore);
        await(server.eventBus().consumer("tls.echo", message -> message.reply("secret " + message.body())).completion());
        return client;
    }

    private Vertx node(String name, int port, String keyStore) throws Exception {
        ClusterConfig cluster = new ClusterConfig(true, name, "127.0.0.1", port, "", 0, List.of(), false, Optional.empty(),
                Optional.of(new ClusterConfig.Tls(stores.resolve(keyStore), PASSWORD, stores.resolve("trust.jks"), PASSWORD)));
        GatewayConfig config = gateway(stores.resolve("gateway.yaml"), cluster);
        Vertx vertx = await(Vertx.builder()
                .with(new VertxOptions().setEventBusOptions(EventBusSettings.of(config)))
                .withClusterManager(new HazelcastClusterManager(HazelcastSettings.of(config)))
                .buildClustered());
        nodes.add(vertx);
        return vertx;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(stores.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
