package dev.junction.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code responses:} section: how the gateway keeps the answers of the OpenAI Responses API,
 * which {@code GET /v1/responses/{id}} reads and {@code previous_response_id} continues. Applies
 * after a restart.
 */
public record ResponsesConfig(Store store) {

    public static final ResponsesConfig DEFAULTS = new ResponsesConfig(Store.DEFAULTS);

    public ResponsesConfig {
        Objects.requireNonNull(store, "store");
    }

    /**
     * The bounds of the store of one node ({@code responses.store:}); past either bound the oldest
     * responses go first.
     *
     * @param maxResponses the responses kept at most (default 10000)
     * @param maxBytes the size of their JSON (the response and its input items) at most (default 64 MiB)
     * @param ttlSeconds how long a response is kept after it was made (default 3600)
     */
    public record Store(int maxResponses, long maxBytes, int ttlSeconds) {

        public static final Store DEFAULTS = new Store(10_000, 64L * 1024 * 1024, 3600);

        public Duration ttl() {
            return Duration.ofSeconds(ttlSeconds);
        }
    }
}
