package dev.junction.gateway.bus;

import dev.junction.plugin.Availability;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the backends this node runs about themselves. Each node asks its own, so that a cluster's
 * view names the node behind every answer ({@code cluster.LocalNode}).
 */
public final class BackendDirectory {

    /** What a backend says of itself (unavailable, with the reason, when this node does not run it). */
    public record BackendInfo(Availability availability, List<String> models) {}

    private final Vertx vertx;

    public BackendDirectory(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * The state of backend {@code backendId} as this node runs it, asked of its verticle here only;
     * never fails (a backend that does not answer within {@code timeout} is reported unavailable).
     */
    public Future<BackendInfo> local(String backendId, Duration timeout) {
        DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(Math.max(1, timeout.toMillis()));
        return vertx.eventBus()
                .<JsonObject>request(Addresses.backendInfo(backendId), new JsonObject(), options)
                .map(reply -> decode(reply.body()))
                .recover(failure -> Future.succeededFuture(unanswered(failure, timeout)));
    }

    /** The reply a backend gives to {@link #local}. */
    public static JsonObject encode(Availability availability, List<String> models) {
        return new JsonObject()
                .put("available", availability.available())
                .put("reason", availability.reason())
                .put("models", new JsonArray(new ArrayList<>(models)));
    }

    private static BackendInfo decode(JsonObject json) {
        List<String> models = new ArrayList<>();
        json.getJsonArray("models", new JsonArray()).forEach(model -> models.add((String) model));
        Availability availability = json.getBoolean("available", false)
                ? Availability.AVAILABLE
                : Availability.unavailable(json.getString("reason"));
        return new BackendInfo(availability, models);
    }

    private static BackendInfo unanswered(Throwable failure, Duration timeout) {
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return new BackendInfo(Availability.unavailable("this node does not run it"), List.of());
        }
        String reason = failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT
                ? "did not answer within " + timeout.toMillis() + " ms"
                : "could not describe itself: " + failure.getMessage();
        return new BackendInfo(Availability.unavailable(reason), List.of());
    }
}
