package dev.junction.gateway.dialect.responses;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The {@code response} object around the output: its id, status and usage, and the echo of the
 * request's settings ({@code instructions}, {@code tools}, {@code tool_choice}, sampling,
 * {@code text}, {@code reasoning}, {@code store}, ...) with the API's defaults for what the client
 * left out, as the official API returns them.
 */
final class ResponsesEnvelope {

    private ResponsesEnvelope() {}

    /**
     * The response object.
     *
     * @param status {@code in_progress}, {@code completed}, {@code incomplete} or {@code failed}
     * @param usage the usage, or {@code null} while in progress
     * @param incompleteReason why the response is incomplete, or {@code null}
     * @param error the error of a failed response ({@code code}, {@code message}), or {@code null}
     */
    static JsonObject response(
            ChatRequest request,
            String id,
            long createdAt,
            String model,
            String status,
            JsonArray output,
            ChatEvent.Usage usage,
            String incompleteReason,
            JsonObject error) {
        JsonObject extra = request.extra();
        return new JsonObject()
                .put("id", id)
                .put("object", "response")
                .put("created_at", createdAt)
                .put("status", status)
                .put("background", false)
                .put("error", error)
                .put("incomplete_details", incompleteReason == null ? null : new JsonObject().put("reason", incompleteReason))
                .put("instructions", instructions(request))
                .put("max_output_tokens", request.sampling().maxTokens())
                .put("max_tool_calls", extra.getValue("max_tool_calls"))
                .put("model", model)
                .put("output", output)
                .put("parallel_tool_calls", request.toolChoice() == null || request.toolChoice().parallel() == null
                        || request.toolChoice().parallel())
                .put("previous_response_id", extra.getValue("previous_response_id"))
                .put("prompt_cache_key", extra.getValue("prompt_cache_key"))
                .put("reasoning", reasoning(request))
                .put("safety_identifier", extra.getValue("safety_identifier"))
                .put("service_tier", extra.getValue("service_tier", "default"))
                .put("store", extra.getValue("store", true))
                .put("temperature", request.sampling().temperature() == null ? 1.0 : request.sampling().temperature())
                .put("text", text(request))
                .put("tool_choice", toolChoice(request))
                .put("tools", tools(request))
                .put("top_logprobs", extra.getValue("top_logprobs", 0))
                .put("top_p", request.sampling().topP() == null ? 1.0 : request.sampling().topP())
                .put("truncation", extra.getValue("truncation", "disabled"))
                .put("usage", usage == null ? null : usage(usage))
                .put("user", request.user())
                .put("metadata", request.metadata());
    }

    /** The status of an answer that ended for {@code reason}, and why it is incomplete, or {@code null}. */
    static String incompleteReason(FinishReason reason) {
        return switch (reason) {
            case MAX_TOKENS -> "max_output_tokens";
            case REFUSAL -> "content_filter";
            case END_TURN, STOP_SEQUENCE, TOOL_USE -> null;
        };
    }

    /**
     * The usage object. The Responses API's {@code input_tokens} include cached tokens, the
     * canonical input count does not: cache reads and writes are added back, and reported as
     * {@code cached_tokens} and {@code cache_write_tokens}.
     */
    static JsonObject usage(ChatEvent.Usage usage) {
        int input = usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens();
        return new JsonObject()
                .put("input_tokens", input)
                .put("input_tokens_details", new JsonObject()
                        .put("cached_tokens", usage.cacheReadTokens())
                        .put("cache_write_tokens", usage.cacheWriteTokens()))
                .put("output_tokens", usage.outputTokens())
                .put("output_tokens_details", new JsonObject().put("reasoning_tokens", usage.reasoningTokens()))
                .put("total_tokens", input + usage.outputTokens());
    }

    /** The {@code instructions} the client sent (the system part the decoder marked), or {@code null}. */
    private static String instructions(ChatRequest request) {
        for (ContentPart part : request.system()) {
            if (part instanceof ContentPart.Text text && Boolean.TRUE.equals(text.extra().getValue("instructions"))) {
                return text.text();
            }
        }
        return null;
    }

    private static JsonObject reasoning(ChatRequest request) {
        JsonObject reasoning = request.extra().getValue("reasoning") instanceof JsonObject rest ? rest.copy() : new JsonObject();
        return reasoning
                .put("effort", request.reasoning() == null ? null : request.reasoning().effort())
                .put("summary", reasoning.getValue("summary"));
    }

    private static JsonObject text(ChatRequest request) {
        JsonObject text = request.extra().getValue("text") instanceof JsonObject rest ? rest.copy() : new JsonObject();
        ResponseFormat format = request.responseFormat();
        JsonObject encoded = new JsonObject();
        if (format == null) {
            encoded.put("type", "text");
        } else if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
            encoded.put("type", "json_object");
        } else {
            encoded.put("type", "json_schema").put("name", format.name()).put("schema", format.schema()).put("strict", format.strict());
        }
        return text.put("format", encoded).put("verbosity", text.getValue("verbosity", "medium"));
    }

    private static Object toolChoice(ChatRequest request) {
        if (request.extra().getValue("tool_choice") instanceof JsonObject raw) {
            return raw;
        }
        ToolChoice choice = request.toolChoice();
        if (choice == null) {
            return "auto";
        }
        return switch (choice.mode()) {
            case AUTO -> "auto";
            case NONE -> "none";
            case REQUIRED -> "required";
            case NAMED -> {
                ResponsesOutputItems.ToolCallTarget target = ResponsesOutputItems.ToolCallTarget.of(choice.name(), request);
                yield new JsonObject().put("type", target.custom() ? "custom" : "function").put("name", target.name());
            }
        };
    }

    /** The tools as declared: function and custom tools rebuilt, then the built-in tools and namespaces as sent. */
    private static JsonArray tools(ChatRequest request) {
        JsonArray tools = new JsonArray();
        for (Tool tool : request.tools()) {
            if (tool.extra().containsKey("namespace") || tool.extra().containsKey("additional_tools")) {
                continue; // declared inside a namespace or an input item, echoed with it
            }
            JsonObject echo = new JsonObject().put("type", ResponsesToolNames.custom(tool) ? "custom" : "function").put("name", tool.name());
            echo.put("description", tool.description());
            if (ResponsesToolNames.custom(tool)) {
                echo.put("format", tool.extra().getValue("format", new JsonObject().put("type", "text")));
            } else {
                echo.put("parameters", tool.inputSchema()).put("strict", tool.extra().getValue("strict", true));
            }
            tools.add(echo);
        }
        if (request.extra().getValue("tools") instanceof JsonArray kept) {
            tools.addAll(kept);
        }
        return tools;
    }
}
