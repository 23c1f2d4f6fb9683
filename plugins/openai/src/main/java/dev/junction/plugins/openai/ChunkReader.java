package dev.junction.plugins.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a streamed chunk's text straight into a {@link ChatChunk} with a streaming parser: no tree
 * of the chunk is built, and the fields the decoder does not read are skipped. Reads what
 * {@code new JsonObject(data)} would accept (Vert.x's parser, its settings) and nothing else, and
 * gives each field the meaning the tree's lenient reading gives it ({@link JsonFields}); the last of
 * a repeated key wins, as in a tree. Stateless, thread-safe.
 */
final class ChunkReader {

    private ChunkReader() {}

    /**
     * @throws BackendException with {@link ErrorKind#UPSTREAM} when {@code data} is not one JSON object
     */
    static ChatChunk read(String data) {
        try (JsonParser parser = JacksonCodec.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(data);
            }
            ChatChunk chunk = chunk(parser);
            if (parser.nextToken() != null) {
                throw notAnObject(data);
            }
            return chunk;
        } catch (IOException | DecodeException e) {
            throw notAnObject(data);
        }
    }

    private static BackendException notAnObject(String data) {
        String start = data.length() > 80 ? data.substring(0, 80) + "…" : data;
        return new BackendException(
                ErrorKind.UPSTREAM, "the upstream sent a chunk that is not a JSON object: " + start);
    }

    private static ChatChunk chunk(JsonParser parser) throws IOException {
        String id = null;
        String model = null;
        boolean hasChoices = false;
        List<ChatChunk.Choice> first = List.of();
        ChatEvent.Usage usage = null;
        Object error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = nonEmpty(parser);
                case "model" -> model = nonEmpty(parser);
                case "choices" -> {
                    hasChoices = false;
                    first = List.of();
                    if (value == JsonToken.START_ARRAY) {
                        first = new ArrayList<>(1);
                        hasChoices = choices(parser, first);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "usage" -> usage = value == JsonToken.START_OBJECT ? usage(parser) : skip(parser, null);
                case "error" -> error = tree(JacksonCodec.parseValue(parser));
                default -> parser.skipChildren();
            }
        }
        return new ChatChunk(id, model, hasChoices, first, usage, error);
    }

    /** Adds the choices at index 0 to {@code first}; whether the array has any element. */
    private static boolean choices(JsonParser parser, List<ChatChunk.Choice> first) throws IOException {
        boolean any = false;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            any = true;
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            int index = 0;
            ChatChunk.Delta delta = null;
            String finishReason = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "index" -> index = integer(parser);
                    case "delta" -> delta = value == JsonToken.START_OBJECT ? delta(parser) : skip(parser, null);
                    case "finish_reason" -> finishReason = string(parser);
                    default -> parser.skipChildren();
                }
            }
            if (index == 0) {
                first.add(new ChatChunk.Choice(delta, finishReason));
            }
        }
        return any;
    }

    private static ChatChunk.Delta delta(JsonParser parser) throws IOException {
        String reasoningContent = null;
        String reasoning = null;
        String content = null;
        String refusal = null;
        List<ChatChunk.ToolCallPiece> calls = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "content" -> content = string(parser);
                case "reasoning_content" -> reasoningContent = nonEmpty(parser);
                case "reasoning" -> reasoning = nonEmpty(parser);
                case "refusal" -> refusal = string(parser);
                case "tool_calls" -> calls = value == JsonToken.START_ARRAY ? toolCalls(parser) : skip(parser, List.of());
                default -> parser.skipChildren();
            }
        }
        return new ChatChunk.Delta(reasoningContent != null ? reasoningContent : reasoning, content, refusal, calls);
    }

    private static List<ChatChunk.ToolCallPiece> toolCalls(JsonParser parser) throws IOException {
        List<ChatChunk.ToolCallPiece> calls = new ArrayList<>(1);
        JsonToken token;
        for (int position = 0; (token = parser.nextToken()) != JsonToken.END_ARRAY; position++) {
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            Integer index = null;
            String id = null;
            String name = null;
            String arguments = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "index" -> index = value.isNumeric() ? parser.getNumberValue().intValue() : skip(parser, null);
                    case "id" -> id = string(parser);
                    case "function" -> {
                        name = null;
                        arguments = null;
                        if (value == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String inner = parser.currentName();
                                parser.nextToken();
                                switch (inner) {
                                    case "name" -> name = string(parser);
                                    case "arguments" -> arguments = string(parser);
                                    default -> parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            calls.add(new ChatChunk.ToolCallPiece(index != null ? index : position, id, name, arguments));
        }
        return calls;
    }

    private static ChatEvent.Usage usage(JsonParser parser) throws IOException {
        int prompt = 0;
        int completion = 0;
        int cached = 0;
        int reasoning = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "prompt_tokens" -> prompt = integer(parser);
                case "completion_tokens" -> completion = integer(parser);
                case "prompt_tokens_details" -> cached = value == JsonToken.START_OBJECT
                        ? detail(parser, "cached_tokens")
                        : skip(parser, 0);
                case "completion_tokens_details" -> reasoning = value == JsonToken.START_OBJECT
                        ? detail(parser, "reasoning_tokens")
                        : skip(parser, 0);
                default -> parser.skipChildren();
            }
        }
        return ChatChunk.usage(prompt, completion, cached, reasoning);
    }

    /** The number at {@code key} in the object the parser is at the start of; 0 when missing. */
    private static int detail(JsonParser parser, String key) throws IOException {
        int count = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = parser.currentName().equals(key);
            parser.nextToken();
            if (wanted) {
                count = integer(parser);
            } else {
                parser.skipChildren();
            }
        }
        return count;
    }

    /** The current value when it is a string; else skips it. */
    private static String string(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, null);
    }

    private static String nonEmpty(JsonParser parser) throws IOException {
        String text = string(parser);
        return text == null || text.isEmpty() ? null : text;
    }

    /** The current value when it is a number (its {@code int} value, as {@link Number#intValue}); else 0. */
    private static int integer(JsonParser parser) throws IOException {
        return parser.currentToken().isNumeric() ? parser.getNumberValue().intValue() : skip(parser, 0);
    }

    private static <T> T skip(JsonParser parser, T value) throws IOException {
        parser.skipChildren();
        return value;
    }

    /** A parsed value as a tree's {@code getValue} gives it: maps and lists wrapped. */
    @SuppressWarnings("unchecked")
    private static Object tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new JsonObject((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return new JsonArray(list);
        }
        return value;
    }
}
