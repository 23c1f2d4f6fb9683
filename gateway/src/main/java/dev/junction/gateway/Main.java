package dev.junction.gateway;

import dev.junction.gateway.cluster.EventBusSettings;
import dev.junction.gateway.cluster.HazelcastSettings;
import dev.junction.gateway.cluster.MembershipLog;
import dev.junction.gateway.config.ConfigException;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.logging.Logging;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Junction: {@code java -jar junction-gateway.jar [--config FILE] [--port N] [--cluster]}. The
 * configuration file defaults to {@code $JUNCTION_CONFIG}, else {@code config/gateway.yaml}. The
 * configuration is read first, on a short-lived Vert.x, because it says how to build the gateway's
 * own: clustered (with {@code --cluster} or {@code cluster.enabled}) or not.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        GatewayConfig config;
        try {
            Logging.configureFrom(commandLine.config())
                    .ifPresent(file -> LOG.info("Logging configured by {}", file));
            config = load(commandLine);
        } catch (ExecutionException e) {
            exit(e.getCause(), null);
            return;
        } catch (ConfigException e) {
            exit(e, null);
            return;
        }
        boolean clustered = commandLine.cluster() || config.cluster().enabled();
        GatewayMetrics metrics = GatewayMetrics.create();
        Vertx vertx = null;
        try {
            vertx = await(vertx(metrics, config, clustered));
            Gateway gateway = await(Gateway.start(vertx, metrics, config));
            if (clustered) {
                MembershipLog.follow(gateway.membership(), config.cluster().name());
            }
            LOG.info("Junction listens on http://{}:{} (config {})", config.server().host(), gateway.port(), config.source());
            Vertx started = vertx;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, gateway), "junction-shutdown"));
        } catch (ExecutionException | ConfigException e) {
            exit(e instanceof ExecutionException ? e.getCause() : e, vertx);
        }
    }

    /** The configuration, read and validated on a Vert.x that lives for that alone. */
    private static GatewayConfig load(CommandLine commandLine) throws ExecutionException, InterruptedException {
        Vertx loader = Vertx.vertx();
        try {
            return await(ConfigLoader.load(loader, commandLine.config(), System.getenv(), commandLine.port()));
        } finally {
            loader.close();
        }
    }

    /**
     * The gateway's Vert.x, metered by {@code metrics}: clustered with Hazelcast when asked (it has
     * joined when the future completes), else standing alone. One event loop per core, as nginx runs
     * one worker per core: a request and its backend's events then stay on one thread where the
     * gateway has one core.
     */
    private static Future<Vertx> vertx(GatewayMetrics metrics, GatewayConfig config, boolean clustered) {
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors());
        if (!clustered) {
            return Future.succeededFuture(metrics.vertxBuilder(options).build());
        }
        options.setEventBusOptions(EventBusSettings.of(config));
        VertxBuilder builder = metrics.vertxBuilder(options)
                .withClusterManager(new HazelcastClusterManager(HazelcastSettings.of(config)));
        return builder.buildClustered();
    }

    private static void exit(Throwable cause, Vertx vertx) {
        System.err.println(cause instanceof ConfigException ? cause.getMessage() : "Junction failed to start: " + cause);
        if (vertx != null) {
            vertx.close();
        }
        Logging.stop();
        System.exit(1);
    }

    private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    private static void stop(Vertx vertx, Gateway gateway) {
        try {
            gateway.stop().compose(stopped -> vertx.close()).toCompletionStage().toCompletableFuture()
                    .get(gateway.drainTimeout().toSeconds() + 30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Junction did not stop cleanly: {}", e.toString());
        }
        Logging.stop();
    }

    /** The command line: where the configuration is, an optional port override, and whether to join a cluster. */
    record CommandLine(Path config, Integer port, boolean cluster) {

        static final String USAGE = "usage: java -jar junction-gateway.jar [--config FILE] [--port N] [--cluster]";

        static CommandLine parse(String[] args, java.util.Map<String, String> env) {
            Path config = ConfigLoader.defaultFile(env);
            Integer port = null;
            boolean cluster = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--config" -> config = Path.of(value(args, ++i, arg));
                    case "--port" -> port = port(value(args, ++i, arg));
                    case "--cluster" -> cluster = true;
                    case "--help", "-h" -> throw new IllegalArgumentException("Junction, an LLM gateway.");
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            return new CommandLine(config, port, cluster);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("--port needs a number from 0 to 65535, not " + text);
        }
    }
}
