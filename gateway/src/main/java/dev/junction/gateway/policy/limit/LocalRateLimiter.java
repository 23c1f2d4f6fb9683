package dev.junction.gateway.policy.limit;

import dev.junction.gateway.config.KeyLimits;
import io.vertx.core.Future;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link RateLimiter} counting in this process: one {@link KeyWindow} per key name. Thread-safe. */
final class LocalRateLimiter implements RateLimiter {

    /** The node every request of this process's windows is counted for. */
    private static final String THIS_NODE = "local";

    private final InstantSource clock;
    private final ConcurrentMap<String, KeyWindow> windows = new ConcurrentHashMap<>();

    LocalRateLimiter(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public Future<Admission> admit(String key, KeyLimits limits) {
        return Future.succeededFuture(
                windows.computeIfAbsent(key, name -> new KeyWindow()).admit(limits, clock.instant(), THIS_NODE));
    }

    @Override
    public Future<Void> end(String key, long tokens) {
        KeyWindow window = windows.get(key);
        if (window != null) {
            window.end(tokens, clock.instant(), THIS_NODE);
        }
        return Future.succeededFuture();
    }
}
