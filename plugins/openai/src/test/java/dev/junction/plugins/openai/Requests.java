package dev.junction.plugins.openai;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Canonical requests for the tests, and a builder that keeps them short. */
final class Requests {

    private Requests() {}

    static Builder builder(String model) {
        return new Builder(model);
    }

    static Message user(ContentPart... parts) {
        return new Message(Message.Role.USER, List.of(parts));
    }

    static Message assistant(ContentPart... parts) {
        return new Message(Message.Role.ASSISTANT, List.of(parts));
    }

    static ContentPart.Text text(String text) {
        return new ContentPart.Text(text);
    }

    /** A request with everything unset but the model and the messages. */
    static final class Builder {
        private final String model;
        private List<ContentPart> system = List.of();
        private List<Message> messages = List.of(Message.text(Message.Role.USER, "Hello"));
        private List<Tool> tools = List.of();
        private ToolChoice toolChoice;
        private Sampling sampling = Sampling.NONE;
        private String user;
        private JsonObject metadata = new JsonObject();
        private JsonObject extra = new JsonObject();
        private ResponseFormat responseFormat;
        private String dialect;
        private Map<String, String> headers = Map.of();
        private boolean stream = true;
        private Reasoning reasoning;

        private Builder(String model) {
            this.model = model;
        }

        Builder system(ContentPart... parts) {
            system = List.of(parts);
            return this;
        }

        Builder messages(Message... list) {
            messages = List.of(list);
            return this;
        }

        Builder tools(Tool... list) {
            tools = List.of(list);
            return this;
        }

        Builder toolChoice(ToolChoice choice) {
            toolChoice = choice;
            return this;
        }

        Builder sampling(Sampling value) {
            sampling = value;
            return this;
        }

        Builder user(String value) {
            user = value;
            return this;
        }

        Builder metadata(JsonObject value) {
            metadata = value;
            return this;
        }

        Builder extra(JsonObject value) {
            extra = value;
            return this;
        }

        Builder responseFormat(ResponseFormat value) {
            responseFormat = value;
            return this;
        }

        Builder dialect(String value) {
            dialect = value;
            return this;
        }

        Builder headers(Map<String, String> value) {
            headers = value;
            return this;
        }

        Builder stream(boolean value) {
            stream = value;
            return this;
        }

        Builder reasoning(Reasoning value) {
            reasoning = value;
            return this;
        }

        Builder reasoning(String effort, Integer budgetTokens) {
            return reasoning(new Reasoning(effort, budgetTokens));
        }

        ChatRequest build() {
            return ChatRequest.builder(model)
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
                    .reasoning(reasoning)
                    .build();
        }
    }
}
