package dev.junction.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message an upstream gave with a failed answer, bounded: upstreams quote what the client sent
 * (OpenAI's {@code Invalid value: '…'} names the role or type it refused), and the message goes back
 * to the client, into the logs and the metrics. Pure.
 */
final class UpstreamMessage {

    static final int MAX_RAW_CHARS = 500;
    /** The longest stretch without whitespace kept whole: a quoted value longer is cut. */
    static final int MAX_WORD_CHARS = 100;
    private static final Pattern LONG_WORD = Pattern.compile("\\S{" + (MAX_WORD_CHARS + 1) + ",}");

    private UpstreamMessage() {}

    /**
     * {@code error.message} (OpenAI, Anthropic, Gemini, also inside a one-element array), a string
     * {@code error}, {@code message} or {@code detail}; else the body with whitespace collapsed; else
     * the status text. At most {@value #MAX_RAW_CHARS} characters of it, and of each stretch without
     * whitespace its first {@value #MAX_WORD_CHARS}, followed by how long it was.
     */
    static String of(int status, Buffer body) {
        return bounded(unbounded(status, body));
    }

    private static String unbounded(int status, Buffer body) {
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
        return raw;
    }

    private static String bounded(String message) {
        String words = LONG_WORD.matcher(message).replaceAll(word -> Matcher.quoteReplacement(
                head(word.group(), MAX_WORD_CHARS) + "… (" + word.group().length() + " characters)"));
        return words.length() > MAX_RAW_CHARS ? head(words, MAX_RAW_CHARS) + "…" : words;
    }

    /** The first {@code chars} characters of {@code text}, one fewer rather than half a surrogate pair. */
    private static String head(String text, int chars) {
        return text.substring(0, Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars);
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
