package dev.junction.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The message an upstream gave with a failed answer. Pure. */
final class UpstreamMessage {

    static final int MAX_RAW_CHARS = 500;

    private UpstreamMessage() {}

    /**
     * {@code error.message} (OpenAI, Anthropic, Gemini, also inside a one-element array), a string
     * {@code error}, {@code message} or {@code detail}; else the body's first 500 characters with
     * whitespace collapsed; else the status text.
     */
    static String of(int status, Buffer body) {
        if (body == null || body.length() == 0) {
            return statusText(status);
        }
        String text = body.toString(java.nio.charset.StandardCharsets.UTF_8);
        String fromJson = fromJson(text);
        if (fromJson != null) {
            return fromJson;
        }
        String raw = text.strip().replaceAll("\\s+", " ");
        if (raw.isEmpty()) {
            return statusText(status);
        }
        return raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) + "…" : raw;
    }

    static String statusText(int status) {
        if (status == 529) {
            return "Overloaded";
        }
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    private static String fromJson(String text) {
        Object value;
        try {
            value = Json.decodeValue(text);
        } catch (DecodeException e) {
            return null;
        }
        if (value instanceof JsonArray array && !array.isEmpty()) {
            value = array.getValue(0);
        }
        if (!(value instanceof JsonObject object)) {
            return null;
        }
        Object error = object.getValue("error");
        if (error instanceof JsonObject inner && nonBlank(inner.getValue("message")) instanceof String message) {
            return message;
        }
        for (Object candidate : new Object[] {error, object.getValue("message"), object.getValue("detail")}) {
            if (nonBlank(candidate) instanceof String message) {
                return message;
            }
        }
        return null;
    }

    private static Object nonBlank(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
