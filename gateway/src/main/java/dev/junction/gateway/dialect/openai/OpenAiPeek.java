package dev.junction.gateway.dialect.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.RawRequest;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what relaying a Chat Completions body takes, in one streaming pass with no tree: the model
 * and where its string is, {@code stream}, {@code stream_options.include_usage}, where the token
 * limit's key is. The rest is skipped (still tokenized, so malformed JSON is caught). A body the
 * decoder would refuse or change in a way the bytes cannot follow is left to it ({@code empty}):
 * not an object, a key twice at the top, no model or an empty one, no messages or none, {@code n}
 * other than 1, both token limits, {@code stream_options} without streaming, or streaming with
 * {@code stream_options} that do not ask for the usage. Pure and thread-safe.
 */
final class OpenAiPeek {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> TOKEN_LIMITS = Set.of("max_tokens", "max_completion_tokens");

    private OpenAiPeek() {}

    static Optional<RawRequest> peek(Buffer body, Map<String, String> headers) {
        byte[] bytes = body.getBytes();
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return Optional.ofNullable(read(parser, bytes, body, headers));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static RawRequest read(JsonParser parser, byte[] bytes, Buffer body, Map<String, String> headers)
            throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int open = (int) parser.currentTokenLocation().getByteOffset();
        Set<String> seen = new HashSet<>();
        Map<String, RawRequest.Span> fields = new HashMap<>();
        String model = null;
        RawRequest.Span modelValue = null;
        boolean stream = false;
        Boolean includeUsage = null;
        boolean streamOptions = false;
        boolean messages = false;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int keyStart = (int) parser.currentTokenLocation().getByteOffset();
            if (!seen.add(name)) {
                return null;
            }
            JsonToken value = parser.nextToken();
            switch (name) {
                case "model" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    model = parser.getText();
                    modelValue = new RawRequest.Span(start, (int) parser.currentLocation().getByteOffset());
                }
                case "stream" -> {
                    if (!value.isBoolean()) {
                        return null;
                    }
                    stream = value == JsonToken.VALUE_TRUE;
                }
                case "stream_options" -> {
                    streamOptions = true;
                    includeUsage = includeUsage(parser, value);
                }
                case "n" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() != 1) {
                        return null;
                    }
                }
                case "messages" -> messages = nonEmptyArray(parser, value);
                default -> {
                    if (TOKEN_LIMITS.contains(name)) {
                        fields.put(name, key(bytes, keyStart, name));
                    }
                    parser.skipChildren();
                }
            }
        }
        if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return null;
        }
        if (model == null || model.isBlank() || !messages || fields.size() > 1 || fields.containsValue(null)) {
            return null;
        }
        if (streamOptions && !(stream && Boolean.TRUE.equals(includeUsage))) {
            return null;
        }
        if (!quoted(bytes, modelValue)) {
            return null;
        }
        return new RawRequest(
                ClientDialect.OPENAI, model, body, stream, streamOptions, headers, modelValue, fields,
                stream && !streamOptions ? open + 1 : -1);
    }

    /** {@code include_usage} of an options object: null when absent, throws when the options are odd. */
    private static Boolean includeUsage(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw new IOException("stream_options is not an object");
        }
        Boolean include = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String option = parser.currentName();
            JsonToken token = parser.nextToken();
            if (option.equals("include_usage")) {
                if (!token.isBoolean() || include != null) {
                    throw new IOException("include_usage is not one boolean");
                }
                include = token == JsonToken.VALUE_TRUE;
            } else {
                parser.skipChildren();
            }
        }
        return include;
    }

    private static boolean nonEmptyArray(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return false;
        }
        boolean any = false;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            any = true;
            parser.skipChildren();
        }
        return any;
    }

    /** Where key {@code name} is, when it is written plainly there (no escapes); else null. */
    private static RawRequest.Span key(byte[] bytes, int start, String name) {
        int end = start + name.length() + 2;
        if (end > bytes.length || bytes[start] != '"' || bytes[end - 1] != '"') {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            if (bytes[start + 1 + i] != name.charAt(i)) {
                return null;
            }
        }
        return new RawRequest.Span(start, end);
    }

    private static boolean quoted(byte[] bytes, RawRequest.Span span) {
        return span.end() - span.start() >= 2 && bytes[span.start()] == '"' && bytes[span.end() - 1] == '"';
    }
}
