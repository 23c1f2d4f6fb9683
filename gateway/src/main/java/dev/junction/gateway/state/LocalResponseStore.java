package dev.junction.gateway.state;

import dev.junction.gateway.config.ResponsesConfig;
import io.vertx.core.Future;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ResponseStore} in this process's memory. Each operation holds one lock for a few map
 * operations (no I/O, no JSON), so the event loops that share it never wait long; its futures are
 * complete when returned.
 */
final class LocalResponseStore implements ResponseStore {

    private final InstantSource clock;
    private final Map<String, StoredResponse> responses = new HashMap<>();
    private final Retention retention;

    LocalResponseStore(ResponsesConfig.Store bounds, InstantSource clock) {
        this.clock = clock;
        this.retention = new Retention(bounds);
    }

    @Override
    public Future<Void> put(StoredResponse response) {
        long size = response.bytes();
        synchronized (this) {
            if (retention.fits(size)) {
                retention.add(response.id(), size, clock.millis()).forEach(responses::remove);
                responses.put(response.id(), response);
            }
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Optional<StoredResponse>> get(String owner, String id) {
        return Future.succeededFuture(owned(owner, id));
    }

    @Override
    public synchronized Future<Boolean> delete(String owner, String id) {
        boolean found = owned(owner, id).isPresent();
        if (found) {
            responses.remove(id);
            retention.remove(id);
        }
        return Future.succeededFuture(found);
    }

    private Optional<StoredResponse> owned(String owner, String id) {
        retention.expire(clock.millis()).forEach(responses::remove);
        return Optional.ofNullable(responses.get(id)).filter(response -> response.owner().equals(owner));
    }
}
