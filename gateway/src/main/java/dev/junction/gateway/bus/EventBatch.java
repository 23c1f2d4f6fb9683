package dev.junction.gateway.bus;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one answer that travel in one event-bus message: what the backend emitted in one
 * turn of its event loop (typically what one upstream read brought), in order. Credit still counts
 * events, not batches ({@link Credit}); the terminal event, when there, is the last.
 *
 * @param events at least one event
 */
public record EventBatch(List<ChatEvent> events) {

    public EventBatch {
        events = List.copyOf(events);
    }

    /** The wire form between cluster nodes: {@code {"events": [...]}}, each in {@link EventWire}'s form. */
    JsonObject encode() {
        JsonArray array = new JsonArray(new ArrayList<>(events.size()));
        events.forEach(event -> array.add(EventWire.encode(event)));
        return new JsonObject().put("events", array);
    }

    /** @throws IllegalArgumentException when {@code json} is no batch of this wire form */
    static EventBatch decode(JsonObject json) {
        JsonArray array = json.getJsonArray("events");
        if (array == null || array.isEmpty()) {
            throw new IllegalArgumentException("not a batch of chat events: " + json.encode());
        }
        List<ChatEvent> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            events.add(EventWire.decode(array.getJsonObject(i)));
        }
        return new EventBatch(events);
    }
}
