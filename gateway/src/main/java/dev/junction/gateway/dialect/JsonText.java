package dev.junction.gateway.dialect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes JSON values straight into a {@link StringBuilder}, for the stream encoders' fixed shapes
 * (a frame's template around one string) where building a {@code JsonObject} per event and encoding
 * it costs more than the event. Strings are escaped by Jackson's own encoder, the one behind
 * {@code JsonObject#encode()}, so the text is the same as a tree's. Stateless, thread-safe.
 */
public final class JsonText {

    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    private JsonText() {}

    /** Appends {@code value} as a JSON string, or {@code null} when it is null; returns {@code out}. */
    public static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        ESCAPER.quoteAsString(value, out);
        return out.append('"');
    }
}
