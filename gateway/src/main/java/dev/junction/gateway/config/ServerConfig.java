package dev.junction.gateway.config;

import java.util.List;

/**
 * Where the HTTP server listens, how large a request body it accepts, how often an idle stream
 * gets a keep-alive, who may call it and how much one client may hold.
 *
 * @param port {@code 0} picks a free port
 * @param instances how many HTTP server verticles share the port, each on an event loop of its own
 *     (as Vert.x assigns them), all sharing the node's services and limits; by default one per
 *     event loop {@code Main} configures, {@link #defaultInstances()}
 * @param maxBodyBytes the largest request body accepted; larger ones are refused with 413
 * @param keepAliveSeconds how long a streamed answer may stay silent before the gateway writes the
 *     dialect's keep-alive (an Anthropic {@code ping} event, an SSE comment for OpenAI callers);
 *     {@code 0} turns keep-alives off
 * @param drainSeconds on stop (SIGTERM), how long answers in flight may take to finish before they
 *     are ended with an error; new requests are refused meanwhile. Also how long a backend that a
 *     reload removes or changes may take to finish its answers.
 * @param reloadSeconds how often the configuration file is checked for changes, which then apply
 *     without a restart; {@code 0} turns reloading off
 * @param allowedHosts with no API keys, the {@code Host} names (any port) served besides the
 *     loopback ones, in lower case
 * @param corsAllowedOrigins the browser origins ({@code scheme://host[:port]}, lower case, no
 *     default port) whose requests are served, with CORS; requests with any other {@code Origin} are
 *     refused
 * @param limits the connection and request limits
 */
public record ServerConfig(
        String host,
        int port,
        int instances,
        long maxBodyBytes,
        int keepAliveSeconds,
        int drainSeconds,
        int reloadSeconds,
        List<String> allowedHosts,
        List<String> corsAllowedOrigins,
        ConnectionLimits limits) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 15;
    public static final int DEFAULT_DRAIN_SECONDS = 30;
    public static final int DEFAULT_RELOAD_SECONDS = 2;

    /** One HTTP server instance per event loop: {@code Main} runs one event loop per core the JVM sees. */
    public static int defaultInstances() {
        return Runtime.getRuntime().availableProcessors();
    }

    public ServerConfig {
        allowedHosts = List.copyOf(allowedHosts);
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    }

    /** The default number of instances, loopback callers only, no browser origin, the default limits. */
    public ServerConfig(String host, int port, long maxBodyBytes, int keepAliveSeconds, int drainSeconds, int reloadSeconds) {
        this(host, port, defaultInstances(), maxBodyBytes, keepAliveSeconds, drainSeconds, reloadSeconds, List.of(),
                List.of(), ConnectionLimits.DEFAULTS);
    }
}
