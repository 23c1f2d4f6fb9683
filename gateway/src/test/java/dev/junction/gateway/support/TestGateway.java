package dev.junction.gateway.support;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
    private Future<Void> stopped;

    private TestGateway(Vertx vertx, Gateway gateway) {
        this.vertx = vertx;
        this.gateway = gateway;
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
        Path file = workDir.resolve("gateway.yaml");
        String yaml = "server:\n  host: 127.0.0.1\n  port: 0\n" + serverYaml
                + "plugins:\n  dir: " + pluginsDir.toAbsolutePath() + "\n"
                + (authYaml.isEmpty() ? "" : "auth:\n" + authYaml)
                + "backends:\n" + backendsYaml;
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Vertx vertx = Vertx.vertx();
        try {
            Gateway gateway = await(ConfigLoader.load(vertx, file, Map.of(), null).compose(config -> Gateway.start(vertx, config, accessLog)));
            return new TestGateway(vertx, gateway);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** The echo plugin under the id and model {@code echo}. */
    public static String echoBackend() {
        return "  echo:\n    plugin: echo\n    models: [echo]\n";
    }

    public int port() {
        return gateway.port();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public Vertx vertx() {
        return vertx;
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
