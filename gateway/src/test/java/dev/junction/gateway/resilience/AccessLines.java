package dev.junction.gateway.resilience;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A test gateway's access log, by request id: lines are written as responses end. */
final class AccessLines implements Consumer<String> {

    private final Map<String, JsonObject> byRequestId = new ConcurrentHashMap<>();

    @Override
    public synchronized void accept(String line) {
        JsonObject json = new JsonObject(line);
        byRequestId.put(json.getString("requestId"), json);
        notifyAll();
    }

    /** The line of request {@code id}, waiting up to 5 s for it. */
    synchronized JsonObject of(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!byRequestId.containsKey(id)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("no access log line for request " + id);
            }
            wait(left);
        }
        return byRequestId.get(id);
    }
}
