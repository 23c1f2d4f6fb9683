package dev.junction.gateway.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Responses API answers as OpenAI gives them, for tests that store them. */
public final class ResponseObjects {

    private ResponseObjects() {}

    /**
     * A completed response {@code id} whose one output item, {@code msg_out_<id>}, is an assistant
     * message saying {@code text}; with every field the openai-java SDK's validation asks for.
     */
    public static JsonObject answer(String id, String text) {
        return new JsonObject()
                .put("id", id)
                .put("object", "response")
                .put("created_at", 1_741_476_542)
                .put("status", "completed")
                .put("error", (Object) null)
                .put("incomplete_details", (Object) null)
                .put("instructions", (Object) null)
                .put("metadata", new JsonObject())
                .put("model", "echo")
                .put("output", new JsonArray().add(new JsonObject()
                        .put("type", "message")
                        .put("id", "msg_out_" + id)
                        .put("status", "completed")
                        .put("role", "assistant")
                        .put("content", new JsonArray().add(new JsonObject()
                                .put("type", "output_text").put("text", text).put("annotations", new JsonArray())))))
                .put("parallel_tool_calls", true)
                .put("temperature", 1.0)
                .put("tool_choice", "auto")
                .put("tools", new JsonArray())
                .put("top_p", 1.0)
                .put("usage", new JsonObject().put("input_tokens", 5).put("output_tokens", 2).put("total_tokens", 7)
                        .put("input_tokens_details", new JsonObject().put("cached_tokens", 0).put("cache_write_tokens", 0))
                        .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0)));
    }
}
