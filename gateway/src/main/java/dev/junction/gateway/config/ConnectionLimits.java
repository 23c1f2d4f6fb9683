package dev.junction.gateway.config;

/**
 * How much one client may hold of a node, the {@code server.limits:} section. Every value is
 * bounded; none turns a limit off. Applies after a restart.
 *
 * @param headerTimeoutSeconds a connection must deliver a request's complete headers this soon after
 *     it opens or after the first byte of a further request; otherwise 408 and closed (slow-loris)
 * @param bodyTimeoutSeconds how long a request body may send nothing before it is answered 408 and
 *     its connection closed
 * @param idleTimeoutSeconds how long a keep-alive connection may wait for its next request before it
 *     is closed
 * @param maxConnections open connections per node; the next ones get 503 and are closed at once
 * @param maxInFlightRequests requests being served at once per node (streams included); the next
 *     ones get 503 with {@code Retry-After} in their dialect
 * @param maxHeaderBytes the largest request head (request line excluded) accepted; larger ones get 431
 * @param maxHeaders the most header lines a request may have; more get 431
 */
public record ConnectionLimits(
        int headerTimeoutSeconds,
        int bodyTimeoutSeconds,
        int idleTimeoutSeconds,
        int maxConnections,
        int maxInFlightRequests,
        int maxHeaderBytes,
        int maxHeaders) {

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(10, 30, 60, 1024, 256, 16384, 100);
}
