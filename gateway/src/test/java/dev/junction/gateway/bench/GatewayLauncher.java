package dev.junction.gateway.bench;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Starts the gateway as {@code Main} does, but on a Vert.x with a chosen number of event loops, for
 * experiments: with the gateway pinned to one core, how much do hops between event loops cost?
 * {@code Main} runs one event loop per core the JVM sees (one when pinned to a core), the default
 * here too. The HTTP server instances must follow the event loops, one each: the configuration's
 * {@code server.instances} (by default one per core) must equal the event loops, else the launcher
 * refuses to start ({@code run.sh} writes it).
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.GatewayLauncher --config FILE [--event-loops N]
 * </pre>
 */
public final class GatewayLauncher {

    private GatewayLauncher() {}

    public static void main(String[] args) throws Exception {
        Path config = null;
        Integer chosenEventLoops = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[i + 1]);
                case "--event-loops" -> chosenEventLoops = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("usage: GatewayLauncher --config FILE [--event-loops N]");
        }
        int eventLoops = chosenEventLoops == null ? Runtime.getRuntime().availableProcessors() : chosenEventLoops;
        GatewayMetrics metrics = GatewayMetrics.create();
        Vertx vertx = metrics.vertxBuilder(new VertxOptions().setEventLoopPoolSize(eventLoops)).build();
        Gateway gateway;
        try {
            gateway = ConfigLoader.load(vertx, config, System.getenv(), null)
                    .compose(loaded -> Gateway.start(vertx, metrics, oneInstancePerEventLoop(loaded, eventLoops)))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            System.err.println("the gateway did not start: " + e.getCause().getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        System.out.println("Junction listens on port " + gateway.port() + " with " + eventLoops
                + " event loops and " + gateway.httpInstances() + " HTTP server instances");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.stop().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("the gateway did not stop cleanly: " + e);
            }
        }, "gateway-launcher-shutdown"));
    }

    /** {@code config}, if it has one HTTP server instance per event loop. */
    private static GatewayConfig oneInstancePerEventLoop(GatewayConfig config, int eventLoops) {
        int instances = config.server().instances();
        if (instances != eventLoops) {
            throw new IllegalArgumentException("server.instances is " + instances + " but the event loops are "
                    + eventLoops + ": set server.instances: " + eventLoops);
        }
        return config;
    }
}
