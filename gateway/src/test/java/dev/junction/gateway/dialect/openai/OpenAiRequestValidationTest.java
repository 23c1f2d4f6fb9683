package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid request is rejected with the path of the offending field and a message naming it.
 * Bodies are written with single quotes for readability.
 */
class OpenAiRequestValidationTest {

    private static final String USER = "{'role': 'user', 'content': 'hi'}";

    /** A valid body with {@code fields} added at the top level. */
    private static String with(String fields) {
        return "{'model': 'm', 'messages': [" + USER + "], " + fields + "}";
    }

    /** A valid body with {@code message} after its user message, so at {@code messages[1]}. */
    private static String withMessage(String message) {
        return "{'model': 'm', 'messages': [" + USER + ", " + message + "]}";
    }

    /** A body whose {@code messages[1]} is an assistant message with {@code toolCall} as its only call. */
    private static String withToolCall(String toolCall) {
        return withMessage("{'role': 'assistant', 'tool_calls': [" + toolCall + "]}");
    }

    /** A body whose {@code messages[1]} is a user message with {@code part} as its only content part. */
    private static String withUserPart(String part) {
        return withMessage("{'role': 'user', 'content': [" + part + "]}");
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                // model and messages
                Arguments.of("model", "{'messages': [" + USER + "]}"),
                Arguments.of("model", "{'model': '', 'messages': [" + USER + "]}"),
                Arguments.of("model", "{'model': 4, 'messages': [" + USER + "]}"),
                Arguments.of("messages", "{'model': 'm'}"),
                Arguments.of("messages", "{'model': 'm', 'messages': {}}"),
                Arguments.of("messages", "{'model': 'm', 'messages': []}"),
                Arguments.of("messages", "{'model': 'm', 'messages': [{'role': 'system', 'content': 's'}]}"),
                Arguments.of("messages[1]", withMessage("'hello'")),
                // roles and content
                Arguments.of("messages[1].role", withMessage("{'content': 'x'}")),
                Arguments.of("messages[1].role", withMessage("{'role': 'function', 'content': 'x'}")),
                Arguments.of("messages[1].role", withMessage("{'role': 1, 'content': 'x'}")),
                Arguments.of("messages[1].content", withMessage("{'role': 'user'}")),
                Arguments.of("messages[1].content", withMessage("{'role': 'user', 'content': 42}")),
                Arguments.of("messages[1].content", withMessage("{'role': 'system', 'content': {}}")),
                Arguments.of("messages[1].content", withMessage("{'role': 'assistant'}")),
                Arguments.of(
                        "messages[1].content[0].type",
                        withMessage(
                                "{'role': 'system', 'content': [{'type': 'image_url', 'image_url': {'url': 'u'}}]}")),
                Arguments.of("messages[1].content[0]", withUserPart("'x'")),
                Arguments.of("messages[1].content[0].type", withUserPart("{'text': 'x'}")),
                Arguments.of("messages[1].content[0].type", withUserPart("{'type': 'input_audio', 'input_audio': {}}")),
                Arguments.of("messages[1].content[0].text", withUserPart("{'type': 'text', 'text': 3}")),
                Arguments.of("messages[1].content[0].image_url", withUserPart("{'type': 'image_url'}")),
                Arguments.of(
                        "messages[1].content[0].image_url.url", withUserPart("{'type': 'image_url', 'image_url': {}}")),
                Arguments.of(
                        "messages[1].content[0].image_url.url",
                        withUserPart("{'type': 'image_url', 'image_url': {'url': 'data:image/png,abc'}}")),
                // assistant tool calls
                Arguments.of("messages[1].tool_calls", withMessage("{'role': 'assistant', 'tool_calls': {}}")),
                Arguments.of(
                        "messages[1].tool_calls[0].id",
                        withToolCall("{'type': 'function', 'function': {'name': 'f'}}")),
                Arguments.of(
                        "messages[1].tool_calls[0].type",
                        withToolCall("{'id': 'c', 'type': 'custom', 'function': {'name': 'f'}}")),
                Arguments.of("messages[1].tool_calls[0].function", withToolCall("{'id': 'c', 'type': 'function'}")),
                Arguments.of(
                        "messages[1].tool_calls[0].function.name",
                        withToolCall("{'id': 'c', 'function': {'arguments': '{}'}}")),
                Arguments.of(
                        "messages[1].tool_calls[0].function.arguments",
                        withToolCall("{'id': 'c', 'function': {'name': 'f', 'arguments': {}}}")),
                // tool messages
                Arguments.of("messages[1].tool_call_id", withMessage("{'role': 'tool', 'content': 'r'}")),
                Arguments.of("messages[1].content", withMessage("{'role': 'tool', 'tool_call_id': 'c'}")),
                // sampling
                Arguments.of("temperature", with("'temperature': 'hot'")),
                Arguments.of("top_p", with("'top_p': true")),
                Arguments.of("top_k", with("'top_k': 1.5")),
                Arguments.of("max_tokens", with("'max_tokens': 0")),
                Arguments.of("max_tokens", with("'max_tokens': '10'")),
                Arguments.of("max_completion_tokens", with("'max_completion_tokens': -5")),
                Arguments.of("stop", with("'stop': 3")),
                Arguments.of("stop[1]", with("'stop': ['a', 1]")),
                Arguments.of("seed", with("'seed': 0.5")),
                Arguments.of("reasoning_effort", with("'reasoning_effort': {'effort': 'high'}")),
                Arguments.of("n", with("'n': 2")),
                Arguments.of("n", with("'n': '1'")),
                // streaming
                Arguments.of("stream", with("'stream': 'yes'")),
                Arguments.of("stream_options", with("'stream_options': true")),
                Arguments.of("stream_options.include_usage", with("'stream_options': {'include_usage': 1}")),
                // tools
                Arguments.of("tools", with("'tools': {}")),
                Arguments.of("tools[0]", with("'tools': [1]")),
                Arguments.of("tools[0].type", with("'tools': [{'function': {'name': 'f'}}]")),
                Arguments.of("tools[0].type", with("'tools': [{'type': 'custom', 'custom': {'name': 'f'}}]")),
                Arguments.of("tools[0].function", with("'tools': [{'type': 'function'}]")),
                Arguments.of("tools[0].function.name", with("'tools': [{'type': 'function', 'function': {}}]")),
                Arguments.of(
                        "tools[0].function.parameters",
                        with("'tools': [{'type': 'function', 'function': {'name': 'f', 'parameters': []}}]")),
                Arguments.of("tool_choice", with("'tool_choice': 'any'")),
                Arguments.of("tool_choice", with("'tool_choice': 1")),
                Arguments.of("tool_choice.type", with("'tool_choice': {'type': 'allowed_tools'}")),
                Arguments.of("tool_choice.function.name", with("'tool_choice': {'type': 'function', 'function': {}}")),
                Arguments.of("parallel_tool_calls", with("'parallel_tool_calls': 'no'")),
                // the rest
                Arguments.of("user", with("'user': 7")),
                Arguments.of("metadata", with("'metadata': 'x'")),
                // response_format
                Arguments.of("response_format", with("'response_format': 'json'")),
                Arguments.of("response_format.type", with("'response_format': {}")),
                Arguments.of("response_format.type", with("'response_format': {'type': 'xml'}")),
                Arguments.of("response_format.json_schema", with("'response_format': {'type': 'json_schema'}")),
                Arguments.of(
                        "response_format.json_schema.name",
                        with("'response_format': {'type': 'json_schema', 'json_schema': {'schema': {}}}")),
                Arguments.of(
                        "response_format.json_schema.schema",
                        with("'response_format': {'type': 'json_schema', 'json_schema': {'name': 'n', 'schema': []}}")),
                Arguments.of(
                        "response_format.json_schema.strict",
                        with("'response_format': {'type': 'json_schema', 'json_schema': {'name': 'n', 'strict': 'y'}}")));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("invalidRequests")
    void rejects_an_invalid_field_with_its_path(String param, String body) {
        JsonObject json = new JsonObject(body.replace('\'', '"'));

        assertThatThrownBy(() -> new OpenAiDialect().decode(json))
                .isInstanceOfSatisfying(InvalidRequestException.class, error -> {
                    assertThat(error.param()).isEqualTo(param);
                    assertThat(error.getMessage()).contains("'" + param + "'");
                });
    }
}
