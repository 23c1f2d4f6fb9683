package dev.junction.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.http.SseEvent;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the fixtures under {@code src/test/resources/golden/} and compares against them. */
final class Golden {

    private Golden() {}

    static String text(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture golden/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code actual} is exactly the JSON of the fixture (key order aside). */
    static void assertJson(String path, JsonObject actual) {
        JsonObject expected = new JsonObject(text(path));
        // Through text and back, so that numbers compare by value whatever their Java type.
        JsonObject reparsed = new JsonObject(actual.encode());
        assertThat(sorted(reparsed).encodePrettily())
                .as("golden/%s", path)
                .isEqualTo(sorted(expected).encodePrettily());
    }

    private static Object sorted(Object value) {
        if (value instanceof JsonObject object) {
            JsonObject out = new JsonObject();
            object.fieldNames().stream().sorted().forEach(name -> out.put(name, sorted(object.getValue(name))));
            return out;
        }
        if (value instanceof JsonArray array) {
            JsonArray out = new JsonArray();
            array.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return value;
    }

    private static JsonObject sorted(JsonObject object) {
        return (JsonObject) sorted((Object) object);
    }

    /**
     * The events of a recorded stream as Gemini sends them: {@code data:} lines, events separated
     * by a blank line, CRLF or LF line ends.
     */
    static List<SseEvent> sse(String path) {
        List<SseEvent> events = new ArrayList<>();
        String name = null;
        StringBuilder data = null;
        for (String line : text(path).split("\r\n|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(name, data.toString()));
                }
                name = null;
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            }
        }
        if (data != null) {
            events.add(new SseEvent(name, data.toString()));
        }
        return events;
    }

    /** A canonical event as JSON: its type and its non-null components. */
    static JsonObject json(ChatEvent event) {
        JsonObject out = new JsonObject().put("type", event.getClass().getSimpleName());
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(event);
                if (value != null) {
                    out.put(component.getName(), value instanceof Enum<?> constant ? constant.name() : value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Asserts the events are exactly those of the fixture, a JSON array with one object per event. */
    static void assertEvents(String path, List<ChatEvent> actual) {
        JsonArray expected = new JsonArray(text(path));
        List<String> want = expected.stream().map(item -> sorted((JsonObject) item).encode()).toList();
        List<String> got = actual.stream()
                .map(event -> sorted(new JsonObject(json(event).encode())).encode())
                .toList();
        assertThat(got).as("golden/%s", path).containsExactlyElementsOf(want);
    }
}
