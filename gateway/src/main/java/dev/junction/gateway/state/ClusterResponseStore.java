package dev.junction.gateway.state;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.ResponsesConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ResponseStore} in a Hazelcast map that every node of the cluster shares: a response one
 * node stored is read, continued and deleted through any other. Each entry carries the TTL, so
 * Hazelcast expires it on every node alike; one synchronous backup keeps it when its owner member
 * dies. The count and byte bounds hold for the responses each node stored ({@link Retention}): past
 * them, a node deletes the oldest of its own; a node that leaves leaves its responses to their TTL.
 * Only Hazelcast's asynchronous calls are made, their answers handed to the caller's context, where
 * the JSON is decoded.
 */
final class ClusterResponseStore implements ResponseStore {

    /** The Hazelcast map of the responses, by id, each the text {@link StoredResponse#encode} makes. */
    static final String MAP = "junction.responses";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterResponseStore.class);

    private final Vertx vertx;
    private final IMap<String, String> responses;
    private final ResponsesConfig.Store bounds;
    private final InstantSource clock;
    private final Retention retention;

    private ClusterResponseStore(
            Vertx vertx, IMap<String, String> responses, ResponsesConfig.Store bounds, InstantSource clock) {
        this.vertx = vertx;
        this.responses = responses;
        this.bounds = bounds;
        this.clock = clock;
        this.retention = new Retention(bounds);
    }

    /** Configures the map (the same on every node) and opens it. Blocks: call it off the event loop. */
    static ClusterResponseStore start(Membership membership, Vertx vertx, ResponsesConfig.Store bounds, InstantSource clock) {
        HazelcastInstance hazelcast = membership.hazelcast().orElseThrow();
        hazelcast.getConfig().addMapConfig(new MapConfig(MAP).setBackupCount(1).setAsyncBackupCount(0));
        return new ClusterResponseStore(vertx, hazelcast.getMap(MAP), bounds, clock);
    }

    @Override
    public Future<Void> put(StoredResponse response) {
        long size = response.bytes();
        List<String> dropped;
        synchronized (retention) {
            if (!retention.fits(size)) {
                return Future.succeededFuture();
            }
            dropped = retention.add(response.id(), size, clock.millis());
        }
        Context context = vertx.getOrCreateContext();
        String encoded = response.encode();
        dropped.forEach(id -> responses.deleteAsync(id).whenComplete((deleted, failure) -> {
            if (failure != null) {
                LOG.debug("Could not drop the stored response {}: {}", id, failure.toString());
            }
        }));
        return Future.fromCompletionStage(
                responses.setAsync(response.id(), encoded, bounds.ttlSeconds(), TimeUnit.SECONDS), context);
    }

    @Override
    public Future<Optional<StoredResponse>> get(String owner, String id) {
        return Future.fromCompletionStage(responses.getAsync(id), vertx.getOrCreateContext())
                .map(text -> Optional.ofNullable(text)
                        .map(StoredResponse::decode)
                        .filter(response -> response.owner().equals(owner)));
    }

    @Override
    public Future<Boolean> delete(String owner, String id) {
        Context context = vertx.getOrCreateContext();
        return get(owner, id).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(false);
            }
            synchronized (retention) {
                retention.remove(id);
            }
            return Future.fromCompletionStage(responses.deleteAsync(id), context).map(deleted -> true);
        });
    }
}
