package dev.junction.gateway.config;

/**
 * Where the HTTP server listens, and how large a request body it accepts.
 *
 * @param port {@code 0} picks a free port
 * @param maxBodyBytes the largest request body accepted; larger ones are refused with 413
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
}
