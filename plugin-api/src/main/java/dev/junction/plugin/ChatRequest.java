package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
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
 * @param responseFormat the output format asked for (JSON object, JSON schema), or {@code null}
 *     for free text
 * @param dialect the wire format the client spoke (a {@link ClientDialect} name), or
 *     {@code null}; a backend that speaks the same one may forward {@code extra}, the {@code extra}
 *     of each content part and tool, and {@code headers}
 * @param stream whether the client reads the answer as a stream. The events a backend emits are the
 *     same either way; a backend may serve a non-streaming client from a non-streaming upstream
 *     call, which costs less
 * @param headers provider headers the client sent that the gateway does not manage (such as
 *     {@code anthropic-beta}), lower-case names; forwarded only to upstreams of the same dialect
 * @param reasoning how much the model should reason, or {@code null} for the backend's default
 *     (since 0.3.0)
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
        JsonObject extra,
        ResponseFormat responseFormat,
        String dialect,
        Map<String, String> headers,
        boolean stream,
        Reasoning reasoning) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        sampling = sampling == null ? Sampling.NONE : sampling;
        metadata = metadata == null ? new JsonObject() : metadata;
        extra = extra == null ? new JsonObject() : extra;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A request from no particular dialect: no response format, no forwarded headers. */
    public ChatRequest(
            String model,
            List<ContentPart> system,
            List<Message> messages,
            List<Tool> tools,
            ToolChoice toolChoice,
            Sampling sampling,
            String user,
            JsonObject metadata,
            JsonObject extra) {
        this(model, system, messages, tools, toolChoice, sampling, user, metadata, extra, null, null, null, true, null);
    }

    /** A streamed request: the form of plugin API 0.1's first release, kept for compatibility. */
    public ChatRequest(
            String model,
            List<ContentPart> system,
            List<Message> messages,
            List<Tool> tools,
            ToolChoice toolChoice,
            Sampling sampling,
            String user,
            JsonObject metadata,
            JsonObject extra,
            ResponseFormat responseFormat,
            String dialect,
            Map<String, String> headers) {
        this(model, system, messages, tools, toolChoice, sampling, user, metadata, extra, responseFormat, dialect,
                headers, true, null);
    }

    /** A request without reasoning settings: the form of plugin API 0.2. */
    public ChatRequest(
            String model,
            List<ContentPart> system,
            List<Message> messages,
            List<Tool> tools,
            ToolChoice toolChoice,
            Sampling sampling,
            String user,
            JsonObject metadata,
            JsonObject extra,
            ResponseFormat responseFormat,
            String dialect,
            Map<String, String> headers,
            boolean stream) {
        this(model, system, messages, tools, toolChoice, sampling, user, metadata, extra, responseFormat, dialect,
                headers, stream, null);
    }

    /** The same request for another model name: what routing uses for {@code backend/model}. */
    public ChatRequest withModel(String newModel) {
        return new ChatRequest(
                newModel, system, messages, tools, toolChoice, sampling, user, metadata, extra, responseFormat, dialect,
                headers, stream, reasoning);
    }
}
