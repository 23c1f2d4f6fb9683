package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestDecoderTest {

    private static final JsonObject EPHEMERAL =
            new JsonObject().put("cache_control", new JsonObject().put("type", "ephemeral"));

    private final AnthropicDialect dialect = new AnthropicDialect();

    static JsonObject minimal() {
        return new JsonObject("""
            {"model": "claude-sonnet-4-5", "max_tokens": 256,
             "messages": [{"role": "user", "content": "Hello"}]}\
            """);
    }

    private DecodedRequest decode(String overrides) {
        return dialect.decode(minimal().mergeIn(new JsonObject(overrides)));
    }

    private List<ContentPart> contentOf(String messages, int index) {
        return decode("{\"messages\": " + messages + "}")
                .request()
                .messages()
                .get(index)
                .content();
    }

    @Test
    void a_system_message_among_the_messages_stays_in_place_as_text() {
        ChatRequest request = decode("""
                {"messages": [
                  {"role": "user", "content": "Hello"},
                  {"role": "system", "content": "Agents available: Explore."},
                  {"role": "assistant", "content": "Hi."},
                  {"role": "system", "content": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]},
                  {"role": "user", "content": "Go on."}]}""")
                .request();

        assertThat(request.system()).isEmpty();
        assertThat(request.messages())
                .containsExactly(
                        Message.text(Message.Role.USER, "Hello"),
                        Message.text(Message.Role.SYSTEM, "Agents available: Explore."),
                        Message.text(Message.Role.ASSISTANT, "Hi."),
                        new Message(Message.Role.SYSTEM, List.of(new ContentPart.Text("Be brief.", EPHEMERAL))),
                        Message.text(Message.Role.USER, "Go on."));
    }

    @Test
    void decodes_a_minimal_request_with_usage_always_included() {
        DecodedRequest decoded = dialect.decode(minimal());

        ChatRequest request = decoded.request();
        assertThat(request.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.messages()).containsExactly(Message.text(Message.Role.USER, "Hello"));
        assertThat(request.sampling()).isEqualTo(new Sampling(null, null, null, 256, List.of(), null));
        assertThat(request.system()).isEmpty();
        assertThat(request.tools()).isEmpty();
        assertThat(request.toolChoice()).isNull();
        assertThat(request.user()).isNull();
        assertThat(request.metadata()).isEqualTo(new JsonObject());
        assertThat(request.extra()).isEqualTo(new JsonObject());
        assertThat(decoded.stream()).isFalse();
        assertThat(decoded.includeUsage()).isTrue();
    }

    @Test
    void reads_stream_true() {
        assertThat(decode("{\"stream\": true}").stream()).isTrue();
    }

    @Test
    void maps_a_system_string_to_one_text_part() {
        assertThat(decode("{\"system\": \"Be brief.\"}").request().system())
                .containsExactly(new ContentPart.Text("Be brief."));
    }

    @Test
    void maps_system_text_blocks_in_order_keeping_their_cache_control() {
        String system = """
            {"system": [{"type": "text", "text": "One."},
                        {"type": "text", "text": "Two.", "cache_control": {"type": "ephemeral"}}]}\
            """;
        assertThat(decode(system).request().system())
                .containsExactly(new ContentPart.Text("One."), new ContentPart.Text("Two.", EPHEMERAL));
    }

    @Test
    void maps_roles_and_string_content_of_every_message() {
        String messages = """
            [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"},
             {"role": "user", "content": "Bye"}]\
            """;
        assertThat(decode("{\"messages\": " + messages + "}").request().messages())
                .containsExactly(
                        Message.text(Message.Role.USER, "Hi"),
                        Message.text(Message.Role.ASSISTANT, "Hello"),
                        Message.text(Message.Role.USER, "Bye"));
    }

    @Test
    void maps_text_blocks_in_order_keeping_their_cache_control() {
        String messages = """
            [{"role": "user", "content": [{"type": "text", "text": "a"},
              {"type": "text", "text": "b", "cache_control": {"type": "ephemeral"}}]}]\
            """;
        assertThat(contentOf(messages, 0))
                .containsExactly(new ContentPart.Text("a"), new ContentPart.Text("b", EPHEMERAL));
    }

    @Test
    void maps_base64_and_url_images() {
        String messages = """
            [{"role": "user", "content": [
              {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
              {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}]}]\
            """;
        assertThat(contentOf(messages, 0))
                .containsExactly(
                        new ContentPart.Image("image/png", "iVBORw0KGgo=", null),
                        new ContentPart.Image(null, null, "https://example.com/cat.jpg"));
    }

    @Test
    void maps_tool_use_and_tool_result_keeping_their_ids() {
        String messages = """
            [{"role": "user", "content": "Weather in Paris?"},
             {"role": "assistant", "content": [
               {"type": "text", "text": "Checking."},
               {"type": "tool_use", "id": "toolu_01A", "name": "get_weather",
                "input": {"city": "Paris", "days": 2}, "caller": {"type": "direct"}}]},
             {"role": "user", "content": [
               {"type": "tool_result", "tool_use_id": "toolu_01A", "content": "18C"},
               {"type": "tool_result", "tool_use_id": "toolu_01B", "is_error": true,
                "content": [{"type": "text", "text": "failed"},
                            {"type": "image", "source": {"type": "url", "url": "https://x/y.png"}}]},
               {"type": "tool_result", "tool_use_id": "toolu_01C"}]}]\
            """;
        DecodedRequest decoded = decode("{\"messages\": " + messages + "}");

        assertThat(decoded.request().messages().get(1).content())
                .containsExactly(
                        new ContentPart.Text("Checking."),
                        new ContentPart.ToolCall(
                                "toolu_01A",
                                "get_weather",
                                "{\"city\":\"Paris\",\"days\":2}",
                                new JsonObject().put("caller", new JsonObject().put("type", "direct"))));
        assertThat(decoded.request().messages().get(2).content())
                .containsExactly(
                        new ContentPart.ToolResult("toolu_01A", List.of(new ContentPart.Text("18C")), false),
                        new ContentPart.ToolResult(
                                "toolu_01B",
                                List.of(
                                        new ContentPart.Text("failed"),
                                        new ContentPart.Image(null, null, "https://x/y.png")),
                                true),
                        new ContentPart.ToolResult("toolu_01C", List.of(), false));
    }

    @Test
    void maps_thinking_with_its_signature() {
        String messages = """
            [{"role": "user", "content": "Think"},
             {"role": "assistant", "content": [
               {"type": "thinking", "thinking": "Let me see", "signature": "EqQBCgIYAhIM"},
               {"type": "thinking", "thinking": "unsigned", "signature": ""}]}]\
            """;
        assertThat(contentOf(messages, 1))
                .containsExactly(
                        new ContentPart.Thinking("Let me see", "EqQBCgIYAhIM"),
                        new ContentPart.Thinking("unsigned", null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "null",
            delimiter = '|',
            value = {
                "{\"type\": \"auto\"}                                         | AUTO     | null        | null",
                "{\"type\": \"any\"}                                          | REQUIRED | null        | null",
                "{\"type\": \"none\"}                                         | NONE     | null        | null",
                "{\"type\": \"tool\", \"name\": \"get_weather\"}              | NAMED    | get_weather | null",
                "{\"type\": \"auto\", \"disable_parallel_tool_use\": true}    | AUTO     | null        | false",
                "{\"type\": \"any\", \"disable_parallel_tool_use\": false}    | REQUIRED | null        | true",
            })
    void maps_tool_choice(String choice, ToolChoice.Mode mode, String name, Boolean parallel) {
        assertThat(decode("{\"tool_choice\": " + choice + "}").request().toolChoice())
                .isEqualTo(new ToolChoice(mode, name, parallel));
    }

    @Test
    void maps_tools_with_their_schemas() {
        String tools = """
            {"tools": [
              {"name": "get_weather", "description": "Current weather",
               "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}},
              {"type": "custom", "name": "noop", "input_schema": {"type": "object"}}]}\
            """;
        assertThat(decode(tools).request().tools())
                .containsExactly(
                        new Tool(
                                "get_weather",
                                "Current weather",
                                new JsonObject(
                                        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")),
                        new Tool(
                                "noop",
                                null,
                                new JsonObject("{\"type\":\"object\"}"),
                                new JsonObject().put("type", "custom")));
    }

    @Test
    void maps_sampling_parameters() {
        String sampling = """
            {"max_tokens": 1024, "temperature": 0.5, "top_p": 1, "top_k": 40, "stop_sequences": ["END", "\\n\\n"]}\
            """;
        assertThat(decode(sampling).request().sampling())
                .isEqualTo(new Sampling(0.5, 1.0, 40, 1024, List.of("END", "\n\n"), null));
    }

    @Test
    void takes_the_user_from_metadata_user_id_and_keeps_the_metadata() {
        ChatRequest request = decode("{\"metadata\": {\"user_id\": \"u-42\"}}").request();

        assertThat(request.user()).isEqualTo("u-42");
        assertThat(request.metadata()).isEqualTo(new JsonObject().put("user_id", "u-42"));
    }

    @Test
    void passes_unknown_top_level_fields_verbatim_into_extra() {
        String unknown = """
            {"thinking": {"type": "enabled", "budget_tokens": 2048}, "service_tier": "auto",
             "container": null, "stream": false}\
            """;
        assertThat(decode(unknown).request().extra()).isEqualTo(new JsonObject("""
            {"thinking": {"type": "enabled", "budget_tokens": 2048}, "service_tier": "auto",
             "container": null}\
            """));
    }

    @Test
    void maps_redacted_thinking_with_its_data_unchanged() {
        String messages = """
            [{"role": "user", "content": "Think"},
             {"role": "assistant", "content": [
               {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4a"},
               {"type": "text", "text": "Done."}]}]\
            """;
        assertThat(contentOf(messages, 1))
                .containsExactly(
                        new ContentPart.RedactedThinking("EmwKAhgBEgy3va3pzix/LafPsn4a"), new ContentPart.Text("Done."));
    }

    @Test
    void maps_output_config_format_and_keeps_the_rest_of_output_config_in_extra() {
        ChatRequest request = decode("""
            {"output_config": {"effort": "low",
              "format": {"type": "json_schema", "schema": {"type": "object", "required": ["a"]}}}}\
            """).request();

        assertThat(request.responseFormat())
                .isEqualTo(new ResponseFormat(
                        ResponseFormat.Type.JSON_SCHEMA, null, new JsonObject("{\"type\": \"object\", \"required\": [\"a\"]}"), null));
        assertThat(request.extra()).isEqualTo(new JsonObject().put("output_config", new JsonObject().put("effort", "low")));
    }

    @Test
    void maps_the_beta_output_format() {
        ChatRequest request = decode("""
            {"output_format": {"type": "json_schema", "schema": {"type": "object"}}, "output_config": {}}\
            """).request();

        assertThat(request.responseFormat())
                .isEqualTo(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, null, new JsonObject().put("type", "object"), null));
        assertThat(request.extra()).isEqualTo(new JsonObject());
    }

    @Test
    void count_tokens_needs_no_max_tokens_but_checks_it_when_given() {
        JsonObject body = minimal();
        body.remove("max_tokens");

        DecodedRequest decoded = dialect.decodeCountTokens(body);

        assertThat(decoded.request().sampling().maxTokens()).isNull();
        assertThat(decoded.request().messages()).containsExactly(Message.text(Message.Role.USER, "Hello"));
        assertThat(dialect.decodeCountTokens(minimal()).request().sampling().maxTokens()).isEqualTo(256);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dialect.decodeCountTokens(minimal().put("max_tokens", 0)))
                .isInstanceOf(dev.junction.gateway.dialect.InvalidRequestException.class)
                .hasMessageStartingWith("max_tokens: ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dialect.decode(body))
                .hasMessage("max_tokens: Field required");
    }
}
