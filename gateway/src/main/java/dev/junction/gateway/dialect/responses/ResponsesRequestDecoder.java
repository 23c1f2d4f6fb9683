package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.openai.JsonFields;
import dev.junction.gateway.dialect.openai.OpenAiResponseFormat;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a {@code POST responses} body into the canonical request. What has no canonical place is
 * carried in {@link ChatRequest#extra()} for a Responses upstream, as the client sent it: every
 * unknown top-level field ({@code include}, {@code store}, {@code prompt_cache_key},
 * {@code previous_response_id}, {@code client_metadata}, ...), the fields of {@code reasoning}
 * beside {@code effort} and of {@code text} beside {@code format} (as {@code reasoning} and
 * {@code text} objects without them), and what {@link ResponsesToolDecoder} keeps of the tools.
 * {@code instructions} is the first system part, marked {@code "instructions": true} in its extra.
 */
final class ResponsesRequestDecoder {

    private static final Set<String> KNOWN_FIELDS = Set.of(
            "model",
            "input",
            "instructions",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "text",
            "max_output_tokens",
            "temperature",
            "top_p",
            "reasoning",
            "metadata",
            "user",
            "stream",
            "background",
            "conversation");

    private ResponsesRequestDecoder() {}

    static DecodedRequest decode(JsonObject body) {
        String model = JsonFields.requiredString(body, "model", "model");
        if (model.isBlank()) {
            throw new InvalidRequestException("Invalid 'model': must not be empty.", "model");
        }
        refuseUnsupported(body);
        JsonObject extra = JsonFields.others(body, KNOWN_FIELDS);
        String previousResponseId = JsonFields.string(body, "previous_response_id", "previous_response_id");
        ResponsesInputDecoder.Conversation conversation =
                ResponsesInputDecoder.decode(body.getValue("input"), previousResponseId != null);
        List<ContentPart> system = new ArrayList<>();
        String instructions = JsonFields.string(body, "instructions", "instructions");
        if (instructions != null && !instructions.isEmpty()) {
            // Marked, so that the answer can echo it and a Responses upstream send it as instructions again.
            system.add(new ContentPart.Text(instructions, new JsonObject().put("instructions", true)));
        }
        system.addAll(conversation.system());
        ResponsesToolDecoder.Tools tools = ResponsesToolDecoder.decode(body, conversation.additionalTools());
        tools.carryInto(extra);
        ChatRequest request = ChatRequest.builder(model)
                .system(system)
                .messages(conversation.messages())
                .tools(tools.callable())
                .toolChoice(tools.choice())
                .sampling(sampling(body))
                .user(JsonFields.string(body, "user", "user"))
                .metadata(JsonFields.object(body, "metadata", "metadata"))
                .extra(extra)
                .responseFormat(responseFormat(body, extra))
                .reasoning(reasoning(body, extra))
                .build();
        return new DecodedRequest(request, Boolean.TRUE.equals(JsonFields.bool(body, "stream", "stream")), true);
    }

    /**
     * {@code background} runs need a store of running responses, {@code conversation} a store of
     * conversations: the gateway has neither, so both are refused rather than ignored.
     */
    private static void refuseUnsupported(JsonObject body) {
        if (Boolean.TRUE.equals(JsonFields.bool(body, "background", "background"))) {
            throw new InvalidRequestException(
                    "Invalid 'background': background responses are not supported by this gateway.", "background");
        }
        if (body.getValue("conversation") != null) {
            throw new InvalidRequestException(
                    "Invalid 'conversation': conversations are not supported by this gateway; send the items in"
                            + " 'input' or continue with 'previous_response_id'.",
                    "conversation");
        }
    }

    private static Sampling sampling(JsonObject body) {
        return new Sampling(
                JsonFields.number(body, "temperature", "temperature"),
                JsonFields.number(body, "top_p", "top_p"),
                null,
                JsonFields.positiveInteger(body, "max_output_tokens", "max_output_tokens"),
                List.of(),
                null);
    }

    /** {@code reasoning.effort}; the rest of {@code reasoning} ({@code summary}, ...) goes to extra. */
    private static Reasoning reasoning(JsonObject body, JsonObject extra) {
        JsonObject reasoning = JsonFields.object(body, "reasoning", "reasoning");
        if (reasoning == null) {
            return null;
        }
        String effort = JsonFields.string(reasoning, "effort", "reasoning.effort");
        JsonFields.string(reasoning, "summary", "reasoning.summary");
        JsonObject rest = JsonFields.others(reasoning, Set.of("effort"));
        if (!rest.isEmpty()) {
            extra.put("reasoning", rest);
        }
        return effort == null ? null : new Reasoning(effort, null);
    }

    /**
     * {@code text.format}: {@code text} (free text), {@code json_object}, or {@code json_schema}
     * with {@code name}, {@code schema} and {@code strict} beside the type (flat, unlike Chat
     * Completions). The rest of {@code text} ({@code verbosity}, ...) goes to extra.
     */
    private static ResponseFormat responseFormat(JsonObject body, JsonObject extra) {
        JsonObject text = JsonFields.object(body, "text", "text");
        if (text == null) {
            return null;
        }
        JsonObject rest = JsonFields.others(text, Set.of("format"));
        if (!rest.isEmpty()) {
            extra.put("text", rest);
        }
        JsonObject format = JsonFields.object(text, "format", "text.format");
        return format == null ? null : OpenAiResponseFormat.decode(format, "text.format", true);
    }
}
