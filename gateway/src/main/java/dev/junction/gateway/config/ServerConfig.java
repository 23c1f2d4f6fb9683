package dev.junction.gateway.config;

/**
 * Where the HTTP server listens, how large a request body it accepts, and how often an idle stream
 * gets a keep-alive.
 *
 * @param port {@code 0} picks a free port
 * @param maxBodyBytes the largest request body accepted; larger ones are refused with 413
 * @param keepAliveSeconds how long a streamed answer may stay silent before the gateway writes the
 *     dialect's keep-alive (an Anthropic {@code ping} event, an SSE comment for OpenAI callers);
 *     {@code 0} turns keep-alives off
 * @param drainSeconds on stop (SIGTERM), how long answers in flight may take to finish before they
 *     are ended with an error; new requests are refused meanwhile. Also how long a backend that a
 *     reload removes or changes may take to finish its answers.
 * @param reloadSeconds how often the configuration file is checked for changes, which then apply
 *     without a restart; {@code 0} turns reloading off
 */
public record ServerConfig(
        String host, int port, long maxBodyBytes, int keepAliveSeconds, int drainSeconds, int reloadSeconds) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 15;
    public static final int DEFAULT_DRAIN_SECONDS = 30;
    public static final int DEFAULT_RELOAD_SECONDS = 2;
}
