package dev.junction.gateway.state;

import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.ResponsesConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The answers of the Responses API kept for {@code GET /v1/responses/{id}}, its input items and
 * {@code previous_response_id}: bounded in count and bytes (the oldest go first) and kept for a
 * time. Each response belongs to an owner, the scope of the API key that made it; another owner
 * neither sees nor deletes it. Thread-safe; futures complete on the caller's context, and nothing
 * blocks an event loop.
 */
public interface ResponseStore {

    /** The owner of every response when the gateway asks for no API key (no key name is empty). */
    String NO_KEYS = "";

    /** Keeps {@code response}, unless it alone is larger than the byte bound; drops the oldest to stay within the bounds. */
    Future<Void> put(StoredResponse response);

    /** The response {@code id} of {@code owner}; empty when unknown, expired, dropped or another owner's. */
    Future<Optional<StoredResponse>> get(String owner, String id);

    /** Deletes the response {@code id} of {@code owner}; whether there was one to delete. */
    Future<Boolean> delete(String owner, String id);

    /**
     * The store of one gateway node, shared by its HTTP verticles: in the cluster's shared map when
     * {@code membership} is a cluster's ({@link ClusterResponseStore}, readable from every node), else
     * in this process ({@link #local}). Sets up the cluster's map off the event loop.
     */
    static Future<ResponseStore> forNode(Membership membership, Vertx vertx, ResponsesConfig.Store bounds) {
        if (membership.hazelcast().isEmpty()) {
            return Future.succeededFuture(local(bounds, InstantSource.system()));
        }
        return vertx.executeBlocking(() -> ClusterResponseStore.start(membership, vertx, bounds, InstantSource.system()));
    }

    /** Keeps responses in this process's memory, their age by {@code clock}. */
    static ResponseStore local(ResponsesConfig.Store bounds, InstantSource clock) {
        return new LocalResponseStore(bounds, clock);
    }
}
