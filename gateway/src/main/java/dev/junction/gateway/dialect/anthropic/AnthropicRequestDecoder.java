package dev.junction.gateway.dialect.anthropic;

import static dev.junction.gateway.dialect.anthropic.JsonFields.array;
import static dev.junction.gateway.dialect.anthropic.JsonFields.at;
import static dev.junction.gateway.dialect.anthropic.JsonFields.invalid;
import static dev.junction.gateway.dialect.anthropic.JsonFields.object;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalBoolean;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalInteger;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalNumber;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalString;
import static dev.junction.gateway.dialect.anthropic.JsonFields.others;
import static dev.junction.gateway.dialect.anthropic.JsonFields.required;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredInteger;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredObject;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredString;
import static dev.junction.gateway.dialect.anthropic.JsonFields.string;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.UserText;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a {@code POST /v1/messages} body into a {@link DecodedRequest}, validating it as the
 * Messages API does. Top-level fields it does not know go untouched into {@link ChatRequest#extra()};
 * those of a tool definition ({@code cache_control}, {@code type: "custom"}, ...) into
 * {@link Tool#extra()}, and those of blocks into their parts' (see {@link AnthropicMessageDecoder}).
 */
final class AnthropicRequestDecoder {

    private static final Set<String> TOOL_FIELDS = Set.of("name", "description", "input_schema");

    private static final Set<String> KNOWN_FIELDS = Set.of(
            "model",
            "max_tokens",
            "messages",
            "system",
            "temperature",
            "top_p",
            "top_k",
            "stop_sequences",
            "stream",
            "metadata",
            "tools",
            "tool_choice",
            "output_format",
            "output_config");

    private AnthropicRequestDecoder() {}

    static DecodedRequest decode(JsonObject body) {
        return decode(body, true);
    }

    /**
     * A {@code POST /v1/messages/count_tokens} body: the same fields, but {@code max_tokens} is not
     * required (the count does not depend on it).
     */
    static DecodedRequest decodeCountTokens(JsonObject body) {
        return decode(body, false);
    }

    private static DecodedRequest decode(JsonObject body, boolean maxTokensRequired) {
        String model = requiredString(body, "model", "model");
        if (model.isEmpty()) {
            throw invalid("model", "must not be empty");
        }
        Integer maxTokens = maxTokensRequired
                ? Integer.valueOf(requiredInteger(body, "max_tokens", "max_tokens"))
                : optionalInteger(body, "max_tokens", "max_tokens");
        if (maxTokens != null && maxTokens < 1) {
            throw invalid("max_tokens", "must be at least 1");
        }
        JsonObject metadata = metadata(body);
        AnthropicOutputFormat.Decoded output = AnthropicOutputFormat.decode(body);
        JsonObject extra = extra(body);
        if (output.outputConfigRest() != null) {
            extra.put("output_config", output.outputConfigRest());
        }
        ChatRequest request = ChatRequest.builder(model)
                .system(AnthropicMessageDecoder.system(body.getValue("system")))
                .messages(AnthropicMessageDecoder.messages(required(body, "messages", "messages")))
                .tools(tools(body.getValue("tools")))
                .toolChoice(toolChoice(body.getValue("tool_choice")))
                .sampling(sampling(body, maxTokens))
                .user(metadata.getString("user_id"))
                .metadata(metadata)
                .extra(extra)
                .responseFormat(output.format())
                .stream(false)
                .reasoning(AnthropicReasoning.decode(body))
                .build();
        boolean stream = Boolean.TRUE.equals(optionalBoolean(body, "stream", "stream"));
        return new DecodedRequest(request, stream, true);
    }

    private static Sampling sampling(JsonObject body, Integer maxTokens) {
        return new Sampling(
                optionalNumber(body, "temperature", "temperature"),
                optionalNumber(body, "top_p", "top_p"),
                optionalInteger(body, "top_k", "top_k"),
                maxTokens,
                stopSequences(body.getValue("stop_sequences")),
                null);
    }

    private static List<String> stopSequences(Object value) {
        if (value == null) {
            return List.of();
        }
        JsonArray array = array(value, "stop_sequences");
        List<String> stop = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            stop.add(string(array.getValue(i), at("stop_sequences", i)));
        }
        return stop;
    }

    private static JsonObject metadata(JsonObject body) {
        Object value = body.getValue("metadata");
        if (value == null) {
            return new JsonObject();
        }
        JsonObject metadata = object(value, "metadata");
        optionalString(metadata, "user_id", "metadata.user_id");
        return metadata.copy();
    }

    private static List<Tool> tools(Object value) {
        if (value == null) {
            return List.of();
        }
        JsonArray array = array(value, "tools");
        List<Tool> tools = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = at("tools", i);
            JsonObject tool = object(array.getValue(i), path);
            String type = optionalString(tool, "type", at(path, "type"));
            if (type != null && !type.equals("custom")) {
                throw invalid(at(path, "type"), "tool type \"" + UserText.shorten(type) + "\" is not supported");
            }
            tools.add(new Tool(
                    requiredString(tool, "name", at(path, "name")),
                    optionalString(tool, "description", at(path, "description")),
                    requiredObject(tool, "input_schema", at(path, "input_schema"))
                            .copy(),
                    others(tool, TOOL_FIELDS)));
        }
        return tools;
    }

    private static ToolChoice toolChoice(Object value) {
        if (value == null) {
            return null;
        }
        JsonObject choice = object(value, "tool_choice");
        String type = requiredString(choice, "type", "tool_choice.type");
        Boolean disableParallel =
                optionalBoolean(choice, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use");
        Boolean parallel = disableParallel == null ? null : !disableParallel;
        return switch (type) {
            case "auto" -> new ToolChoice(ToolChoice.Mode.AUTO, null, parallel);
            case "any" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null, parallel);
            case "none" -> new ToolChoice(ToolChoice.Mode.NONE, null, parallel);
            case "tool" ->
                new ToolChoice(ToolChoice.Mode.NAMED, requiredString(choice, "name", "tool_choice.name"), parallel);
            default -> throw invalid("tool_choice.type", "must be one of \"auto\", \"any\", \"tool\" or \"none\"");
        };
    }

    private static JsonObject extra(JsonObject body) {
        JsonObject extra = new JsonObject();
        for (String field : body.fieldNames()) {
            if (!KNOWN_FIELDS.contains(field)) {
                extra.put(field, body.getValue(field));
            }
        }
        return extra;
    }
}
