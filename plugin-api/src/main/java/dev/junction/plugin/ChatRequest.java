package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat request in canonical form, whatever dialect the client spoke. Make one with
 * {@link #builder} (or change one with {@link #toBuilder}): a minor release of the plugin API may
 * add components, and so parameters to the canonical constructor, but keeps the builder's methods.
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
 *
 * @since 1.0.0
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

    /** A builder for a request to {@code model}, with nothing else set. */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** A builder holding every field of this request, to change some. */
    public Builder toBuilder() {
        return new Builder(model)
                .system(system)
                .messages(messages)
                .tools(tools)
                .toolChoice(toolChoice)
                .sampling(sampling)
                .user(user)
                .metadata(metadata)
                .extra(extra)
                .responseFormat(responseFormat)
                .dialect(dialect)
                .headers(headers)
                .stream(stream)
                .reasoning(reasoning);
    }

    /** The same request for another model name: what routing uses for {@code backend/model}. */
    public ChatRequest withModel(String newModel) {
        return toBuilder().model(newModel).build();
    }

    /**
     * Makes a {@link ChatRequest}. Fields not set take the defaults the record's constructor gives
     * ({@code null} or empty), except {@link #stream}, which is {@code true}.
     *
     * @since 1.0.0
     */
    public static final class Builder {
        private String model;
        private List<ContentPart> system = List.of();
        private List<Message> messages = List.of();
        private List<Tool> tools = List.of();
        private ToolChoice toolChoice;
        private Sampling sampling;
        private String user;
        private JsonObject metadata;
        private JsonObject extra;
        private ResponseFormat responseFormat;
        private String dialect;
        private Map<String, String> headers;
        private boolean stream = true;
        private Reasoning reasoning;

        private Builder(String model) {
            this.model = model;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder system(List<ContentPart> system) {
            this.system = system;
            return this;
        }

        public Builder system(ContentPart... system) {
            return system(List.of(system));
        }

        /** One system text. */
        public Builder system(String text) {
            return system(new ContentPart.Text(text));
        }

        public Builder messages(List<Message> messages) {
            this.messages = messages;
            return this;
        }

        public Builder messages(Message... messages) {
            return messages(List.of(messages));
        }

        public Builder tools(List<Tool> tools) {
            this.tools = tools;
            return this;
        }

        public Builder tools(Tool... tools) {
            return tools(List.of(tools));
        }

        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder sampling(Sampling sampling) {
            this.sampling = sampling;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder metadata(JsonObject metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder extra(JsonObject extra) {
            this.extra = extra;
            return this;
        }

        public Builder responseFormat(ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder dialect(String dialect) {
            this.dialect = dialect;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        public Builder stream(boolean stream) {
            this.stream = stream;
            return this;
        }

        public Builder reasoning(Reasoning reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(model, system, messages, tools, toolChoice, sampling, user, metadata, extra,
                    responseFormat, dialect, headers, stream, reasoning);
        }
    }
}
