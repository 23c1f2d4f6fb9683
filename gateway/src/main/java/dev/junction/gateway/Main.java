package dev.junction.gateway;

import dev.junction.gateway.config.ConfigException;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Junction: {@code java -jar junction-gateway.jar [--config FILE] [--port N]}. The
 * configuration file defaults to {@code $JUNCTION_CONFIG}, else {@code config/gateway.yaml}.
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
        // One event loop per core, as nginx runs one worker per core: a request and its backend's
        // events then stay on one thread where the gateway has one core.
        GatewayMetrics metrics = GatewayMetrics.create();
        Vertx vertx = metrics.vertxBuilder(
                        new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()))
                .build();
        try {
            Gateway gateway = ConfigLoader.load(vertx, commandLine.config(), System.getenv(), commandLine.port())
                    .compose(config -> Gateway.start(vertx, metrics, config)
                            .onSuccess(started -> LOG.info(
                                    "Junction listens on http://{}:{} (config {})",
                                    config.server().host(), started.port(), config.source())))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, gateway), "junction-shutdown"));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            System.err.println(cause instanceof ConfigException ? cause.getMessage() : "Junction failed to start: " + cause);
            vertx.close();
            System.exit(1);
        }
    }

    private static void stop(Vertx vertx, Gateway gateway) {
        try {
            gateway.stop().compose(stopped -> vertx.close()).toCompletionStage().toCompletableFuture()
                    .get(gateway.drainTimeout().toSeconds() + 30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Junction did not stop cleanly: {}", e.toString());
        }
    }

    /** The command line: where the configuration is and an optional port override. */
    record CommandLine(Path config, Integer port) {

        static final String USAGE = "usage: java -jar junction-gateway.jar [--config FILE] [--port N]";

        static CommandLine parse(String[] args, java.util.Map<String, String> env) {
            Path config = ConfigLoader.defaultFile(env);
            Integer port = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--config" -> config = Path.of(value(args, ++i, arg));
                    case "--port" -> port = port(value(args, ++i, arg));
                    case "--help", "-h" -> throw new IllegalArgumentException("Junction, an LLM gateway.");
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            return new CommandLine(config, port);
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
