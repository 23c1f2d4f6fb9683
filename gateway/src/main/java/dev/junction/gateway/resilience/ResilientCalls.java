package dev.junction.gateway.resilience;

import dev.junction.gateway.bus.ChatCall;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.config.ResilienceConfig;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens {@link ResilientCall}s with the configured backends' timeouts, retries and fallbacks, the
 * node's {@link CircuitBreakers}, {@link DeadlineSweeper} and {@link ThinkingSignatures}, telling a
 * {@link RecoveryListener} of each retry and fallback. Immutable; one per configuration.
 */
public final class ResilientCalls {

    private final Vertx vertx;
    private final NodeDirectory nodes;
    private final CircuitBreakers breakers;
    private final DeadlineSweeper deadlines;
    private final RecoveryListener listener;
    private final ThinkingSignatures signatures;
    private final Map<String, ResilienceConfig> configs = new LinkedHashMap<>();

    /**
     * @param nodes chooses the node that serves each attempt
     * @param deadlines watches the calls' timeouts, each on the context its call runs on
     * @param listener told of every retry and fallback
     * @param signatures the node's memory of who made each thinking signature
     */
    public ResilientCalls(
            Vertx vertx,
            NodeDirectory nodes,
            Map<String, BackendConfig> backends,
            CircuitBreakers breakers,
            DeadlineSweeper deadlines,
            RecoveryListener listener,
            ThinkingSignatures signatures) {
        this.vertx = vertx;
        this.nodes = nodes;
        this.breakers = breakers;
        this.deadlines = deadlines;
        this.listener = listener;
        this.signatures = signatures;
        backends.forEach((id, backend) -> configs.put(id, backend.resilience()));
    }

    /**
     * Whether {@code backendId} takes {@code dialect}'s clients' bytes as they are (on some node):
     * worth a {@link ChatCall#relayed} call rather than decoding first. Any thread.
     */
    public boolean relays(String backendId, String dialect) {
        return nodes.relays(backendId, dialect);
    }

    /**
     * A call of {@code backendId} for {@code model}, with its fallbacks, not started yet.
     *
     * @param answer where the answer's events go, ending in exactly one terminal event
     */
    public ResilientCall open(String backendId, String model, ChatCall request, Handler<ChatEvent> answer) {
        return new ResilientCall(
                vertx,
                nodes,
                breakers,
                deadlines,
                listener,
                signatures,
                Target.chain(backendId, model, configs),
                request,
                answer,
                ThreadLocalRandom.current());
    }
}
