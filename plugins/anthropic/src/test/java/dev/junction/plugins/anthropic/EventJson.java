package dev.junction.plugins.anthropic;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;

/**
 * A canonical event as one line of a golden fixture: {@code {"event": "TextDelta", "index": 0,
 * "text": "Hi"}}, its record components in order; {@code null} components are left out.
 */
final class EventJson {

    private EventJson() {}

    static JsonObject of(ChatEvent event) {
        JsonObject json = new JsonObject().put("event", event.getClass().getSimpleName());
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Enum<?> constant) {
                value = constant.name();
            }
            if (value != null) {
                json.put(component.getName(), value);
            }
        }
        return json;
    }
}
