package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.Requests.assistant;
import static dev.junction.plugins.openai.Requests.builder;
import static dev.junction.plugins.openai.Requests.text;
import static dev.junction.plugins.openai.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import dev.junction.plugin.testkit.Golden;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each canonical request encodes to exactly the Responses API body in
 * {@code golden/requests/responses/<name>.json}; the whole body is compared.
 */
class ResponsesRequestGoldenTest {

    static final OpenAiSettings RESPONSES = OpenAiSettings.parse(new JsonObject().put("api", "responses"));

    /** Reasoning the Responses API encrypted (a Fernet token), and an Anthropic signature. */
    static final String ENCRYPTED = "gAAAAABpNf3kQ2xR7vYtN1bq8ZJm0cW5uE4sD9aH6fG3kL2pO1iU8yT7rE5wQ4zX3cV2bN1mA0sD9fG8hJ7kL6==";
    static final String ANTHROPIC_SIGNATURE = "EqQBCkYIBxgCKkBm9Qz3tLk2pYc8Rz0h1XwVbN4sA7dF6gH5jK3lP0oI9uY8tR7eW6qA5sD4fG3hJ2kL1zX0cV==";

    private static final JsonObject WEATHER_SCHEMA = new JsonObject("""
            {"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain-text", builder("gpt-5-mini").build()),
                Arguments.of("conversation", conversation()),
                Arguments.of("tools-and-formats", toolsAndFormats()),
                Arguments.of("codex-pass-through", CodexRequest.canonical()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodes_the_golden_body(String name, ChatRequest request) {
        JsonObject body = ResponsesRequestEncoder.encode(request, RESPONSES);

        Golden.assertJson("requests/responses/" + name + ".json", body);
    }

    @Test
    void top_k_and_stop_sequences_are_refused_before_any_call() {
        for (Sampling sampling : List.of(
                new Sampling(null, null, 40, null, List.of(), null),
                new Sampling(null, null, null, null, List.of("END"), null))) {
            assertThatThrownBy(() -> ResponsesRequestEncoder.encode(builder("gpt-5").sampling(sampling).build(), RESPONSES))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("not a parameter of OpenAI's Responses API")
                    .satisfies(e -> assertThat(((BackendException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        }
    }

    @Test
    void a_client_that_asked_to_store_keeps_its_choice_and_gets_no_include_it_did_not_ask_for() {
        ChatRequest request = builder("gpt-5")
                .reasoning(new Reasoning("low", null))
                .extra(new JsonObject().put("store", true))
                .dialect("responses")
                .build();

        JsonObject body = ResponsesRequestEncoder.encode(request, RESPONSES);

        assertThat(body.getValue("store")).isEqualTo(true);
        assertThat(body.containsKey("include")).isFalse();
    }

    @Test
    void another_dialect_s_long_user_id_goes_as_its_hash() {
        String claudeCodeUser = "{\"device_id\":\"" + "d".repeat(64) + "\",\"account_uuid\":\"\",\"session_id\":\"s-1\"}";

        Object user = ResponsesRequestEncoder.encode(
                        builder("gpt-5").user(claudeCodeUser).dialect("anthropic").build(), RESPONSES)
                .getValue("user");

        assertThat(user).asString().hasSize(UserId.MAX_LENGTH).isNotEqualTo(claudeCodeUser);
        assertThat(ResponsesRequestEncoder.encode(builder("gpt-5").user("u-1").build(), RESPONSES).getValue("user"))
                .isEqualTo("u-1");
    }

    @Test
    void a_token_limit_below_the_api_minimum_is_raised_to_it() {
        ChatRequest request = builder("gpt-5-mini").sampling(new Sampling(null, null, null, 1, List.of(), null)).build();

        assertThat(ResponsesRequestEncoder.encode(request, RESPONSES).getValue("max_output_tokens")).isEqualTo(16);
    }

    @Test
    void the_gateway_s_own_conversation_state_is_never_forwarded() {
        ChatRequest request = builder("gpt-5")
                .extra(new JsonObject()
                        .put("previous_response_id", "resp_junction_1")
                        .put("conversation", "conv_1")
                        .put("prompt_cache_key", "k-1"))
                .dialect("responses")
                .build();

        JsonObject body = ResponsesRequestEncoder.encode(request, RESPONSES);

        assertThat(body.containsKey("previous_response_id")).isFalse();
        assertThat(body.containsKey("conversation")).isFalse();
        assertThat(body.getValue("prompt_cache_key")).isEqualTo("k-1");
    }

    /**
     * Instructions, a mid-conversation system message, images and documents, and reasoning of
     * earlier turns: OpenAI's own (encrypted) goes back, an Anthropic signature and unsigned
     * thinking do not. A client of another dialect: no extras.
     */
    private static ChatRequest conversation() {
        JsonObject detail = new JsonObject().put("detail", "high");
        return builder("gpt-5")
                .system(text("You are terse."))
                .messages(
                        user(text("Describe these."),
                                new ContentPart.Image("image/png", "iVBORw0KGgo=", null, detail),
                                new ContentPart.Image(null, null, "https://example.com/cat.png"),
                                new ContentPart.Document("application/pdf", "JVBERi0xLjQ=", null, null, "report.pdf", null),
                                new ContentPart.Document("text/plain", null, "Line one.", null, "notes.txt", null),
                                new ContentPart.Document(null, null, null, "https://example.com/spec.pdf", null, null)),
                        assistant(
                                new ContentPart.Thinking("Looking at them.", ENCRYPTED),
                                text("A cat and a report.")),
                        new Message(Message.Role.SYSTEM, List.of(text("From now on, answer in French."))),
                        user(text("Et maintenant ?")),
                        assistant(
                                new ContentPart.Thinking("Claude thought this.", ANTHROPIC_SIGNATURE),
                                new ContentPart.Thinking("Unsigned.", null),
                                new ContentPart.RedactedThinking(ENCRYPTED),
                                text("Un chat.")),
                        user(text("Merci")))
                .reasoning(new Reasoning("medium", null))
                .dialect("anthropic")
                .extra(new JsonObject().put("container", "never sent"))
                .build();
    }

    /**
     * Several system parts (each a developer message), tools with and without {@code strict}, a
     * named choice without parallel calls, a tool round trip with an image and an error result,
     * sampling, a JSON schema format, the user, a non-streaming client.
     */
    private static ChatRequest toolsAndFormats() {
        return builder("weather")
                .system(text("You are a weather bot."), text("Use metric units."))
                .messages(
                        user(text("Weather in Paris?")),
                        assistant(text("Checking."), new ContentPart.ToolCall("call_Paris01", "get_weather", "{\"city\":\"Paris\"}")),
                        user(
                                new ContentPart.ToolResult(
                                        "call_Paris01",
                                        List.of(text("18°C"), new ContentPart.Image("image/png", "iVBORw0KGgo=", null)),
                                        false),
                                text("And now?")),
                        assistant(new ContentPart.ToolCall("call_noop", "noop", null)),
                        user(new ContentPart.ToolResult("call_noop", List.of(text("failed")), true)))
                .tools(
                        new Tool("get_weather", "Current weather for a city", WEATHER_SCHEMA, new JsonObject().put("strict", true)),
                        new Tool("noop", null, null))
                .toolChoice(new ToolChoice(ToolChoice.Mode.NAMED, "get_weather", false))
                .sampling(new Sampling(0.2, 0.9, null, 256, List.of(), 42L))
                .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "weather", WEATHER_SCHEMA, true))
                .user("user-123")
                .stream(false)
                .build();
    }
}
