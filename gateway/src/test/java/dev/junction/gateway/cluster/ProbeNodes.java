package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.bus.NodeAnnouncement;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.eventbus.impl.EventBusImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The nodes of the cluster tests: gateways with the same backends, {@code probe} on the
 * {@link NodeNamedBackendFactory} plugin (whose JAR a node may lack) and {@code ghost} on a plugin
 * no node has, each in a folder of its own, the node's name in the probe's options.
 */
public final class ProbeNodes {

    static final String PLUGIN = "node-named";

    /** Probe settings whose circuit opens at the first failure that counts against the backend. */
    static final String STRICT_BREAKER = "    circuitBreaker: {failures: 1, resetSeconds: 600}\n";

    private ProbeNodes() {}

    /**
     * Starts node {@code name} in {@code cluster}.
     *
     * @param withPlugin whether the node's plugin folder holds the probe's JAR
     * @param options more options of the probe, as YAML flow entries ({@code "hold: true"}); empty for none
     */
    static TestGateway start(InProcessCluster cluster, Path root, String name, boolean withPlugin, String options) {
        return start(cluster, root, name, withPlugin, options, "", null);
    }

    /**
     * As {@link #start(InProcessCluster, Path, String, boolean, String)}, with more settings of the
     * probe ({@code probeYaml}, lines indented by four) and the access log lines going to {@code accessLog}.
     */
    static TestGateway start(
            InProcessCluster cluster,
            Path root,
            String name,
            boolean withPlugin,
            String options,
            String probeYaml,
            Consumer<String> accessLog) {
        Path dir = root.resolve(name + "-" + System.nanoTime());
        Path plugins = dir.resolve("plugins");
        try {
            Files.createDirectories(plugins);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (withPlugin) {
            PluginJar.write(plugins, PLUGIN, ">=0.1.0", NodeNamedBackendFactory.class,
                    NodeNamedBackendFactory.class, NodeNamedBackendFactory.NodeNamedBackend.class);
        }
        return TestGateway.builder(dir)
                .cluster(cluster)
                .plugins(plugins)
                .server("  drainSeconds: 30\n")
                .accessLog(accessLog)
                .backends("  probe:\n    plugin: " + PLUGIN + "\n    models: [who, slow, held, words, endless, many]\n"
                        + "    options: {node: " + name + (options.isEmpty() ? "" : ", " + options) + "}\n"
                        + probeYaml
                        + "  ghost:\n    plugin: no-such-plugin\n    models: [ghost]\n")
                .start();
    }

    /** Waits until {@code on}'s directory shows {@code node}'s announcement as {@code state} says. */
    public static void awaitSeen(TestGateway on, TestGateway node, Predicate<NodeAnnouncement> state) {
        String id = node.nodes().self();
        await("node " + id + " as seen from " + on.nodes().self(), () -> {
            NodeAnnouncement seen = on.nodes().nodes().get(id);
            return seen != null && state.test(seen);
        });
    }

    /**
     * How many addresses of exchanges (their events, cancels, credits) {@code node} has consumers
     * for: none once its answers are done, on the front end and the backend side alike. Read from
     * Vert.x's event bus by reflection, as it tells no count.
     */
    static long exchangeAddresses(TestGateway node) {
        try {
            Field handlers = EventBusImpl.class.getDeclaredField("handlerMap");
            handlers.setAccessible(true);
            return ((Map<?, ?>) handlers.get(node.vertx().eventBus())).keySet().stream()
                    .filter(address -> address.toString().startsWith("junction.exchange."))
                    .count();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code node} has no consumer of an exchange left (a cancelled one keeps its own a few seconds). */
    static void awaitNoExchangeLeft(TestGateway node) {
        await("exchange consumers on " + node.nodes().self(), () -> exchangeAddresses(node) == 0);
    }

    /** Waits until {@code condition} holds, up to 20 s; polling, for what only shows in state. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
