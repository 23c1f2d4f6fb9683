package dev.junction.gateway.resilience;

import dev.junction.gateway.config.ResilienceConfig;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Vert.x {@link CircuitBreaker} per backend id on this node, made on first use and kept for the
 * gateway's life, across configuration reloads; a backend whose {@code circuitBreaker} settings
 * changed gets a fresh, closed breaker. The breakers count failures only: the gateway applies its own
 * timeouts and retries. Each backend's last failure that counted is kept, to say why a circuit is
 * open. A circuit that opens or closes is logged. Thread-safe.
 */
public final class CircuitBreakers {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakers.class);

    /** How far back failures count: those older than this never open a circuit. */
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final Map<String, Entry> byBackend = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailures = new ConcurrentHashMap<>();

    private record Entry(ResilienceConfig.Breaker settings, CircuitBreaker breaker) {}

    public CircuitBreakers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The breaker of {@code backendId}, made anew when it has none or its settings changed. */
    CircuitBreaker of(String backendId, ResilienceConfig.Breaker settings) {
        Entry known = byBackend.get(backendId);
        if (known != null && known.settings().equals(settings)) {
            return known.breaker(); // every request but the first after a change: no lock
        }
        return byBackend.compute(backendId, (id, entry) -> {
                    if (entry != null && entry.settings().equals(settings)) {
                        return entry;
                    }
                    if (entry != null) {
                        entry.breaker().close();
                    }
                    return new Entry(settings, create(id, settings));
                })
                .breaker();
    }

    private CircuitBreaker create(String backendId, ResilienceConfig.Breaker settings) {
        return CircuitBreaker.create("junction.backend." + backendId, vertx, options(settings))
                .openHandler(opened -> LOG.warn(
                        "Backend {}: circuit breaker open after {} failures; a trial request goes through in {} s",
                        backendId,
                        settings.failures(),
                        settings.resetSeconds()))
                .closeHandler(closed -> LOG.info("Backend {}: circuit breaker closed", backendId));
    }

    /** Notes the message of a failure that counted against {@code backendId}. */
    void failed(String backendId, String message) {
        lastFailures.put(backendId, message);
    }

    /** Why {@code backendId}'s circuit is open: its last failure that counted, if any. */
    public String openReason(String backendId) {
        String last = lastFailures.get(backendId);
        return "its circuit breaker is open after repeated failures" + (last == null ? "" : " (the last: " + last + ")");
    }

    /** The state of {@code backendId}'s circuit; closed for a backend no request has tried yet. */
    public CircuitBreakerState state(String backendId) {
        Entry entry = byBackend.get(backendId);
        return entry == null ? CircuitBreakerState.CLOSED : entry.breaker().state();
    }

    private static CircuitBreakerOptions options(ResilienceConfig.Breaker settings) {
        return new CircuitBreakerOptions()
                .setMaxFailures(settings.failures() == 0 ? Integer.MAX_VALUE : settings.failures())
                .setResetTimeout(settings.resetSeconds() * 1000L)
                .setFailuresRollingWindow(FAILURE_WINDOW.toMillis())
                .setTimeout(-1)
                .setMaxRetries(0)
                .setNotificationAddress(null);
    }
}
