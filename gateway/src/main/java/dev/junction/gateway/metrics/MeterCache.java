package dev.junction.gateway.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters registered once per name and tag values, then found again by a map lookup. Micrometer's
 * builders register on every call, building and sorting the tags each time, which costs more than
 * a request's own work on the gateway's hot path. Tag values are bounded (see
 * {@link GatewayMetrics}), so the cache is too. Thread-safe.
 */
final class MeterCache {

    private record Key(String name, List<String> tags) {}

    private final Map<Key, Meter> meters = new ConcurrentHashMap<>();

    /**
     * The meter {@code name} with the tags {@code keyValues} (name, value pairs), registered by
     * {@code register} the first time.
     */
    @SuppressWarnings("unchecked")
    <M extends Meter> M get(String name, Function<Tags, M> register, String... keyValues) {
        Key key = new Key(name, List.of(keyValues));
        Meter meter = meters.get(key);
        if (meter == null) {
            meter = meters.computeIfAbsent(key, absent -> register.apply(Tags.of(keyValues)));
        }
        return (M) meter;
    }
}
