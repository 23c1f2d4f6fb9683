package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One chat request in canonical form, whatever dialect the client spoke.
 *
 * @param model the model name to pass to the backend (after routing: for {@code backend/model} it
 *     is the part after the slash)
 * @param system system instructions, in order; empty when there are none
 * @param messages the conversation, oldest first; never empty
 * @param tools the tools the model may call; empty when there are none
 * @param toolChoice how the model may use the tools, or {@code null} for the backend's default
 * @param sampling sampling parameters; fields the client did not set are {@code null}
 * @param user the end user's identifier, or {@code null}
 * @param metadata request metadata as sent by the client, or an empty object
 * @param extra request fields the gateway does not understand, passed through untouched so that
 *     a backend speaking the client's own dialect can forward them; an empty object when none
 */
public record ChatRequest(
        String model,
        List<ContentPart> system,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        Sampling sampling,
        String user,
        JsonObject metadata,
        JsonObject extra) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        sampling = sampling == null ? Sampling.NONE : sampling;
        metadata = metadata == null ? new JsonObject() : metadata;
        extra = extra == null ? new JsonObject() : extra;
    }

    /** The same request for another model name: what routing uses for {@code backend/model}. */
    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, system, messages, tools, toolChoice, sampling, user, metadata, extra);
    }
}
