package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicRequestValidationTest {

    private final AnthropicDialect dialect = new AnthropicDialect();

    private static final String USER = "{\"role\": \"user\", \"content\": \"Hi\"}";

    /** Each case overrides fields of a valid request; the request must fail naming {@code param}. */
    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                // top level
                rejects("model is missing", "{\"model\": null}", "model"),
                rejects("model is empty", "{\"model\": \"\"}", "model"),
                rejects("model is not a string", "{\"model\": 7}", "model"),
                rejects("max_tokens is missing", "{\"max_tokens\": null}", "max_tokens"),
                rejects("max_tokens is a string", "{\"max_tokens\": \"100\"}", "max_tokens"),
                rejects("max_tokens is fractional", "{\"max_tokens\": 1.5}", "max_tokens"),
                rejects("max_tokens is zero", "{\"max_tokens\": 0}", "max_tokens"),
                rejects("max_tokens overflows", "{\"max_tokens\": 10000000000}", "max_tokens"),
                rejects("messages is missing", "{\"messages\": null}", "messages"),
                rejects("messages is an object", "{\"messages\": {}}", "messages"),
                rejects("messages is empty", "{\"messages\": []}", "messages"),
                rejects("system is a number", "{\"system\": 1}", "system"),
                rejects("system block is an image", "{\"system\": [{\"type\": \"image\"}]}", "system.0.type"),
                rejects("system block has no text", "{\"system\": [{\"type\": \"text\"}]}", "system.0.text"),
                rejects("temperature is a string", "{\"temperature\": \"hot\"}", "temperature"),
                rejects("top_p is a string", "{\"top_p\": \"0.9\"}", "top_p"),
                rejects("top_k is fractional", "{\"top_k\": 1.5}", "top_k"),
                rejects("stop_sequences is a string", "{\"stop_sequences\": \"END\"}", "stop_sequences"),
                rejects("a stop sequence is a number", "{\"stop_sequences\": [\"a\", 1]}", "stop_sequences.1"),
                rejects("stream is a string", "{\"stream\": \"yes\"}", "stream"),
                rejects("metadata is a string", "{\"metadata\": \"x\"}", "metadata"),
                rejects("metadata.user_id is a number", "{\"metadata\": {\"user_id\": 1}}", "metadata.user_id"),
                // tools
                rejects("tools is an object", "{\"tools\": {}}", "tools"),
                rejects("a tool is a string", "{\"tools\": [\"x\"]}", "tools.0"),
                rejects("a tool has no name", "{\"tools\": [{\"input_schema\": {}}]}", "tools.0.name"),
                rejects(
                        "a tool description is a number",
                        "{\"tools\": [{\"name\": \"t\", \"description\": 1, \"input_schema\": {}}]}",
                        "tools.0.description"),
                rejects("a tool has no input_schema", "{\"tools\": [{\"name\": \"t\"}]}", "tools.0.input_schema"),
                rejects(
                        "a tool input_schema is a string",
                        "{\"tools\": [{\"name\": \"t\", \"input_schema\": \"{}\"}]}",
                        "tools.0.input_schema"),
                rejects(
                        "a server tool",
                        "{\"tools\": [{\"type\": \"web_search_20250305\", \"name\": \"web_search\"}]}",
                        "tools.0.type"),
                rejects("tool_choice is a string", "{\"tool_choice\": \"auto\"}", "tool_choice"),
                rejects("tool_choice has no type", "{\"tool_choice\": {}}", "tool_choice.type"),
                rejects(
                        "tool_choice type is unknown",
                        "{\"tool_choice\": {\"type\": \"required\"}}",
                        "tool_choice.type"),
                rejects("tool_choice tool has no name", "{\"tool_choice\": {\"type\": \"tool\"}}", "tool_choice.name"),
                rejects(
                        "disable_parallel_tool_use is a string",
                        "{\"tool_choice\": {\"type\": \"auto\", \"disable_parallel_tool_use\": \"no\"}}",
                        "tool_choice.disable_parallel_tool_use"),
                // messages
                rejects("a message is a string", messages("\"hi\""), "messages.0"),
                rejects("a message has no role", messages("{\"content\": \"x\"}"), "messages.0.role"),
                rejects(
                        "a message has an unknown role",
                        messages(USER + ", {\"role\": \"tool\", \"content\": \"x\"}"),
                        "messages.1.role"),
                rejects(
                        "every message is a system message",
                        messages("{\"role\": \"system\", \"content\": \"x\"}"),
                        "messages"),
                rejects(
                        "a system message holds an image",
                        messages(USER + ", {\"role\": \"system\", \"content\": [{\"type\": \"image\"}]}"),
                        "messages.1.content.0.type"),
                rejects("a message has no content", messages("{\"role\": \"user\"}"), "messages.0.content"),
                rejects("content is a number", messages("{\"role\": \"user\", \"content\": 3}"), "messages.0.content"),
                rejects("a block is a string", userBlocks("\"x\""), "messages.0.content.0"),
                rejects("a block has no type", userBlocks("{\"text\": \"x\"}"), "messages.0.content.0.type"),
                rejects("a block type is unknown", userBlocks("{\"type\": \"web_search_tool_result\"}"), "messages.0.content.0.type"),
                rejects("a document has no source", userBlocks("{\"type\": \"document\"}"), "messages.0.content.0.source"),
                rejects(
                        "a document source is a file",
                        userBlocks("{\"type\": \"document\", \"source\": {\"type\": \"file\", \"file_id\": \"f\"}}"),
                        "messages.0.content.0.source.type"),
                rejects(
                        "a base64 document has no data",
                        userBlocks("{\"type\": \"document\", \"source\": {\"type\": \"base64\", \"media_type\": \"application/pdf\"}}"),
                        "messages.0.content.0.source.data"),
                rejects(
                        "an assistant sends a document",
                        assistantBlocks("{\"type\": \"document\", \"source\": {\"type\": \"text\", \"data\": \"x\"}}"),
                        "messages.1.content.0"),
                rejects("a text block has no text", userBlocks("{\"type\": \"text\"}"), "messages.0.content.0.text"),
                rejects(
                        "a text block text is a number",
                        userBlocks("{\"type\": \"text\", \"text\": 1}"),
                        "messages.0.content.0.text"),
                rejects("an image has no source", userBlocks("{\"type\": \"image\"}"), "messages.0.content.0.source"),
                rejects(
                        "an image source is a file",
                        userBlocks("{\"type\": \"image\", \"source\": {\"type\": \"file\", \"file_id\": \"f\"}}"),
                        "messages.0.content.0.source.type"),
                rejects(
                        "a base64 image has no media_type",
                        userBlocks("{\"type\": \"image\", \"source\": {\"type\": \"base64\", \"data\": \"AA==\"}}"),
                        "messages.0.content.0.source.media_type"),
                rejects(
                        "a base64 image has no data",
                        userBlocks("{\"type\": \"image\", \"source\": {\"type\": \"base64\", \"media_type\":"
                                + " \"image/png\"}}"),
                        "messages.0.content.0.source.data"),
                rejects(
                        "a url image has no url",
                        userBlocks("{\"type\": \"image\", \"source\": {\"type\": \"url\"}}"),
                        "messages.0.content.0.source.url"),
                rejects(
                        "a tool_use block in a user message",
                        userBlocks("{\"type\": \"tool_use\", \"id\": \"t\", \"name\": \"n\", \"input\": {}}"),
                        "messages.0.content.0"),
                rejects(
                        "a tool_use block has no id",
                        assistantBlocks("{\"type\": \"tool_use\", \"name\": \"n\", \"input\": {}}"),
                        "messages.1.content.0.id"),
                rejects(
                        "a tool_use block has no name",
                        assistantBlocks("{\"type\": \"tool_use\", \"id\": \"t\", \"input\": {}}"),
                        "messages.1.content.0.name"),
                rejects(
                        "a tool_use input is a string",
                        assistantBlocks("{\"type\": \"tool_use\", \"id\": \"t\", \"name\": \"n\", \"input\": \"{}\"}"),
                        "messages.1.content.0.input"),
                rejects(
                        "a tool_result block in an assistant message",
                        assistantBlocks("{\"type\": \"tool_result\", \"tool_use_id\": \"t\"}"),
                        "messages.1.content.0"),
                rejects(
                        "a tool_result has no tool_use_id",
                        userBlocks("{\"type\": \"tool_result\"}"),
                        "messages.0.content.0.tool_use_id"),
                rejects(
                        "a tool_result content is a number",
                        userBlocks("{\"type\": \"tool_result\", \"tool_use_id\": \"t\", \"content\": 1}"),
                        "messages.0.content.0.content"),
                rejects(
                        "a tool_result holds a tool_use",
                        userBlocks("{\"type\": \"tool_result\", \"tool_use_id\": \"t\", \"content\": [{\"type\":"
                                + " \"tool_use\"}]}"),
                        "messages.0.content.0.content.0.type"),
                rejects(
                        "a tool_result is_error is a string",
                        userBlocks("{\"type\": \"tool_result\", \"tool_use_id\": \"t\", \"is_error\": \"yes\"}"),
                        "messages.0.content.0.is_error"),
                rejects(
                        "a thinking block has no thinking",
                        assistantBlocks("{\"type\": \"thinking\", \"signature\": \"s\"}"),
                        "messages.1.content.0.thinking"),
                rejects(
                        "a thinking signature is a number",
                        assistantBlocks("{\"type\": \"thinking\", \"thinking\": \"t\", \"signature\": 1}"),
                        "messages.1.content.0.signature"),
                rejects(
                        "a redacted_thinking block has no data",
                        assistantBlocks("{\"type\": \"redacted_thinking\"}"),
                        "messages.1.content.0.data"),
                rejects(
                        "a redacted_thinking block in a user message",
                        userBlocks("{\"type\": \"redacted_thinking\", \"data\": \"x\"}"),
                        "messages.0.content.0"),
                rejects(
                        "an output_format that is not a JSON schema",
                        "{\"output_format\": {\"type\": \"json_object\"}}",
                        "output_format.type"),
                rejects(
                        "an output_config.format without a schema",
                        "{\"output_config\": {\"format\": {\"type\": \"json_schema\"}}}",
                        "output_config.format.schema"),
                rejects(
                        "both output_format and output_config.format",
                        "{\"output_format\": {\"type\": \"json_schema\", \"schema\": {}},"
                                + " \"output_config\": {\"format\": {\"type\": \"json_schema\", \"schema\": {}}}}",
                        "output_format"),
                rejects("an output_config.effort that is a number", "{\"output_config\": {\"effort\": 3}}",
                        "output_config.effort"),
                rejects("thinking is a string", "{\"thinking\": \"adaptive\"}", "thinking"),
                rejects(
                        "a thinking budget that is a string",
                        "{\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": \"lots\"}}",
                        "thinking.budget_tokens"));
    }

    private static Arguments rejects(String what, String overrides, String param) {
        return Arguments.of(what, overrides, param);
    }

    private static String messages(String items) {
        return "{\"messages\": [" + items + "]}";
    }

    private static String userBlocks(String blocks) {
        return messages("{\"role\": \"user\", \"content\": [" + blocks + "]}");
    }

    private static String assistantBlocks(String blocks) {
        return messages(USER + ", {\"role\": \"assistant\", \"content\": [" + blocks + "]}");
    }

    private InvalidRequestException rejection(JsonObject body) {
        InvalidRequestException thrown =
                catchThrowableOfType(InvalidRequestException.class, () -> dialect.decode(body));
        assertThat(thrown).as("decoding %s", body.encode()).isNotNull();
        return thrown;
    }

    @ParameterizedTest(name = "rejects a request where {0}")
    @MethodSource("invalidRequests")
    void rejects_an_invalid_request_naming_the_offending_field(String what, String overrides, String param) {
        InvalidRequestException thrown =
                rejection(AnthropicRequestDecoderTest.minimal().mergeIn(new JsonObject(overrides)));

        assertThat(thrown.param()).isEqualTo(param);
        assertThat(thrown.getMessage()).startsWith(param + ": ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "max_tokens", "messages"})
    void rejects_a_request_without_a_required_field(String field) {
        JsonObject body = AnthropicRequestDecoderTest.minimal();
        body.remove(field);

        InvalidRequestException thrown = rejection(body);

        assertThat(thrown.param()).isEqualTo(field);
        assertThat(thrown.getMessage()).isEqualTo(field + ": Field required");
    }

    @Test
    void names_the_unsupported_block_type_in_the_message() {
        InvalidRequestException thrown = rejection(AnthropicRequestDecoderTest.minimal()
                .mergeIn(new JsonObject(assistantBlocks("{\"type\": \"web_search_tool_result\", \"content\": []}"))));

        assertThat(thrown.getMessage())
                .isEqualTo("messages.1.content.0.type: unsupported content block type \"web_search_tool_result\"");
    }
}
