package dev.junction.plugins.gemini;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Canonical requests for the tests, built the way the front ends build them. */
final class Requests {

    private Requests() {}

    static ChatRequest chat(List<ContentPart> system, List<Message> messages) {
        return full(system, messages, List.of(), null, Sampling.NONE, null);
    }

    static ChatRequest full(
            List<ContentPart> system,
            List<Message> messages,
            List<Tool> tools,
            ToolChoice toolChoice,
            Sampling sampling,
            ResponseFormat responseFormat) {
        return ChatRequest.builder("gemini-2.5-flash")
                .system(system)
                .messages(messages)
                .tools(tools)
                .toolChoice(toolChoice)
                .sampling(sampling)
                .user("user-42")
                .metadata(new JsonObject().put("trace", "abc"))
                .extra(new JsonObject().put("reasoning_effort", "high"))
                .responseFormat(responseFormat)
                .dialect("openai")
                .headers(Map.of("openai-beta", "assistants=v2"))
                .build();
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

    static Tool weatherTool() {
        return new Tool("get_weather", "Current weather for a city.", new JsonObject("""
                {"type": "object",
                 "properties": {"city": {"type": "string", "description": "City name"},
                                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                 "required": ["city"],
                 "additionalProperties": false}
                """));
    }

    static Tool timeTool() {
        return new Tool("get_time", null, null);
    }
}
