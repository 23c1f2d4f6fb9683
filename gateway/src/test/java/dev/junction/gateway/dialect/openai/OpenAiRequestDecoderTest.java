package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiRequestDecoderTest {

    private final OpenAiDialect dialect = new OpenAiDialect();

    private ChatRequest decode(String json) {
        return dialect.decode(new JsonObject(json)).request();
    }

    /** A body with one user message plus the given top-level fields. */
    private ChatRequest decodeWith(String fields) {
        return decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    @Test
    void decodes_a_minimal_request_with_defaults() {
        DecodedRequest decoded = dialect.decode(new JsonObject("""
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello"}]}"""));

        assertThat(decoded.stream()).isFalse();
        assertThat(decoded.includeUsage()).isFalse();
        ChatRequest request = decoded.request();
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.system()).isEmpty();
        assertThat(request.messages()).containsExactly(Message.text(Message.Role.USER, "Hello"));
        assertThat(request.tools()).isEmpty();
        assertThat(request.toolChoice()).isNull();
        assertThat(request.sampling().maxTokens()).isNull();
        assertThat(request.extra()).isEqualTo(new JsonObject());
        assertThat(request.metadata()).isEqualTo(new JsonObject());
    }

    @Test
    void leading_system_and_developer_messages_are_the_system_parts_in_order() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "system", "content": "first"},
                  {"role": "developer", "content": [
                    {"type": "text", "text": "second"},
                    {"type": "text", "text": "third"}]},
                  {"role": "user", "content": "hi"}
                ]}""");

        assertThat(request.system())
                .containsExactly(
                        new ContentPart.Text("first"), new ContentPart.Text("second"), new ContentPart.Text("third"));
        assertThat(request.messages()).containsExactly(Message.text(Message.Role.USER, "hi"));
    }

    @Test
    void a_system_or_developer_message_after_the_first_turn_stays_in_place() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "system", "content": "first"},
                  {"role": "user", "content": "hi"},
                  {"role": "developer", "content": [{"type": "text", "text": "Answer in French."}]},
                  {"role": "assistant", "content": "Bonjour."},
                  {"role": "system", "content": "Be brief."}
                ]}""");

        assertThat(request.system()).containsExactly(new ContentPart.Text("first"));
        assertThat(request.messages())
                .containsExactly(
                        Message.text(Message.Role.USER, "hi"),
                        Message.text(Message.Role.SYSTEM, "Answer in French."),
                        Message.text(Message.Role.ASSISTANT, "Bonjour."),
                        Message.text(Message.Role.SYSTEM, "Be brief."));
    }

    @Test
    void decodes_user_text_parts_and_image_urls_keeping_the_detail_in_extra() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is this?"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "high"}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}}
                ]}]}""");

        assertThat(request.messages().get(0).content())
                .containsExactly(
                        new ContentPart.Text("What is this?"),
                        new ContentPart.Image("image/png", "iVBORw0KGgo=", null, new JsonObject().put("detail", "high")),
                        new ContentPart.Image(null, null, "https://example.com/cat.jpg"));
    }

    @Test
    void keeps_unknown_fields_of_text_parts_and_tool_functions_in_extra() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "system", "content": [{"type": "text", "text": "Rules.", "cache_control": {"type": "ephemeral"}}]},
                  {"role": "user", "content": [
                    {"type": "text", "text": "Hi", "cache_control": {"type": "ephemeral"}},
                    {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": "low", "x-future": 1}}]}],
                 "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}, "strict": true}}]}""");

        JsonObject ephemeral = new JsonObject().put("cache_control", new JsonObject().put("type", "ephemeral"));
        assertThat(request.system()).containsExactly(new ContentPart.Text("Rules.", ephemeral));
        assertThat(request.messages().get(0).content())
                .containsExactly(
                        new ContentPart.Text("Hi", ephemeral),
                        new ContentPart.Image(
                                null, null, "https://x/y.png", new JsonObject().put("detail", "low").put("x-future", 1)));
        assertThat(request.tools())
                .containsExactly(
                        new Tool("f", null, new JsonObject().put("type", "object"), new JsonObject().put("strict", true)));
    }

    @Test
    void decodes_assistant_tool_calls_with_ids_and_arguments_unchanged() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "user", "content": "weather?"},
                  {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_abc", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}},
                    {"id": "toolu_01X", "type": "function", "function": {"name": "get_time", "arguments": ""}}
                  ]}
                ]}""");

        assertThat(request.messages().get(1))
                .isEqualTo(new Message(
                        Message.Role.ASSISTANT,
                        List.of(
                                new ContentPart.ToolCall("call_abc", "get_weather", "{\"city\": \"Paris\"}"),
                                new ContentPart.ToolCall("toolu_01X", "get_time", "{}"))));
    }

    @Test
    void keeps_assistant_text_before_its_tool_calls() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "user", "content": "hi"},
                  {"role": "assistant", "content": [{"type": "text", "text": "Let me check."}],
                   "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}
                ]}""");

        assertThat(request.messages().get(1).content())
                .containsExactly(new ContentPart.Text("Let me check."), new ContentPart.ToolCall("c1", "f", "{}"));
    }

    @Test
    void merges_consecutive_tool_messages_into_one_user_turn() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "user", "content": "go"},
                  {"role": "assistant", "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "a", "arguments": "{}"}},
                    {"id": "c2", "type": "function", "function": {"name": "b", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "c1", "content": "one"},
                  {"role": "tool", "tool_call_id": "c2", "content": [{"type": "text", "text": "two"}]},
                  {"role": "user", "content": "thanks"},
                  {"role": "assistant", "content": "done"}
                ]}""");

        assertThat(request.messages()).hasSize(4);
        assertThat(request.messages().get(2))
                .isEqualTo(new Message(
                        Message.Role.USER,
                        List.of(
                                new ContentPart.ToolResult("c1", List.of(new ContentPart.Text("one")), false),
                                new ContentPart.ToolResult("c2", List.of(new ContentPart.Text("two")), false),
                                new ContentPart.Text("thanks"))));
        assertThat(request.messages().get(3)).isEqualTo(Message.text(Message.Role.ASSISTANT, "done"));
    }

    @Test
    void keeps_a_user_message_separate_when_no_tool_results_precede_it() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "user", "content": "one"},
                  {"role": "user", "content": "two"}
                ]}""");

        assertThat(request.messages())
                .containsExactly(Message.text(Message.Role.USER, "one"), Message.text(Message.Role.USER, "two"));
    }

    @Test
    void decodes_function_tools() {
        ChatRequest request = decodeWith("""
                "tools": [
                  {"type": "function", "function": {"name": "get_weather", "description": "Weather now",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}},
                  {"type": "function", "function": {"name": "ping"}}
                ]""");

        assertThat(request.tools())
                .containsExactly(
                        new Tool(
                                "get_weather",
                                "Weather now",
                                new JsonObject(
                                        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")),
                        new Tool("ping", null, null));
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of("\"tool_choice\": \"auto\"", new ToolChoice(ToolChoice.Mode.AUTO, null, null)),
                Arguments.of("\"tool_choice\": \"none\"", new ToolChoice(ToolChoice.Mode.NONE, null, null)),
                Arguments.of(
                        "\"tool_choice\": \"required\", \"parallel_tool_calls\": false",
                        new ToolChoice(ToolChoice.Mode.REQUIRED, null, false)),
                Arguments.of(
                        "\"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"f\"}}",
                        new ToolChoice(ToolChoice.Mode.NAMED, "f", null)),
                Arguments.of("\"parallel_tool_calls\": true", new ToolChoice(ToolChoice.Mode.AUTO, null, true)),
                Arguments.of("\"tool_choice\": null", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolChoices")
    void decodes_tool_choice_variants(String fields, ToolChoice expected) {
        assertThat(decodeWith(fields).toolChoice()).isEqualTo(expected);
    }

    @Test
    void decodes_a_stop_string_as_one_sequence() {
        assertThat(decodeWith("\"stop\": \"END\"").sampling().stop()).containsExactly("END");
    }

    @Test
    void decodes_a_stop_array_in_order() {
        assertThat(decodeWith("\"stop\": [\"a\", \"b\"]").sampling().stop()).containsExactly("a", "b");
    }

    @Test
    void decodes_sampling_parameters() {
        ChatRequest request = decodeWith(
                "\"temperature\": 0.2, \"top_p\": 1, \"top_k\": 40, \"max_tokens\": 100, \"seed\": 12345678901");

        assertThat(request.sampling().temperature()).isEqualTo(0.2);
        assertThat(request.sampling().topP()).isEqualTo(1.0);
        assertThat(request.sampling().topK()).isEqualTo(40);
        assertThat(request.sampling().maxTokens()).isEqualTo(100);
        assertThat(request.sampling().seed()).isEqualTo(12345678901L);
    }

    @Test
    void prefers_max_completion_tokens_over_max_tokens() {
        assertThat(decodeWith("\"max_tokens\": 100, \"max_completion_tokens\": 50")
                        .sampling()
                        .maxTokens())
                .isEqualTo(50);
    }

    @Test
    void decodes_stream_and_include_usage() {
        DecodedRequest decoded = dialect.decode(new JsonObject("""
                {"model": "m", "messages": [{"role": "user", "content": "hi"}],
                 "stream": true, "stream_options": {"include_usage": true}}"""));

        assertThat(decoded.stream()).isTrue();
        assertThat(decoded.includeUsage()).isTrue();
    }

    @Test
    void decodes_user_metadata_and_accepts_n_of_one() {
        ChatRequest request = decodeWith("\"user\": \"u-1\", \"metadata\": {\"team\": \"a\"}, \"n\": 1");

        assertThat(request.user()).isEqualTo("u-1");
        assertThat(request.metadata()).isEqualTo(new JsonObject().put("team", "a"));
    }

    @Test
    void carries_unknown_top_level_fields_verbatim_in_extra() {
        ChatRequest request = decodeWith("""
                "response_format": {"type": "json_object"}, "frequency_penalty": 0.5,
                "logprobs": true, "reasoning_effort": "low", "temperature": 1""");

        assertThat(request.extra())
                .isEqualTo(new JsonObject()
                        .put("frequency_penalty", 0.5)
                        .put("logprobs", true));
    }

    @Test
    void reasoning_effort_is_the_canonical_reasoning() {
        ChatRequest request = decodeWith("\"reasoning_effort\": \"high\"");

        assertThat(request.reasoning()).isEqualTo(new Reasoning("high", null));
        assertThat(decodeWith("\"temperature\": 1").reasoning()).as("never invented").isNull();
    }

    @Test
    void treats_null_optional_fields_as_absent() {
        ChatRequest request = decodeWith("\"temperature\": null, \"stop\": null, \"tools\": null, \"user\": null");

        assertThat(request.sampling().temperature()).isNull();
        assertThat(request.sampling().stop()).isEmpty();
        assertThat(request.tools()).isEmpty();
        assertThat(request.user()).isNull();
    }

    @Test
    void decodes_tool_results_with_empty_content_as_no_parts() {
        ChatRequest request = decode("""
                {"model": "m", "messages": [
                  {"role": "assistant", "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "c1", "content": ""}
                ]}""");

        assertThat(request.messages().get(1).content())
                .containsExactly(new ContentPart.ToolResult("c1", List.of(), false));
    }

    @Test
    void leaves_the_request_body_unchanged() {
        JsonObject body = new JsonObject("""
                {"model": "m", "messages": [{"role": "user", "content": "hi"}], "logprobs": true}""");
        JsonObject before = body.copy();

        dialect.decode(body);

        assertThat(body).isEqualTo(before);
    }

    @Test
    void decodes_a_json_schema_response_format_out_of_extra() {
        ChatRequest request = decodeWith("""
                "response_format": {"type": "json_schema", "json_schema": {
                  "name": "weather", "description": "The forecast", "strict": true,
                  "schema": {"type": "object", "properties": {"city": {"type": "string"}}}}}""");

        assertThat(request.responseFormat())
                .isEqualTo(new ResponseFormat(
                        ResponseFormat.Type.JSON_SCHEMA,
                        "weather",
                        new JsonObject("{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}"),
                        true));
        assertThat(request.extra()).isEqualTo(new JsonObject());
    }

    @Test
    void decodes_json_object_and_text_response_formats() {
        assertThat(decodeWith("\"response_format\": {\"type\": \"json_object\"}").responseFormat())
                .isEqualTo(ResponseFormat.jsonObject());
        assertThat(decodeWith("\"response_format\": {\"type\": \"text\"}").responseFormat()).isNull();
        assertThat(decodeWith("\"response_format\": null").responseFormat()).isNull();
    }

    @Test
    void reads_a_json_schema_without_schema_as_the_empty_schema() {
        ResponseFormat format = decodeWith("\"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"any\"}}")
                .responseFormat();

        assertThat(format).isEqualTo(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "any", new JsonObject(), null));
    }

    @Test
    void leaves_dialect_and_headers_to_the_front_end() {
        ChatRequest request = decodeWith("");

        assertThat(request.dialect()).isNull();
        assertThat(request.headers()).isEmpty();
    }
}
