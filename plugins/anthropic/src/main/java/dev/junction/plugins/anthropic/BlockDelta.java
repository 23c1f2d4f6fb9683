package dev.junction.plugins.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * What {@link MessagesStream} reads of a {@code content_block_delta} event, the stream's usual one:
 * read from the event's text with a streaming parser ({@link #read}), no tree built and the fields
 * it does not need skipped, or from a tree ({@link #of}). Fields are read as {@link Json} reads
 * them: a missing or mistyped one is {@code null}; the last of a repeated key wins, as in a tree.
 *
 * @param index the upstream's block index
 * @param type the delta's {@code type}
 * @param value the delta's field that its type names ({@code text}, {@code partial_json},
 *     {@code thinking} or {@code signature}); {@code null} for other types
 */
record BlockDelta(Integer index, String type, String value) {

    /** The delta of a parsed event. */
    static BlockDelta of(JsonObject data) {
        JsonObject delta = Json.object(data, "delta");
        String type = Json.string(delta, "type");
        String field = type == null ? null : field(type);
        return new BlockDelta(Json.integer(data, "index"), type, field == null ? null : Json.string(delta, field));
    }

    /**
     * The delta of an event's text, as {@code Json.parseObject} would accept it (Vert.x's parser,
     * its settings).
     *
     * @return {@code null} when {@code data} is not one JSON object
     */
    static BlockDelta read(String data) {
        try (JsonParser parser = JacksonCodec.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            BlockDelta delta = event(parser);
            return parser.nextToken() == null ? delta : null;
        } catch (IOException | DecodeException e) {
            return null;
        }
    }

    private static BlockDelta event(JsonParser parser) throws IOException {
        Integer index = null;
        BlockDelta delta = new BlockDelta(null, null, null);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("index")) {
                index = value.isNumeric() ? Integer.valueOf(parser.getNumberValue().intValue()) : null;
            } else if (field.equals("delta") && value == JsonToken.START_OBJECT) {
                delta = delta(parser);
            } else {
                if (field.equals("delta")) {
                    delta = new BlockDelta(null, null, null);
                }
                parser.skipChildren();
            }
        }
        return new BlockDelta(index, delta.type(), delta.value());
    }

    /** The delta object the parser is at the start of; its value is read once its type is known. */
    private static BlockDelta delta(JsonParser parser) throws IOException {
        String type = null;
        String text = null;
        String partialJson = null;
        String thinking = null;
        String signature = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            String string = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            parser.skipChildren();
            switch (field) {
                case "type" -> type = string;
                case "text" -> text = string;
                case "partial_json" -> partialJson = string;
                case "thinking" -> thinking = string;
                case "signature" -> signature = string;
                default -> {
                    // citations and whatever newer delta types carry
                }
            }
        }
        String wanted = type == null ? null : field(type);
        String named = wanted == null ? null : switch (wanted) {
            case "text" -> text;
            case "partial_json" -> partialJson;
            case "thinking" -> thinking;
            default -> signature;
        };
        return new BlockDelta(null, type, named);
    }

    /** The field holding the value of a delta of {@code type}, or {@code null} for a type without one. */
    private static String field(String type) {
        return switch (type) {
            case "text_delta" -> "text";
            case "input_json_delta" -> "partial_json";
            case "thinking_delta" -> "thinking";
            case "signature_delta" -> "signature";
            default -> null;
        };
    }
}
