package dev.junction.gateway.support;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.ReloadReport;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.state.ResponseStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A gateway started in-process on a random loopback port from a YAML configuration, with the
 * plugin JARs the build put in {@code target/plugins} (or another folder).
 */
public final class TestGateway implements AutoCloseable {

    /** The folder the build copies the bundled plugin JARs into. */
    public static final Path BUILT_PLUGINS = Path.of(System.getProperty("junction.pluginsDir", "../target/plugins"));

    private final Vertx vertx;
    private final Gateway gateway;
    private final Path configFile;
    private Future<Void> stopped;

    private TestGateway(Vertx vertx, Gateway gateway, Path configFile) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.configFile = configFile;
    }

    /** A gateway with the bundled plugins and the {@code backends:} section {@code backendsYaml}. */
    public static TestGateway start(Path workDir, String backendsYaml) {
        return start(workDir, BUILT_PLUGINS, backendsYaml);
    }

    public static TestGateway start(Path workDir, Path pluginsDir, String backendsYaml) {
        return start(workDir, pluginsDir, backendsYaml, "");
    }

    /** @param serverYaml extra lines for the {@code server:} section, indented by two spaces */
    public static TestGateway start(Path workDir, Path pluginsDir, String backendsYaml, String serverYaml) {
        return start(workDir, pluginsDir, backendsYaml, serverYaml, "", null);
    }

    /** A gateway with the bundled plugins and an {@code auth:} section ({@code authYaml}, lines indented by two). */
    public static TestGateway withAuth(Path workDir, String backendsYaml, String authYaml) {
        return start(workDir, BUILT_PLUGINS, backendsYaml, "", authYaml, null);
    }

    /** @param accessLog where the access log lines go; null for the {@code junction.access} logger */
    public static TestGateway start(
            Path workDir, Path pluginsDir, String backendsYaml, String serverYaml, Consumer<String> accessLog) {
        return start(workDir, pluginsDir, backendsYaml, serverYaml, "", accessLog);
    }

    /**
     * @param authYaml lines for the {@code auth:} section, indented by two spaces; empty for none
     * @param accessLog where the access log lines go; null for the {@code junction.access} logger
     */
    public static TestGateway start(
            Path workDir,
            Path pluginsDir,
            String backendsYaml,
            String serverYaml,
            String authYaml,
            Consumer<String> accessLog) {
        return builder(workDir)
                .plugins(pluginsDir)
                .backends(backendsYaml)
                .server(serverYaml)
                .auth(authYaml)
                .accessLog(accessLog)
                .start();
    }

    /** A gateway to configure section by section; {@link Builder#start} writes {@code gateway.yaml} in {@code workDir}. */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** The configuration of a test gateway, section by section; each section's lines are indented by two spaces. */
    public static final class Builder {

        private final Path workDir;
        private Path pluginsDir = BUILT_PLUGINS;
        private String pluginsYaml = "";
        private String backendsYaml = echoBackend();
        private String serverYaml = "";
        private String authYaml = "";
        private Consumer<String> accessLog;
        private InProcessCluster cluster;

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        public Builder plugins(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        /** Extra lines for the {@code plugins:} section ({@code dir} is always there). */
        public Builder pluginOptions(String yaml) {
            this.pluginsYaml = yaml;
            return this;
        }

        /** The {@code backends:} section (the echo backend when not set). */
        public Builder backends(String yaml) {
            this.backendsYaml = yaml;
            return this;
        }

        /** Extra lines for the {@code server:} section (host and port 0 are always there). */
        public Builder server(String yaml) {
            this.serverYaml = yaml;
            return this;
        }

        /** The {@code auth:} section; empty for none. */
        public Builder auth(String yaml) {
            this.authYaml = yaml;
            return this;
        }

        /** Where the access log lines go; null for the {@code junction.access} logger. */
        public Builder accessLog(Consumer<String> sink) {
            this.accessLog = sink;
            return this;
        }

        /** Starts the gateway as a member of {@code cluster} (on a clustered Vert.x of its own). */
        public Builder cluster(InProcessCluster cluster) {
            this.cluster = cluster;
            return this;
        }

        /** The whole file as {@link #start} writes it. */
        public String yaml() {
            return "server:\n  host: 127.0.0.1\n  port: 0\n" + serverYaml
                    + "plugins:\n  dir: " + pluginsDir.toAbsolutePath() + "\n" + pluginsYaml
                    + (authYaml.isEmpty() ? "" : "auth:\n" + authYaml)
                    + "backends:\n" + backendsYaml;
        }

        /** Writes {@code workDir/gateway.yaml} and starts a gateway from it. */
        public TestGateway start() {
            Path file = workDir.resolve("gateway.yaml");
            try {
                Files.writeString(file, yaml());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            GatewayMetrics metrics = GatewayMetrics.create();
            Vertx vertx = cluster == null
                    ? metrics.vertxBuilder(new VertxOptions()).build()
                    : await(cluster.member(metrics));
            try {
                Gateway gateway = await(ConfigLoader.load(vertx, file, Map.of(), null)
                        .compose(config -> Gateway.start(vertx, metrics, config, accessLog)));
                return new TestGateway(vertx, gateway, file);
            } catch (RuntimeException e) {
                vertx.close();
                throw e;
            }
        }
    }

    /** The echo plugin under the id and model {@code echo}. */
    public static String echoBackend() {
        return "  echo:\n    plugin: echo\n    models: [echo]\n";
    }

    public int port() {
        return gateway.port();
    }

    /** How many HTTP server instances share the port. */
    public int httpInstances() {
        return gateway.httpInstances();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** An official OpenAI client of this gateway's {@code /v1}, sending {@code apiKey}, that never retries by itself. */
    public OpenAIClient openAi(String apiKey) {
        return openAi("/v1", apiKey);
    }

    /** The official OpenAI client at {@code base} ({@code /v1}, {@code /openai/v1}), without retries. */
    public OpenAIClient openAi(String base, String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(url(base)).apiKey(apiKey).maxRetries(0).build();
    }

    /** An official Anthropic client of this gateway (base URL without a path), sending {@code apiKey}, that never retries by itself. */
    public AnthropicClient anthropic(String apiKey) {
        return anthropic("", apiKey);
    }

    /** The official Anthropic client at {@code base} ({@code ""}, {@code /anthropic}), without retries. */
    public AnthropicClient anthropic(String base, String apiKey) {
        return AnthropicOkHttpClient.builder().baseUrl(url(base)).apiKey(apiKey).maxRetries(0).build();
    }

    /** This gateway's node id in its cluster (of one, unless its Vert.x is clustered). */
    public String nodeId() {
        return gateway.membership().nodeId();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The configuration file the gateway was started from. */
    public Path configFile() {
        return configFile;
    }

    /** Calls {@code listener} with each line the gateway's configuration watcher logs. */
    public void onReload(Consumer<ReloadReport> listener) {
        gateway.onReload(listener);
    }

    /** The nodes this gateway runs with. */
    public Membership membership() {
        return gateway.membership();
    }

    /** The node's store of Responses API answers. */
    public ResponseStore responses() {
        return gateway.responses();
    }

    /** The nodes that serve this gateway's requests, as it last heard of them. */
    public NodeDirectory nodes() {
        return gateway.nodes();
    }

    /**
     * Ends this clustered gateway as a killed process would: its Hazelcast member is terminated
     * without leaving the cluster, then its Vert.x is closed, the gateway never stopped.
     */
    public synchronized void kill() {
        gateway.membership().hazelcast().ifPresent(member -> member.getLifecycleService().terminate());
        stopped = Future.succeededFuture();
        try {
            await(vertx.close());
        } catch (RuntimeException closedWithoutItsCluster) {
            // its cluster manager is gone already: nothing else to close
        }
    }

    /** Stops the gateway (drains, undeploys, unloads) without closing Vert.x; once only. */
    public synchronized Future<Void> stop() {
        if (stopped == null) {
            stopped = gateway.stop();
        }
        return stopped;
    }

    @Override
    public void close() {
        await(stop().eventually(() -> vertx.close()));
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
