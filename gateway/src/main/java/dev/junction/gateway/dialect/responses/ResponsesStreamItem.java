package dev.junction.gateway.dialect.responses;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One output item being streamed, opened by a block's start:
 *
 * <ul>
 *   <li>a text block is a {@code message}: {@code response.content_part.added},
 *       {@code response.output_text.delta}..., {@code response.output_text.done},
 *       {@code response.content_part.done};
 *   <li>a tool call is a {@code function_call}: {@code response.function_call_arguments.delta}...,
 *       {@code .done}; or for a custom tool a {@code custom_tool_call}, whose input (unwrapped
 *       from the canonical arguments, so known only at the end) comes in one
 *       {@code response.custom_tool_call_input.delta} and {@code .done};
 *   <li>a thinking block is a {@code reasoning} item whose text is its summary:
 *       {@code response.reasoning_summary_part.added}, {@code response.reasoning_summary_text.delta}...,
 *       {@code .done}, {@code response.reasoning_summary_part.done}; a redacted one has no summary.
 * </ul>
 *
 * Each between {@code response.output_item.added} and {@code response.output_item.done}.
 */
final class ResponsesStreamItem {

    private final ChatEvent.BlockStart start;
    private final String responseId;
    private final int outputIndex;
    private final ChatRequest request;
    private final ResponsesOutputItems.ToolCallTarget target;
    private final String itemId;
    private final StringBuilder text = new StringBuilder();
    private String signature;
    private boolean summaryOpen;

    private ResponsesStreamItem(ChatEvent.BlockStart start, String responseId, int outputIndex, ChatRequest request) {
        this.start = start;
        this.responseId = responseId;
        this.outputIndex = outputIndex;
        this.request = request;
        this.target = start.kind() == ChatEvent.BlockKind.TOOL_CALL
                ? ResponsesOutputItems.ToolCallTarget.of(start.toolName(), request)
                : null;
        String prefix = switch (start.kind()) {
            case TEXT -> "msg";
            case TOOL_CALL -> target.custom() ? "ctc" : "fc";
            case THINKING, REDACTED_THINKING -> "rs";
        };
        this.itemId = ResponsesOutputItems.itemId(prefix, responseId, outputIndex);
    }

    static ResponsesStreamItem open(ChatEvent.BlockStart start, String responseId, int outputIndex, ChatRequest request) {
        return new ResponsesStreamItem(start, responseId, outputIndex, request);
    }

    void added(ResponsesStreamEncoder.Events events) {
        events.add("response.output_item.added", indexed().put("item", item("in_progress")));
        if (start.kind() == ChatEvent.BlockKind.TEXT) {
            events.add("response.content_part.added", inItem().put("content_index", 0)
                    .put("part", ResponsesOutputItems.outputText("")));
        }
    }

    void text(String delta, ResponsesStreamEncoder.Events events) {
        if (delta.isEmpty()) {
            return;
        }
        text.append(delta);
        events.add("response.output_text.delta", inItem().put("content_index", 0).put("delta", delta)
                .put("logprobs", new JsonArray()));
    }

    void arguments(String delta, ResponsesStreamEncoder.Events events) {
        text.append(delta);
        if (!delta.isEmpty() && !target.custom()) {
            events.add("response.function_call_arguments.delta", inItem().put("delta", delta));
        }
    }

    void thinking(String delta, String signature, ResponsesStreamEncoder.Events events) {
        if (signature != null) {
            this.signature = signature;
        }
        if (delta == null || delta.isEmpty() || start.kind() != ChatEvent.BlockKind.THINKING) {
            return;
        }
        if (!summaryOpen) {
            summaryOpen = true;
            events.add("response.reasoning_summary_part.added", inItem().put("summary_index", 0)
                    .put("part", ResponsesOutputItems.summaryText("")));
        }
        text.append(delta);
        events.add("response.reasoning_summary_text.delta", inItem().put("summary_index", 0).put("delta", delta));
    }

    /** Writes the item's closing events; its finished item, for the response's output. */
    JsonObject done(ResponsesStreamEncoder.Events events) {
        String full = text.toString();
        switch (start.kind()) {
            case TEXT -> {
                events.add("response.output_text.done", inItem().put("content_index", 0).put("text", full)
                        .put("logprobs", new JsonArray()));
                events.add("response.content_part.done", inItem().put("content_index", 0)
                        .put("part", ResponsesOutputItems.outputText(full)));
            }
            case TOOL_CALL -> {
                if (target.custom()) {
                    String input = ResponsesToolNames.customInput(full);
                    events.add("response.custom_tool_call_input.delta", inItem().put("delta", input));
                    events.add("response.custom_tool_call_input.done", inItem().put("input", input));
                } else {
                    events.add("response.function_call_arguments.done", inItem().put("name", target.name())
                            .put("arguments", full.isEmpty() ? "{}" : full));
                }
            }
            case THINKING -> {
                if (summaryOpen) {
                    events.add("response.reasoning_summary_text.done", inItem().put("summary_index", 0).put("text", full));
                    events.add("response.reasoning_summary_part.done", inItem().put("summary_index", 0)
                            .put("part", ResponsesOutputItems.summaryText(full)));
                }
            }
            case REDACTED_THINKING -> {}
        }
        JsonObject item = item("completed");
        events.add("response.output_item.done", indexed().put("item", item));
        return item;
    }

    /** The item as it stands: empty while in progress, whole when completed. */
    private JsonObject item(String status) {
        boolean completed = status.equals("completed");
        String full = completed ? text.toString() : "";
        return switch (start.kind()) {
            case TEXT -> ResponsesOutputItems.message(
                    itemId,
                    status,
                    completed ? new JsonArray().add(ResponsesOutputItems.outputText(full)) : new JsonArray());
            case TOOL_CALL -> ResponsesOutputItems.toolCall(
                    responseId, outputIndex, target, start.toolCallId(), completed && full.isEmpty() ? "{}" : full, status);
            case THINKING, REDACTED_THINKING -> ResponsesOutputItems.reasoning(
                    itemId,
                    completed && !full.isEmpty() ? new JsonArray().add(ResponsesOutputItems.summaryText(full)) : new JsonArray(),
                    completed ? signature : null,
                    ResponsesOutputItems.includesEncryptedReasoning(request));
        };
    }

    private JsonObject indexed() {
        return new JsonObject().put("output_index", outputIndex);
    }

    /** The fields that place an event in this item: {@code item_id}, {@code output_index}. */
    private JsonObject inItem() {
        return new JsonObject().put("item_id", itemId).put("output_index", outputIndex);
    }
}
