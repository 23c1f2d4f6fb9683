package dev.junction.plugin.testkit;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of the canonical model in fixtures, so that they read the same in every plugin.
 *
 * <p>An event ({@link #event}) is an object naming its type and giving its record components in
 * order, {@code null} ones left out, enums by name: {@code {"event": "TextDelta", "index": 0, "text":
 * "Hi"}}.
 *
 * <p>A request ({@link #request}) has the field names of {@link ChatRequest}'s components; a message
 * is {@code {"role": "user", "content": [parts]}}; a content part is an object with one key naming
 * its kind: {@code {"text": ".."}}, {@code {"image": {"mediaType", "data"} | {"url"}}},
 * {@code {"document": {"mediaType", "data" | "text" | "url", "title"}}},
 * {@code {"toolCall": {"id", "name", "arguments"}}},
 * {@code {"toolResult": {"toolCallId", "content": [parts], "error"}}},
 * {@code {"thinking": {"text", "signature"}}}, {@code {"redactedThinking": "data"}}; beside that key,
 * an optional {@code "extra": {..}} is the part's {@code extra}. A tool is
 * {@code {"name", "description", "inputSchema", "extra"}}; {@code toolChoice} is
 * {@code {"mode", "name", "parallel"}}; {@code sampling} is {@code {"temperature", "topP", "topK",
 * "maxTokens", "stop", "seed"}}; {@code responseFormat} is {@code {"type", "name", "schema",
 * "strict"}}; {@code reasoning} is {@code {"effort", "budgetTokens"}}.
 *
 * @since 1.0.0
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /** {@code event} as one object of a golden event list. */
    public static JsonObject event(ChatEvent event) {
        JsonObject json = new JsonObject().put("event", event.getClass().getSimpleName());
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value != null) {
                json.put(component.getName(), value instanceof Enum<?> constant ? constant.name() : value);
            }
        }
        return json;
    }

    /** The events as a golden event list. */
    public static JsonArray events(List<ChatEvent> events) {
        JsonArray array = new JsonArray();
        events.forEach(event -> array.add(event(event)));
        return array;
    }

    /** The request a fixture describes. */
    public static ChatRequest request(JsonObject json) {
        return ChatRequest.builder(json.getString("model"))
                .system(parts(json.getJsonArray("system", new JsonArray())))
                .messages(messages(json.getJsonArray("messages")))
                .tools(tools(json.getJsonArray("tools", new JsonArray())))
                .toolChoice(toolChoice(json.getJsonObject("toolChoice")))
                .sampling(sampling(json.getJsonObject("sampling")))
                .user(json.getString("user"))
                .metadata(json.getJsonObject("metadata"))
                .extra(json.getJsonObject("extra"))
                .responseFormat(responseFormat(json.getJsonObject("responseFormat")))
                .dialect(json.getString("dialect"))
                .headers(headers(json.getJsonObject("headers")))
                .reasoning(reasoning(json.getJsonObject("reasoning")))
                .stream(json.getBoolean("stream", true))
                .build();
    }

    /** {@code {"effort", "budgetTokens"}}, either optional. */
    private static Reasoning reasoning(JsonObject json) {
        return json == null ? null : new Reasoning(json.getString("effort"), json.getInteger("budgetTokens"));
    }

    private static List<Message> messages(JsonArray array) {
        List<Message> messages = new ArrayList<>();
        for (Object value : array) {
            JsonObject message = (JsonObject) value;
            Message.Role role = Message.Role.valueOf(message.getString("role").toUpperCase());
            messages.add(new Message(role, parts(message.getJsonArray("content"))));
        }
        return messages;
    }

    /** The content parts a fixture lists. */
    public static List<ContentPart> parts(JsonArray array) {
        List<ContentPart> parts = new ArrayList<>();
        for (Object value : array) {
            parts.add(part((JsonObject) value));
        }
        return parts;
    }

    private static ContentPart part(JsonObject json) {
        JsonObject extra = json.getJsonObject("extra");
        List<String> kinds = json.fieldNames().stream().filter(key -> !key.equals("extra")).toList();
        if (kinds.size() != 1) {
            throw new IllegalArgumentException("a part has one key naming its kind: " + json.encode());
        }
        String kind = kinds.get(0);
        return switch (kind) {
            case "text" -> new ContentPart.Text(json.getString("text"), extra);
            case "image" -> {
                JsonObject image = json.getJsonObject("image");
                yield new ContentPart.Image(
                        image.getString("mediaType"), image.getString("data"), image.getString("url"), extra);
            }
            case "document" -> {
                JsonObject document = json.getJsonObject("document");
                yield new ContentPart.Document(
                        document.getString("mediaType"),
                        document.getString("data"),
                        document.getString("text"),
                        document.getString("url"),
                        document.getString("title"),
                        extra);
            }
            case "toolCall" -> {
                JsonObject call = json.getJsonObject("toolCall");
                yield new ContentPart.ToolCall(
                        call.getString("id"), call.getString("name"), call.getString("arguments"), extra);
            }
            case "toolResult" -> {
                JsonObject result = json.getJsonObject("toolResult");
                yield new ContentPart.ToolResult(
                        result.getString("toolCallId"),
                        parts(result.getJsonArray("content", new JsonArray())),
                        result.getBoolean("error", false),
                        extra);
            }
            case "thinking" -> {
                JsonObject thinking = json.getJsonObject("thinking");
                yield new ContentPart.Thinking(thinking.getString("text"), thinking.getString("signature"), extra);
            }
            case "redactedThinking" -> new ContentPart.RedactedThinking(json.getString("redactedThinking"));
            default -> throw new IllegalArgumentException("unknown part kind " + kind);
        };
    }

    private static List<Tool> tools(JsonArray array) {
        List<Tool> tools = new ArrayList<>();
        for (Object value : array) {
            JsonObject tool = (JsonObject) value;
            tools.add(new Tool(
                    tool.getString("name"),
                    tool.getString("description"),
                    tool.getJsonObject("inputSchema"),
                    tool.getJsonObject("extra")));
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonObject json) {
        return json == null
                ? null
                : new ToolChoice(
                        ToolChoice.Mode.valueOf(json.getString("mode")), json.getString("name"), json.getBoolean("parallel"));
    }

    private static Sampling sampling(JsonObject json) {
        if (json == null) {
            return Sampling.NONE;
        }
        List<String> stop = new ArrayList<>();
        json.getJsonArray("stop", new JsonArray()).forEach(value -> stop.add((String) value));
        return new Sampling(
                json.getDouble("temperature"),
                json.getDouble("topP"),
                json.getInteger("topK"),
                json.getInteger("maxTokens"),
                stop,
                json.getLong("seed"));
    }

    private static ResponseFormat responseFormat(JsonObject json) {
        return json == null
                ? null
                : new ResponseFormat(
                        ResponseFormat.Type.valueOf(json.getString("type")),
                        json.getString("name"),
                        json.getJsonObject("schema"),
                        json.getBoolean("strict"));
    }

    private static Map<String, String> headers(JsonObject json) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(entry -> headers.put(entry.getKey(), (String) entry.getValue()));
        }
        return headers;
    }
}
