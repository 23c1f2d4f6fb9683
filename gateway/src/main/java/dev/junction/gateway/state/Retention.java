package dev.junction.gateway.state;

import dev.junction.gateway.config.ResponsesConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which responses a store keeps: the ids it holds, oldest first, with their sizes and when each
 * expires, and which to drop so that the store stays within its bounds (count, bytes, time). Every
 * response lives as long, so the first to expire are the oldest. Not thread-safe: its store
 * guards it.
 */
final class Retention {

    private record Held(long bytes, long expiresAtMillis) {}

    private final ResponsesConfig.Store bounds;
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
    private long bytes;

    Retention(ResponsesConfig.Store bounds) {
        this.bounds = bounds;
    }

    /** Whether a response of {@code size} bytes may be kept at all: not when it alone is over the bound. */
    boolean fits(long size) {
        return size <= bounds.maxBytes();
    }

    /**
     * Counts {@code id} (of {@code size} bytes, which {@link #fits}) as kept from {@code nowMillis};
     * returns the ids to drop: those expired and then the oldest, until the bounds hold again.
     */
    List<String> add(String id, long size, long nowMillis) {
        List<String> dropped = expire(nowMillis);
        remove(id);
        held.put(id, new Held(size, nowMillis + bounds.ttl().toMillis()));
        bytes += size;
        Iterator<Map.Entry<String, Held>> oldest = held.entrySet().iterator();
        while (held.size() > bounds.maxResponses() || bytes > bounds.maxBytes()) {
            Map.Entry<String, Held> entry = oldest.next();
            bytes -= entry.getValue().bytes();
            dropped.add(entry.getKey());
            oldest.remove();
        }
        return dropped;
    }

    /** Forgets {@code id}; whether it was counted. */
    boolean remove(String id) {
        Held removed = held.remove(id);
        if (removed != null) {
            bytes -= removed.bytes();
        }
        return removed != null;
    }

    /** Forgets the ids expired at {@code nowMillis} and returns them. */
    List<String> expire(long nowMillis) {
        List<String> expired = new ArrayList<>();
        Iterator<Map.Entry<String, Held>> oldest = held.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Held> entry = oldest.next();
            if (entry.getValue().expiresAtMillis() > nowMillis) {
                break;
            }
            bytes -= entry.getValue().bytes();
            expired.add(entry.getKey());
            oldest.remove();
        }
        return expired;
    }
}
