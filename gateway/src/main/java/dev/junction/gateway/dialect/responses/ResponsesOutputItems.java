package dev.junction.gateway.dialect.responses;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Tool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The output items of a response, shared by the whole answer and the stream, and their ids. An
 * item's id is made of the response's id and the item's place in the output, so that one answer
 * always gets the same ids.
 */
final class ResponsesOutputItems {

    private static final HexFormat HEX = HexFormat.of();
    private static final String RESPONSE_PREFIX = "resp_";

    private ResponsesOutputItems() {}

    /** The response id for the backend's answer id: kept if it is a response id, else prefixed; made up when null. */
    static String responseId(String backendId) {
        if (backendId == null) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return RESPONSE_PREFIX + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
        }
        return backendId.startsWith(RESPONSE_PREFIX) ? backendId : RESPONSE_PREFIX + backendId;
    }

    /** The id of the item at {@code outputIndex}: {@code prefix} ({@code msg}, {@code fc}, ...) and the response's. */
    static String itemId(String prefix, String responseId, int outputIndex) {
        return prefix + "_" + responseId.substring(RESPONSE_PREFIX.length()) + "_" + outputIndex;
    }

    static JsonObject message(String id, String status, JsonArray content) {
        return new JsonObject()
                .put("id", id)
                .put("type", "message")
                .put("status", status)
                .put("role", "assistant")
                .put("content", content);
    }

    static JsonObject outputText(String text) {
        return new JsonObject()
                .put("type", "output_text")
                .put("annotations", new JsonArray())
                .put("logprobs", new JsonArray())
                .put("text", text);
    }

    static JsonObject summaryText(String text) {
        return new JsonObject().put("type", "summary_text").put("text", text);
    }

    /**
     * A reasoning item; {@code encrypted} (the thinking's signature or redacted data) only when
     * {@code withEncrypted} (the client asked for it, {@link #includesEncryptedReasoning}) and it
     * is not null.
     */
    static JsonObject reasoning(String id, JsonArray summary, String encrypted, boolean withEncrypted) {
        JsonObject item = new JsonObject().put("id", id).put("type", "reasoning").put("summary", summary);
        if (encrypted != null && withEncrypted) {
            item.put("encrypted_content", encrypted);
        }
        return item;
    }

    /**
     * The item of a call of {@code tool}: {@code function_call} with its arguments, or for a custom
     * tool {@code custom_tool_call} with its input; a namespace's tool by its own name and
     * {@code namespace}.
     */
    static JsonObject toolCall(String responseId, int outputIndex, ToolCallTarget target, String callId, String arguments, String status) {
        JsonObject item = new JsonObject();
        if (target.custom()) {
            item.put("id", itemId("ctc", responseId, outputIndex)).put("type", "custom_tool_call").put("status", status);
            item.put("call_id", callId).put("name", target.name()).put("input", ResponsesToolNames.customInput(arguments));
        } else {
            item.put("id", itemId("fc", responseId, outputIndex)).put("type", "function_call").put("status", status);
            item.put("arguments", arguments).put("call_id", callId).put("name", target.name());
        }
        if (target.namespace() != null) {
            item.put("namespace", target.namespace());
        }
        return item;
    }

    /**
     * What the client declared the called tool as.
     *
     * @param name the tool's name as the client knows it
     * @param namespace its namespace, or {@code null}
     * @param custom whether it is a custom (freeform) tool
     */
    record ToolCallTarget(String name, String namespace, boolean custom) {

        /** The target of a call of {@code flatName} among {@code request}'s tools; a plain function if none matches. */
        static ToolCallTarget of(String flatName, ChatRequest request) {
            for (Tool tool : request.tools()) {
                if (tool.name().equals(flatName)) {
                    return new ToolCallTarget(
                            ResponsesToolNames.name(tool), ResponsesToolNames.namespace(tool), ResponsesToolNames.custom(tool));
                }
            }
            return new ToolCallTarget(flatName, null, false);
        }
    }

    /** Whether the client asked for reasoning's encrypted content ({@code include: ["reasoning.encrypted_content"]}). */
    static boolean includesEncryptedReasoning(ChatRequest request) {
        return request.extra().getValue("include") instanceof JsonArray include
                && include.contains("reasoning.encrypted_content");
    }
}
