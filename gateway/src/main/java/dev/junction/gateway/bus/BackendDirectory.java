package dev.junction.gateway.bus;

import dev.junction.plugin.Availability;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Asks running backends, wherever they are hosted, about themselves. */
public final class BackendDirectory {

    private static final long INFO_TIMEOUT_MS = 5_000;

    /** What a backend says of itself. {@code hosted} is false when no node runs it. */
    public record BackendInfo(boolean hosted, Availability availability, List<String> models) {}

    private final Vertx vertx;

    public BackendDirectory(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The backend's state; never fails (an unreachable backend is reported as such). */
    public Future<BackendInfo> info(String backendId) {
        return vertx.eventBus()
                .<JsonObject>request(
                        Addresses.backendInfo(backendId), new JsonObject(), new DeliveryOptions().setSendTimeout(INFO_TIMEOUT_MS))
                .map(reply -> decode(reply.body()))
                .recover(failure -> Future.succeededFuture(unreachable(failure)));
    }

    /** The reply a backend gives to {@link #info}. */
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
        return new BackendInfo(true, availability, models);
    }

    private static BackendInfo unreachable(Throwable failure) {
        boolean noNode = failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
        String reason = noNode ? "no node runs this backend" : "did not answer: " + failure.getMessage();
        return new BackendInfo(!noNode, Availability.unavailable(reason), List.of());
    }
}
