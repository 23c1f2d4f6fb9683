package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.Requests.assistant;
import static dev.junction.plugins.openai.Requests.builder;
import static dev.junction.plugins.openai.Requests.text;
import static dev.junction.plugins.openai.Requests.user;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import dev.junction.plugin.testkit.Golden;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each canonical request encodes to exactly the body in {@code golden/requests/<name>.json}:
 * the whole body is compared, so a field added, dropped or renamed shows here.
 */
class RequestGoldenTest {

    static final OpenAiSettings OPENAI = OpenAiSettings.parse(new JsonObject());
    static final OpenAiSettings COMPATIBLE =
            OpenAiSettings.parse(new JsonObject().put("baseUrl", "http://127.0.0.1:8000/v1"));

    private static final JsonObject WEATHER_SCHEMA = new JsonObject("""
            {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},
             "required":["city"],"additionalProperties":false}""");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain-text", OPENAI, builder("gpt-4o-mini").build()),
                Arguments.of("system-multi-turn", OPENAI, systemMultiTurn()),
                Arguments.of("mid-conversation-system", OPENAI, midConversationSystem()),
                Arguments.of("images", OPENAI, images()),
                Arguments.of("tools-named-no-parallel", OPENAI, toolsNamedNoParallel()),
                Arguments.of("tool-round-trip", OPENAI, toolRoundTrip()),
                Arguments.of("tool-choice-without-tools", OPENAI, builder("gpt-4o-mini")
                        .toolChoice(new ToolChoice(ToolChoice.Mode.NONE, null, false))
                        .build()),
                Arguments.of("sampling-openai", OPENAI, sampling(null)),
                Arguments.of("sampling-compatible", COMPATIBLE, sampling(40)),
                Arguments.of("response-format-json-object", OPENAI, builder("gpt-4o-mini")
                        .responseFormat(ResponseFormat.jsonObject())
                        .build()),
                Arguments.of("response-format-json-schema", OPENAI, builder("gpt-4o-mini")
                        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, null, WEATHER_SCHEMA, true))
                        .build()),
                Arguments.of("response-format-json-schema-named", OPENAI, builder("gpt-4o-mini")
                        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "weather", WEATHER_SCHEMA, null))
                        .build()),
                Arguments.of("same-dialect-extra", OPENAI, sameDialectExtra()),
                Arguments.of("other-dialect-no-extra", OPENAI, otherDialect()),
                Arguments.of("same-dialect-part-extras", OPENAI, partExtras("openai")),
                Arguments.of("other-dialect-part-extras-dropped", OPENAI, partExtras("anthropic")),
                Arguments.of("reasoning-effort", OPENAI, builder("o4-mini")
                        .reasoning(new Reasoning("high", 4096))
                        .dialect("responses")
                        .build()),
                Arguments.of("reasoning-effort-of-an-anthropic-client", OPENAI, builder("gpt-4o")
                        .reasoning(new Reasoning("high", 4096))
                        .dialect("anthropic")
                        .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodes_the_golden_body(String name, OpenAiSettings settings, ChatRequest request) {
        JsonObject body = ChatRequestEncoder.encode(request, settings);

        Golden.assertJson("requests/" + name + ".json", body);
    }

    private static ChatRequest systemMultiTurn() {
        return builder("gpt-4.1")
                .system(text("You are terse."), text("Answer in French."))
                .messages(
                        user(text("Hi")),
                        assistant(new ContentPart.Thinking("The user greets me.", "sig-1"), text("Bonjour.")),
                        user(text("What is 2+2?")),
                        user(text("And 3+3?")),
                        assistant(new ContentPart.RedactedThinking("opaque"), text("4 "), text("et 6.")),
                        user(text("Merci")))
                .build();
    }

    /** Claude Code's shape: a system message after the user's, another after a tool result. */
    private static ChatRequest midConversationSystem() {
        return builder("gpt-4.1")
                .system(text("You are a coding agent."))
                .messages(
                        user(text("List the files.")),
                        Message.text(Message.Role.SYSTEM, "Available agent types: Explore."),
                        assistant(new ContentPart.ToolCall("toolu_01", "Bash", "{\"command\":\"ls\"}")),
                        user(new ContentPart.ToolResult("toolu_01", List.of(text("a.txt")), false)),
                        new Message(Message.Role.SYSTEM, List.of(text("Be brief."), text("Answer in French."))))
                .build();
    }

    private static ChatRequest images() {
        return builder("gpt-4o")
                .messages(user(
                        text("What is in these two pictures?"),
                        new ContentPart.Image("image/jpeg", "/9j/4AAQSkZJRg==", null),
                        new ContentPart.Image(null, null, "https://example.com/cat.png")))
                .build();
    }

    private static ChatRequest toolsNamedNoParallel() {
        return builder("gpt-4o-mini")
                .messages(user(text("Weather in Paris and Rome?")))
                .tools(
                        new Tool("get_weather", "Current weather for a city", WEATHER_SCHEMA),
                        new Tool("noop", null, null))
                .toolChoice(new ToolChoice(ToolChoice.Mode.NAMED, "get_weather", false))
                .build();
    }

    private static ChatRequest toolRoundTrip() {
        return builder("gpt-4o-mini")
                .messages(
                        user(text("Weather in Paris and Rome, and a photo of Rome?")),
                        assistant(
                                new ContentPart.Thinking("Two cities.", null),
                                text("Let me check."),
                                new ContentPart.ToolCall("call_Paris01", "get_weather", "{\"city\":\"Paris\"}"),
                                new ContentPart.ToolCall("toolu_01Rome", "get_weather", "{\"city\":\"Rome\"}")),
                        user(
                                new ContentPart.ToolResult("call_Paris01", List.of(text("18°C, cloudy")), false),
                                new ContentPart.ToolResult(
                                        "toolu_01Rome",
                                        List.of(text("24°C"), text("sunny"),
                                                new ContentPart.Image("image/png", "iVBORw0KGgo=", null)),
                                        false),
                                text("Which is warmer?")),
                        assistant(new ContentPart.ToolCall("call_noop", "noop", null)),
                        user(new ContentPart.ToolResult("call_noop", List.of(), true)))
                .tools(new Tool("get_weather", "Current weather for a city", WEATHER_SCHEMA), new Tool("noop", null, null))
                .toolChoice(new ToolChoice(ToolChoice.Mode.REQUIRED, null, true))
                .build();
    }

    private static ChatRequest sampling(Integer topK) {
        return builder("gpt-4o-mini")
                .sampling(new Sampling(0.2, 0.9, topK, 256, List.of("END", "\n\n"), 42L))
                .user("user-123")
                .build();
    }

    static ChatRequest sameDialectExtra() {
        return builder("gpt-4o-mini")
                .tools(new Tool("noop", null, null))
                .toolChoice(new ToolChoice(ToolChoice.Mode.AUTO, null, null))
                .metadata(new JsonObject().put("run", "42"))
                .extra(new JsonObject()
                        .put("store", true)
                        .put("logprobs", true)
                        .put("top_logprobs", 2)
                        .put("logit_bias", new JsonObject().put("50256", -100))
                        .put("reasoning_effort", "low")
                        .put("prediction", new JsonObject().put("type", "content").put("content", "Hello"))
                        .put("messages", new JsonArray().add("never replaces the encoded messages")))
                .dialect("openai")
                .headers(Map.of("openai-beta", "assistants=v2", "authorization", "Bearer client-key"))
                .build();
    }

    /**
     * Parts and a tool with extra fields as the OpenAI decoder keeps them: an image's {@code detail}
     * (from its {@code image_url}), a text part's {@code cache_control} (read by OpenAI-compatible
     * routers), a function's {@code strict}; one extra field tries to replace the written url.
     */
    private static ChatRequest partExtras(String dialect) {
        JsonObject cached = new JsonObject().put("cache_control", new JsonObject().put("type", "ephemeral"));
        return builder("gpt-4o")
                .system(new ContentPart.Text("You are terse.", cached))
                .messages(
                        user(new ContentPart.Text("Describe it.", cached)),
                        user(
                                text("And these?"),
                                new ContentPart.Image("image/png", "iVBORw0KGgo=", null, new JsonObject().put("detail", "low")),
                                new ContentPart.Image(null, null, "https://example.com/cat.png",
                                        new JsonObject().put("detail", "high").put("url", "https://never.example"))),
                        assistant(text("A cat, "), new ContentPart.Text("and a dog.", cached),
                                new ContentPart.ToolCall("call_1", "zoom", "{}")),
                        user(new ContentPart.ToolResult("call_1", List.of(new ContentPart.Text("zoomed", cached)), false)))
                .tools(new Tool("zoom", null, null, new JsonObject().put("strict", true)))
                .dialect(dialect)
                .build();
    }

    private static ChatRequest otherDialect() {
        return builder("gpt-4o-mini")
                .metadata(new JsonObject().put("user_id", "u-1"))
                .extra(new JsonObject().put("container", "c-1"))
                .dialect("anthropic")
                .headers(Map.of("anthropic-beta", "interleaved-thinking-2025-05-14"))
                .build();
    }
}
