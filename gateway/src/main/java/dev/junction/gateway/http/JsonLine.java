package dev.junction.gateway.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * One flat JSON object written straight into text, field by field: strings (escaped by Jackson),
 * whole numbers and nulls. Cheaper than building a {@link io.vertx.core.json.JsonObject} to encode
 * it, for a line per request. Field names are the caller's constants and are written as they are.
 */
final class JsonLine {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private final StringBuilder text = new StringBuilder(400).append('{');

    JsonLine put(String name, String value) {
        if (value == null) {
            return putNull(name);
        }
        name(name).append('"');
        ENCODER.quoteAsString(value, text);
        text.append('"');
        return this;
    }

    JsonLine put(String name, long value) {
        name(name).append(value);
        return this;
    }

    /** A number, or null. */
    JsonLine put(String name, Integer value) {
        return value == null ? putNull(name) : put(name, value.longValue());
    }

    /** A number, or null. */
    JsonLine put(String name, Long value) {
        return value == null ? putNull(name) : put(name, value.longValue());
    }

    private JsonLine putNull(String name) {
        name(name).append("null");
        return this;
    }

    /** The object's text; the line is done. */
    String end() {
        return text.append('}').toString();
    }

    private StringBuilder name(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        return text.append('"').append(name).append("\":");
    }
}
