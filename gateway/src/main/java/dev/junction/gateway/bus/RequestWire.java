package dev.junction.gateway.bus;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of a {@link ChatRequest} on the event bus: plain JSON, so that a request can be
 * served by a backend on another cluster node. {@link #decode} inverts {@link #encode} exactly. The
 * {@code extra} of a part or tool travels under the key {@code extra}, left out when empty.
 */
public final class RequestWire {

    private RequestWire() {}

    public static JsonObject encode(ChatRequest request) {
        JsonObject json = new JsonObject()
                .put("model", request.model())
                .put("system", encodeParts(request.system()))
                .put("messages", new JsonArray(request.messages().stream()
                        .map(message -> (Object) new JsonObject()
                                .put("role", message.role().name())
                                .put("content", encodeParts(message.content())))
                        .toList()))
                .put("tools", new JsonArray(request.tools().stream()
                        .map(tool -> (Object) withExtra(
                                Json.compact(new JsonObject()
                                        .put("name", tool.name())
                                        .put("description", tool.description())
                                        .put("inputSchema", tool.inputSchema())),
                                tool.extra()))
                        .toList()))
                .put("sampling", encodeSampling(request.sampling()))
                .put("metadata", request.metadata())
                .put("extra", request.extra());
        if (request.toolChoice() != null) {
            ToolChoice choice = request.toolChoice();
            json.put("toolChoice", Json.compact(new JsonObject()
                    .put("mode", choice.mode().name())
                    .put("name", choice.name())
                    .put("parallel", choice.parallel())));
        }
        ResponseFormat format = request.responseFormat();
        if (format != null) {
            json.put("responseFormat", Json.compact(new JsonObject()
                    .put("type", format.type().name())
                    .put("name", format.name())
                    .put("schema", format.schema())
                    .put("strict", format.strict())));
        }
        Reasoning reasoning = request.reasoning();
        if (reasoning != null) {
            json.put("reasoning", Json.compact(new JsonObject()
                    .put("effort", reasoning.effort())
                    .put("budgetTokens", reasoning.budgetTokens())));
        }
        if (!request.stream()) {
            json.put("stream", false); // absent means streamed, the common case
        }
        return Json.compact(json.put("user", request.user())
                .put("dialect", request.dialect())
                .put("headers", new JsonObject(new LinkedHashMap<>(request.headers()))));
    }

    public static ChatRequest decode(JsonObject json) {
        List<Message> messages = new ArrayList<>();
        for (Object item : json.getJsonArray("messages")) {
            JsonObject message = (JsonObject) item;
            messages.add(new Message(
                    Message.Role.valueOf(message.getString("role")), decodeParts(message.getJsonArray("content"))));
        }
        List<Tool> tools = new ArrayList<>();
        for (Object item : json.getJsonArray("tools")) {
            JsonObject tool = (JsonObject) item;
            tools.add(new Tool(
                    tool.getString("name"),
                    tool.getString("description"),
                    tool.getJsonObject("inputSchema"),
                    tool.getJsonObject("extra")));
        }
        JsonObject choice = json.getJsonObject("toolChoice");
        JsonObject format = json.getJsonObject("responseFormat");
        JsonObject reasoning = json.getJsonObject("reasoning");
        Map<String, String> headers = new LinkedHashMap<>();
        json.getJsonObject("headers").forEach(header -> headers.put(header.getKey(), (String) header.getValue()));
        return ChatRequest.builder(json.getString("model"))
                .system(decodeParts(json.getJsonArray("system")))
                .messages(messages)
                .tools(tools)
                .toolChoice(choice == null
                        ? null
                        : new ToolChoice(
                                ToolChoice.Mode.valueOf(choice.getString("mode")),
                                choice.getString("name"),
                                choice.getBoolean("parallel")))
                .sampling(decodeSampling(json.getJsonObject("sampling")))
                .user(json.getString("user"))
                .metadata(json.getJsonObject("metadata"))
                .extra(json.getJsonObject("extra"))
                .responseFormat(format == null
                        ? null
                        : new ResponseFormat(
                                ResponseFormat.Type.valueOf(format.getString("type")),
                                format.getString("name"),
                                format.getJsonObject("schema"),
                                format.getBoolean("strict")))
                .dialect(json.getString("dialect"))
                .headers(headers)
                .stream(json.getBoolean("stream", true))
                .reasoning(reasoning == null ? null : new Reasoning(reasoning.getString("effort"), reasoning.getInteger("budgetTokens")))
                .build();
    }

    private static JsonObject encodeSampling(Sampling sampling) {
        return Json.compact(new JsonObject()
                .put("temperature", sampling.temperature())
                .put("topP", sampling.topP())
                .put("topK", sampling.topK())
                .put("maxTokens", sampling.maxTokens())
                .put("stop", new JsonArray(new ArrayList<>(sampling.stop())))
                .put("seed", sampling.seed()));
    }

    private static Sampling decodeSampling(JsonObject json) {
        List<String> stop = new ArrayList<>();
        json.getJsonArray("stop").forEach(item -> stop.add((String) item));
        return new Sampling(
                json.getDouble("temperature"),
                json.getDouble("topP"),
                json.getInteger("topK"),
                json.getInteger("maxTokens"),
                stop,
                json.getLong("seed"));
    }

    private static JsonArray encodeParts(List<ContentPart> parts) {
        JsonArray array = new JsonArray();
        parts.forEach(part -> array.add(encodePart(part)));
        return array;
    }

    private static JsonObject encodePart(ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            return withExtra(new JsonObject().put("type", "text").put("text", text.text()), text.extra());
        } else if (part instanceof ContentPart.Image image) {
            return withExtra(
                    Json.compact(new JsonObject()
                            .put("type", "image")
                            .put("mediaType", image.mediaType())
                            .put("data", image.data())
                            .put("url", image.url())),
                    image.extra());
        } else if (part instanceof ContentPart.ToolCall call) {
            return withExtra(
                    new JsonObject()
                            .put("type", "tool_call")
                            .put("id", call.id())
                            .put("name", call.name())
                            .put("arguments", call.arguments()),
                    call.extra());
        } else if (part instanceof ContentPart.ToolResult result) {
            return withExtra(
                    new JsonObject()
                            .put("type", "tool_result")
                            .put("toolCallId", result.toolCallId())
                            .put("content", encodeParts(result.content()))
                            .put("error", result.error()),
                    result.extra());
        } else if (part instanceof ContentPart.Thinking thinking) {
            return withExtra(
                    Json.compact(new JsonObject()
                            .put("type", "thinking")
                            .put("text", thinking.text())
                            .put("signature", thinking.signature())),
                    thinking.extra());
        } else if (part instanceof ContentPart.RedactedThinking redacted) {
            return new JsonObject().put("type", "redacted_thinking").put("data", redacted.data());
        } else if (part instanceof ContentPart.Document document) {
            return withExtra(
                    Json.compact(new JsonObject()
                            .put("type", "document")
                            .put("mediaType", document.mediaType())
                            .put("data", document.data())
                            .put("text", document.text())
                            .put("url", document.url())
                            .put("title", document.title())),
                    document.extra());
        }
        throw new IllegalArgumentException("unknown content part " + part);
    }

    private static List<ContentPart> decodeParts(JsonArray array) {
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (Object item : array) {
            parts.add(decodePart((JsonObject) item));
        }
        return parts;
    }

    /** The part's {@code extra} under the key {@code extra}, left out when empty. */
    private static JsonObject withExtra(JsonObject json, JsonObject extra) {
        return extra.isEmpty() ? json : json.put("extra", extra);
    }

    private static ContentPart decodePart(JsonObject json) {
        String type = json.getString("type");
        JsonObject extra = json.getJsonObject("extra");
        return switch (type) {
            case "text" -> new ContentPart.Text(json.getString("text"), extra);
            case "image" -> new ContentPart.Image(
                    json.getString("mediaType"), json.getString("data"), json.getString("url"), extra);
            case "tool_call" -> new ContentPart.ToolCall(
                    json.getString("id"), json.getString("name"), json.getString("arguments"), extra);
            case "tool_result" -> new ContentPart.ToolResult(
                    json.getString("toolCallId"),
                    decodeParts(json.getJsonArray("content")),
                    json.getBoolean("error"),
                    extra);
            case "thinking" -> new ContentPart.Thinking(json.getString("text"), json.getString("signature"), extra);
            case "redacted_thinking" -> new ContentPart.RedactedThinking(json.getString("data"));
            case "document" -> new ContentPart.Document(json.getString("mediaType"), json.getString("data"),
                    json.getString("text"), json.getString("url"), json.getString("title"), extra);
            default -> throw new IllegalArgumentException("unknown content part type " + type);
        };
    }
}
