package dev.junction.gateway.bench;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts the gateway as {@code Main} does, but on a Vert.x with a chosen number of event loops, for
 * experiments: with the gateway pinned to one core, how much do hops between event loops cost?
 * {@code Main} leaves the count at Vert.x's default (twice the cores the JVM sees).
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.GatewayLauncher --config FILE [--event-loops N]
 * </pre>
 */
public final class GatewayLauncher {

    private GatewayLauncher() {}

    public static void main(String[] args) throws Exception {
        Path config = null;
        int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[i + 1]);
                case "--event-loops" -> eventLoops = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("usage: GatewayLauncher --config FILE [--event-loops N]");
        }
        GatewayMetrics metrics = GatewayMetrics.create();
        Vertx vertx = metrics.vertxBuilder(new VertxOptions().setEventLoopPoolSize(eventLoops)).build();
        Gateway gateway = ConfigLoader.load(vertx, config, System.getenv(), null)
                .compose(loaded -> Gateway.start(vertx, metrics, loaded))
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        System.out.println("Junction listens on port " + gateway.port() + " with " + eventLoops + " event loops");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.stop().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("the gateway did not stop cleanly: " + e);
            }
        }, "gateway-launcher-shutdown"));
    }
}
