package dev.junction.gateway.provider;

import io.vertx.core.json.JsonObject;

/** Server-sent events as the providers write them. */
final class Sse {

    private Sse() {}

    /** A named event (Anthropic): {@code event: <name>} and one data line. */
    static String event(String name, String json) {
        return "event: " + name + "\ndata: " + new JsonObject(json).encode() + "\n\n";
    }

    /** A data-only event (OpenAI, Gemini). */
    static String data(String json) {
        return "data: " + (json.startsWith("{") ? new JsonObject(json).encode() : json) + "\n\n";
    }

    /** An OpenAI {@code chat.completion.chunk} with one choice and no usage. */
    static String chunk(String id, String delta, String finishReason) {
        return data("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_1\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}");
    }
}
