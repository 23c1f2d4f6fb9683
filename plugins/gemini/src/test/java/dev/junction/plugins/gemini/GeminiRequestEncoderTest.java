package dev.junction.plugins.gemini;

import static dev.junction.plugins.gemini.Requests.assistant;
import static dev.junction.plugins.gemini.Requests.chat;
import static dev.junction.plugins.gemini.Requests.full;
import static dev.junction.plugins.gemini.Requests.text;
import static dev.junction.plugins.gemini.Requests.timeTool;
import static dev.junction.plugins.gemini.Requests.user;
import static dev.junction.plugins.gemini.Requests.weatherTool;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeminiRequestEncoderTest {

    private final GeminiRequestEncoder encoder = new GeminiRequestEncoder(true, null);

    private void assertGolden(String name, ChatRequest request) {
        Golden.assertJson("requests/" + name + ".json", encoder.encode(request));
    }

    @Test
    void encodes_a_plain_user_message() {
        assertGolden("plain", chat(List.of(), List.of(user(text("Hello, Gemini.")))));
    }

    @Test
    void puts_system_parts_in_the_system_instruction() {
        assertGolden("system", chat(
                List.of(text("You are terse."), text("Answer in French.")),
                List.of(user(text("What is the capital of Italy?")))));
    }

    @Test
    void merges_consecutive_turns_of_one_role_and_skips_empty_ones() {
        assertGolden("merged_same_role", chat(List.of(), List.of(
                user(text("First question.")),
                user(text("Second question.")),
                assistant(text("")),
                user(text("Third.")),
                assistant(text("One answer.")),
                assistant(text("Another answer.")),
                user(text("Thanks.")))));
    }

    @Test
    void sends_inline_images_as_inline_data_and_urls_as_file_data() {
        assertGolden("images", chat(List.of(), List.of(user(
                text("Compare these."),
                new ContentPart.Image("image/png", "iVBORw0KGgoAAAANSUhEUg==", null),
                new ContentPart.Image(null, null, "data:image/jpeg;base64,/9j/4AAQSkZJRg=="),
                new ContentPart.Image(null, null, "https://example.com/photos/cat.JPG?size=large"),
                new ContentPart.Image(null, null, "https://generativelanguage.googleapis.com/v1beta/files/abc123")))));
    }

    @Test
    void sends_a_pdf_as_inline_data_a_text_document_as_text_and_a_url_as_file_data() {
        JsonObject body = encoder.encode(chat(List.of(), List.of(user(
                new ContentPart.Document("application/pdf", "JVBERi0xLjQK", null, null, "report.pdf", null),
                new ContentPart.Document("text/plain", null, "The grass is green.", null, "Notes", null),
                new ContentPart.Document(null, null, null, "https://example.com/spec.pdf", null, null),
                text("Compare them.")))));

        assertThat(body.getJsonArray("contents").getJsonObject(0).getJsonArray("parts")).isEqualTo(new JsonObject("""
                {"parts": [
                  {"inlineData": {"mimeType": "application/pdf", "data": "JVBERi0xLjQK"}},
                  {"text": "Notes\\n\\nThe grass is green."},
                  {"fileData": {"mimeType": "application/pdf", "fileUri": "https://example.com/spec.pdf"}},
                  {"text": "Compare them."}]}""").getJsonArray("parts"));
    }

    @ParameterizedTest
    @EnumSource(ToolChoice.Mode.class)
    void declares_tools_and_maps_each_tool_choice(ToolChoice.Mode mode) {
        ToolChoice choice = new ToolChoice(mode, mode == ToolChoice.Mode.NAMED ? "get_weather" : null, false);
        assertGolden("tools_" + mode.name().toLowerCase(), full(
                List.of(),
                List.of(user(text("Weather in Paris?"))),
                List.of(weatherTool(), timeTool()),
                choice,
                Sampling.NONE,
                null));
    }

    @Test
    void sends_no_tool_config_without_a_tool_choice() {
        JsonObject body = encoder.encode(full(
                List.of(), List.of(user(text("Hi"))), List.of(timeTool()), null, Sampling.NONE, null));
        assertThat(body.containsKey("toolConfig")).isFalse();
        assertThat(body.getJsonArray("tools")).hasSize(1);
    }

    @Test
    void round_trips_tool_calls_and_results_with_ids_and_names() {
        assertGolden("tool_round_trip", full(
                List.of(),
                List.of(
                        user(text("Weather and time in Paris?")),
                        assistant(
                                text("Let me look."),
                                new ContentPart.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
                                new ContentPart.ToolCall("call_r1_1", "get_time", "")),
                        user(
                                new ContentPart.ToolResult("toolu_01A", List.of(text("18 C"), text("cloudy")), false),
                                new ContentPart.ToolResult("call_r1_1", List.of(text("clock unavailable")), true)),
                        assistant(text("18 C and cloudy; I could not get the time.")),
                        user(text("Thanks!"))),
                List.of(weatherTool(), timeTool()),
                new ToolChoice(ToolChoice.Mode.AUTO, null, null),
                Sampling.NONE,
                null));
    }

    @Test
    void marks_a_mid_conversation_system_message_as_user_text_after_the_function_responses() {
        assertGolden("mid_conversation_system", full(
                List.of(),
                List.of(
                        user(text("List the files.")),
                        Message.text(Message.Role.SYSTEM, "Available agent types: Explore."),
                        assistant(new ContentPart.ToolCall("toolu_01", "Bash", "{\"command\":\"ls\"}")),
                        Message.text(Message.Role.SYSTEM, "Be brief."),
                        user(new ContentPart.ToolResult("toolu_01", List.of(text("a.txt")), false)),
                        assistant(text("One file.")),
                        Message.text(Message.Role.SYSTEM, "The user left.")),
                List.of(),
                null,
                Sampling.NONE,
                null));
    }

    @Test
    void ignores_the_extra_fields_of_parts_and_tools_which_belong_to_other_dialects() {
        JsonObject cached = new JsonObject().put("cache_control", new JsonObject().put("type", "ephemeral"));
        Tool weather = weatherTool();
        assertGolden("tool_round_trip", full(
                List.of(),
                List.of(
                        user(new ContentPart.Text("Weather and time in Paris?", cached)),
                        assistant(
                                new ContentPart.Text("Let me look.", cached),
                                new ContentPart.ToolCall(
                                        "toolu_01A", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}", cached),
                                new ContentPart.ToolCall("call_r1_1", "get_time", "")),
                        user(
                                new ContentPart.ToolResult(
                                        "toolu_01A", List.of(new ContentPart.Text("18 C", cached), text("cloudy")), false, cached),
                                new ContentPart.ToolResult("call_r1_1", List.of(text("clock unavailable")), true)),
                        assistant(text("18 C and cloudy; I could not get the time.")),
                        user(text("Thanks!"))),
                List.of(new Tool(weather.name(), weather.description(), weather.inputSchema(), cached), timeTool()),
                new ToolChoice(ToolChoice.Mode.AUTO, null, null),
                Sampling.NONE,
                null));
    }

    @Test
    void puts_thought_signatures_back_where_gemini_gave_them() {
        assertGolden("thinking_signature", full(
                List.of(),
                List.of(
                        user(text("Is 97 prime?")),
                        assistant(
                                new ContentPart.Thinking("Check divisors up to 9.", "c2lnLXRob3VnaHQ="),
                                new ContentPart.RedactedThinking("ZW5jcnlwdGVk"),
                                text("Yes, 97 is prime."),
                                new ContentPart.Thinking("", "c2lnLXRleHQ=")),
                        user(text("Weather in Paris and Rome?")),
                        assistant(
                                new ContentPart.Thinking("", "c2lnLWNhbGw="),
                                new ContentPart.ToolCall("call_r2_0", "get_weather", "{\"city\":\"Paris\"}"),
                                new ContentPart.ToolCall("call_r2_1", "get_weather", "{\"city\":\"Rome\"}")),
                        user(
                                new ContentPart.ToolResult("call_r2_0", List.of(text("18 C")), false),
                                new ContentPart.ToolResult("call_r2_1", List.of(text("24 C")), false))),
                List.of(weatherTool()),
                null,
                Sampling.NONE,
                null));
    }

    @Test
    void signs_unsigned_function_calls_of_the_current_turn_only() {
        assertGolden("synthetic_signature", full(
                List.of(),
                List.of(
                        user(text("Time?")),
                        assistant(new ContentPart.ToolCall("t1", "get_time", "{}")),
                        user(new ContentPart.ToolResult("t1", List.of(text("09:00")), false)),
                        assistant(text("It is 09:00.")),
                        user(text("And the weather in Oslo and Bergen?")),
                        assistant(
                                new ContentPart.Thinking("", null),
                                new ContentPart.ToolCall("t2", "get_weather", "{\"city\":\"Oslo\"}"),
                                new ContentPart.ToolCall("t3", "get_weather", "{\"city\":\"Bergen\"}")),
                        user(
                                new ContentPart.ToolResult("t2", List.of(text("-2 C")), false),
                                new ContentPart.ToolResult("t3", List.of(text("4 C")), false)),
                        assistant(new ContentPart.ToolCall("t4", "get_time", "{}")),
                        user(new ContentPart.ToolResult("t4", List.of(), false))),
                List.of(weatherTool(), timeTool()),
                null,
                Sampling.NONE,
                null));
    }

    @Test
    void leaves_signatures_alone_when_synthetic_ones_are_off() {
        JsonObject body = new GeminiRequestEncoder(false, null).encode(chat(List.of(), List.of(
                user(text("Time?")),
                assistant(new ContentPart.ToolCall("t1", "get_time", "{}")),
                user(new ContentPart.ToolResult("t1", List.of(text("09:00")), false)))));
        assertThat(body.getJsonArray("contents").getJsonObject(1).getJsonArray("parts").getJsonObject(0).fieldNames())
                .containsExactly("functionCall");
    }

    @Test
    void maps_sampling_parameters_to_the_generation_config() {
        assertGolden("sampling", full(
                List.of(),
                List.of(user(text("Write a haiku."))),
                List.of(),
                null,
                new Sampling(0.7, 0.9, 40, 256, List.of("END", "\n\n"), 42L),
                null));
    }

    @Test
    void asks_for_json_for_a_json_object_format() {
        assertGolden("response_format_json_object", full(
                List.of(),
                List.of(user(text("List three colours as JSON."))),
                List.of(),
                null,
                Sampling.NONE,
                ResponseFormat.jsonObject()));
    }

    @Test
    void passes_a_json_schema_through_as_the_response_json_schema() {
        JsonObject schema = new JsonObject("""
                {"type": "object",
                 "properties": {"colours": {"type": "array", "items": {"type": "string"}, "minItems": 3}},
                 "required": ["colours"],
                 "additionalProperties": false,
                 "$defs": {"unused": {"type": "null"}}}
                """);
        assertGolden("response_format_json_schema", full(
                List.of(),
                List.of(user(text("List three colours."))),
                List.of(),
                null,
                Sampling.NONE,
                new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "colours", schema, true)));
    }

    @Test
    void adds_the_configured_thinking_config() {
        JsonObject body = new GeminiRequestEncoder(true, new JsonObject().put("includeThoughts", true).put("thinkingBudget", 1024))
                .encode(chat(List.of(), List.of(user(text("Hi")))));
        assertThat(body.getJsonObject("generationConfig").encode())
                .isEqualTo("{\"thinkingConfig\":{\"includeThoughts\":true,\"thinkingBudget\":1024}}");
    }

    @Test
    void turns_a_responses_clients_reasoning_effort_into_a_thinking_budget_with_its_thoughts() {
        assertGolden("reasoning_effort", reasoning("responses", new Reasoning("high", null)));
    }

    @Test
    void maps_each_openai_effort_to_a_budget() {
        assertThat(thinkingConfig(reasoning("openai", new Reasoning("minimal", null))))
                .isEqualTo(new JsonObject().put("thinkingBudget", 512).put("includeThoughts", true));
        assertThat(thinkingConfig(reasoning("openai", new Reasoning("low", null))).getInteger("thinkingBudget")).isEqualTo(2048);
        assertThat(thinkingConfig(reasoning("responses", new Reasoning("medium", null))).getInteger("thinkingBudget"))
                .isEqualTo(8192);
        assertThat(thinkingConfig(reasoning("responses", new Reasoning("high", null))).getInteger("thinkingBudget"))
                .isEqualTo(24576);
    }

    @Test
    void invents_no_thinking_config() {
        assertThat(thinkingConfig(chat(List.of(), List.of(user(text("Hi")))))).as("no reasoning asked").isNull();
        assertThat(thinkingConfig(reasoning("responses", new Reasoning("none", null)))).isNull();
        assertThat(thinkingConfig(reasoning("openai", new Reasoning("extreme", null)))).as("unknown effort").isNull();
        assertThat(thinkingConfig(reasoning("anthropic", new Reasoning("high", null))))
                .as("an Anthropic client's effort (Claude Code sends one always)")
                .isNull();
        assertThat(thinkingConfig(reasoning("anthropic", new Reasoning(null, 31999)))).as("nor its budget").isNull();
    }

    @Test
    void the_configured_thinking_config_wins_over_the_clients_effort() {
        JsonObject configured = new JsonObject().put("thinkingLevel", "low");
        JsonObject body = new GeminiRequestEncoder(true, configured).encode(reasoning("responses", new Reasoning("high", null)));

        assertThat(body.getJsonObject("generationConfig").getJsonObject("thinkingConfig")).isEqualTo(configured);
    }

    private JsonObject thinkingConfig(ChatRequest request) {
        JsonObject config = encoder.encode(request).getJsonObject("generationConfig");
        return config == null ? null : config.getJsonObject("thinkingConfig");
    }

    private static ChatRequest reasoning(String dialect, Reasoning reasoning) {
        return ChatRequest.builder("gemini-2.5-flash")
                .messages(List.of(user(text("Is 221 prime?"))))
                .sampling(new Sampling(0.2, null, null, 30000, List.of(), null))
                .dialect(dialect)
                .reasoning(reasoning)
                .build();
    }

    @Test
    void counts_the_prompt_without_generation_settings() {
        JsonObject prompt = encoder.prompt(full(
                List.of(text("Be brief.")),
                List.of(user(text("Hi"))),
                List.of(timeTool()),
                new ToolChoice(ToolChoice.Mode.AUTO, null, null),
                new Sampling(0.5, null, null, 10, List.of(), null),
                null));
        assertThat(prompt.fieldNames()).containsExactly("contents", "systemInstruction", "tools", "toolConfig");
    }

    @Test
    void rejects_a_tool_result_without_its_call() {
        assertInvalid(chat(List.of(), List.of(user(new ContentPart.ToolResult("nope", List.of(text("x")), false)))),
                "answers no earlier tool call");
    }

    @Test
    void rejects_tool_arguments_that_are_not_an_object() {
        assertInvalid(chat(List.of(), List.of(
                        user(text("Go")),
                        assistant(new ContentPart.ToolCall("t1", "get_time", "[1, 2]")))),
                "not a JSON object");
        assertInvalid(chat(List.of(), List.of(
                        user(text("Go")),
                        assistant(new ContentPart.ToolCall("t1", "get_time", "{\"city\": ")))),
                "not a JSON object");
    }

    @Test
    void rejects_images_in_system_instructions() {
        assertInvalid(chat(List.of(new ContentPart.Image("image/png", "AAAA", null)), List.of(user(text("Hi")))),
                "only text as system instructions");
    }

    @Test
    void rejects_an_inline_image_without_a_media_type_and_a_malformed_data_url() {
        assertInvalid(chat(List.of(), List.of(user(new ContentPart.Image(null, "AAAA", null)))), "needs a media type");
        assertInvalid(chat(List.of(), List.of(user(new ContentPart.Image(null, null, "data:image/png,AAAA")))),
                "data:<media type>;base64");
    }

    private void assertInvalid(ChatRequest request, String message) {
        assertThatThrownBy(() -> encoder.encode(request))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining(message);
    }
}
