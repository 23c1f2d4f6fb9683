package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.Sampling;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a Chat Completions request body into the canonical request. Every top-level field it
 * does not understand ({@code logprobs}, {@code frequency_penalty}, ...) is carried verbatim in
 * {@link ChatRequest#extra()}; {@code reasoning_effort} becomes {@link ChatRequest#reasoning()},
 * which an OpenAI upstream gets back as it was and other backends map to their thinking settings.
 */
final class OpenAiRequestDecoder {

    private static final Set<String> KNOWN_FIELDS = Set.of(
            "model",
            "messages",
            "temperature",
            "top_p",
            "top_k",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "seed",
            "n",
            "stream",
            "stream_options",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "user",
            "metadata",
            "response_format",
            "reasoning_effort");

    private OpenAiRequestDecoder() {}

    static DecodedRequest decode(JsonObject body) {
        String model = JsonFields.requiredString(body, "model", "model");
        if (model.isBlank()) {
            throw new InvalidRequestException("Invalid 'model': must not be empty.", "model");
        }
        OpenAiMessageDecoder.Conversation conversation = OpenAiMessageDecoder.decode(messages(body));
        rejectSeveralChoices(body);
        ChatRequest request = ChatRequest.builder(model)
                .system(conversation.system())
                .messages(conversation.messages())
                .tools(OpenAiToolDecoder.tools(JsonFields.array(body, "tools", "tools")))
                .toolChoice(OpenAiToolDecoder.toolChoice(body))
                .sampling(sampling(body))
                .user(JsonFields.string(body, "user", "user"))
                .metadata(JsonFields.object(body, "metadata", "metadata"))
                .extra(extra(body))
                .responseFormat(OpenAiResponseFormat.decode(body))
                .reasoning(reasoning(body))
                .build();
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(body, "stream", "stream"));
        JsonObject streamOptions = JsonFields.object(body, "stream_options", "stream_options");
        boolean includeUsage = streamOptions != null
                && Boolean.TRUE.equals(JsonFields.bool(streamOptions, "include_usage", "stream_options.include_usage"));
        return new DecodedRequest(request, stream, includeUsage);
    }

    private static JsonArray messages(JsonObject body) {
        JsonArray messages = JsonFields.array(body, "messages", "messages");
        if (messages == null) {
            throw JsonFields.missing("messages");
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException(
                    "Invalid 'messages': expected an array with at least one message, but got an empty array.",
                    "messages");
        }
        return messages;
    }

    /** The gateway answers with one choice, so {@code n} may only be 1. */
    private static void rejectSeveralChoices(JsonObject body) {
        Long n = JsonFields.integer(body, "n", "n");
        if (n != null && n != 1) {
            throw new InvalidRequestException("Invalid 'n': only n = 1 is supported, but got " + n + ".", "n");
        }
    }

    private static Sampling sampling(JsonObject body) {
        Integer maxTokens = JsonFields.positiveInteger(body, "max_tokens", "max_tokens");
        Integer maxCompletionTokens =
                JsonFields.positiveInteger(body, "max_completion_tokens", "max_completion_tokens");
        return new Sampling(
                JsonFields.number(body, "temperature", "temperature"),
                JsonFields.number(body, "top_p", "top_p"),
                JsonFields.positiveInteger(body, "top_k", "top_k"),
                maxCompletionTokens != null ? maxCompletionTokens : maxTokens,
                stop(body.getValue("stop")),
                JsonFields.integer(body, "seed", "seed"));
    }

    private static List<String> stop(Object stop) {
        if (stop == null) {
            return List.of();
        }
        if (stop instanceof String sequence) {
            return List.of(sequence);
        }
        if (!(stop instanceof JsonArray array)) {
            throw JsonFields.wrongType("stop", "a string or an array of strings", stop);
        }
        List<String> sequences = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof String sequence)) {
                throw JsonFields.wrongType("stop[" + i + "]", "a string", array.getValue(i));
            }
            sequences.add(sequence);
        }
        return sequences;
    }

    private static Reasoning reasoning(JsonObject body) {
        String effort = JsonFields.string(body, "reasoning_effort", "reasoning_effort");
        return effort == null ? null : new Reasoning(effort, null);
    }

    /** A copy of the unknown fields only: copying the whole body would copy every message too. */
    private static JsonObject extra(JsonObject body) {
        return JsonFields.others(body, KNOWN_FIELDS);
    }
}
