package dev.junction.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid Responses request is rejected with the path of the offending field, OpenAI style
 * ({@code input[1].content[0].text}), and a message naming it. Bodies are written with single
 * quotes for readability.
 */
class ResponsesRequestValidationTest {

    private static final String USER = "{'role': 'user', 'content': 'hi'}";

    /** A valid body with {@code fields} added at the top level. */
    private static String with(String fields) {
        return "{'model': 'm', 'input': 'hi', " + fields + "}";
    }

    /** A valid body with {@code item} after its user message, so at {@code input[1]}. */
    private static String withItem(String item) {
        return "{'model': 'm', 'input': [" + USER + ", " + item + "]}";
    }

    /** A body whose {@code input[1]} is a user message with {@code part} as its only content part. */
    private static String withUserPart(String part) {
        return withItem("{'role': 'user', 'content': [" + part + "]}");
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                // model and input
                Arguments.of("model", "{'input': 'hi'}"),
                Arguments.of("model", "{'model': ' ', 'input': 'hi'}"),
                Arguments.of("input", "{'model': 'm'}"),
                Arguments.of("input", "{'model': 'm', 'input': 42}"),
                Arguments.of("input", "{'model': 'm', 'input': []}"),
                Arguments.of("input", "{'model': 'm', 'input': [{'role': 'developer', 'content': 'only rules'}]}"),
                Arguments.of("input[1]", withItem("'hello'")),
                // items
                Arguments.of("input[1].type", withItem("{'content': 'no role, no type'}")),
                Arguments.of("input[1].type", withItem("{'type': 'file_search_result'}")),
                Arguments.of("input[1].type", withItem("{'type': 7}")),
                Arguments.of("input[1].role", withItem("{'type': 'message', 'content': 'x'}")),
                Arguments.of("input[1].role", withItem("{'role': 'tool', 'content': 'x'}")),
                Arguments.of("input[1].content", withItem("{'role': 'user'}")),
                Arguments.of("input[1].content", withItem("{'role': 'user', 'content': {}}")),
                Arguments.of("input[1].id", withItem("{'type': 'item_reference', 'id': 'msg_1'}")),
                // content parts
                Arguments.of("input[1].content[0]", withUserPart("'text'")),
                Arguments.of("input[1].content[0].type", withUserPart("{'text': 'x'}")),
                Arguments.of("input[1].content[0].type", withUserPart("{'type': 'output_text', 'text': 'x'}")),
                Arguments.of("input[1].content[0].type", withUserPart("{'type': 'input_audio', 'input_audio': {}}")),
                Arguments.of("input[1].content[0].text", withUserPart("{'type': 'input_text', 'text': 42}")),
                Arguments.of("input[1].content[0].text", withUserPart("{'type': 'input_text'}")),
                Arguments.of("input[1].content[0].image_url", withUserPart("{'type': 'input_image', 'detail': 'low'}")),
                Arguments.of("input[1].content[0].image_url", withUserPart("{'type': 'input_image', 'image_url': 'data:image/png,abc'}")),
                Arguments.of("input[1].content[0].file_id", withUserPart("{'type': 'input_image', 'file_id': 'file-1'}")),
                Arguments.of("input[1].content[0].file_id", withUserPart("{'type': 'input_file', 'file_id': 'file-1'}")),
                Arguments.of("input[1].content[0].file_data", withUserPart("{'type': 'input_file', 'filename': 'a.pdf'}")),
                Arguments.of("input[1].content[0].type",
                        withItem("{'role': 'developer', 'content': [{'type': 'input_image', 'image_url': 'u'}]}")),
                Arguments.of("input[1].content[0].refusal", withItem("{'role': 'assistant', 'content': [{'type': 'refusal'}]}")),
                // function calls and outputs
                Arguments.of("input[1].call_id", withItem("{'type': 'function_call', 'name': 'f', 'arguments': '{}'}")),
                Arguments.of("input[1].name", withItem("{'type': 'function_call', 'call_id': 'c', 'arguments': '{}'}")),
                Arguments.of("input[1].arguments", withItem("{'type': 'function_call', 'call_id': 'c', 'name': 'f'}")),
                Arguments.of("input[1].arguments", withItem("{'type': 'function_call', 'call_id': 'c', 'name': 'f', 'arguments': {}}")),
                Arguments.of("input[1].id", withItem("{'type': 'function_call', 'call_id': 'c', 'name': 'f', 'arguments': '{}', 'id': 1}")),
                Arguments.of("input[1].status",
                        withItem("{'type': 'function_call', 'call_id': 'c', 'name': 'f', 'arguments': '{}', 'status': true}")),
                Arguments.of("input[1].input", withItem("{'type': 'custom_tool_call', 'call_id': 'c', 'name': 'apply_patch'}")),
                Arguments.of("input[1].call_id", withItem("{'type': 'function_call_output', 'output': 'ok'}")),
                Arguments.of("input[1].output", withItem("{'type': 'function_call_output', 'call_id': 'c'}")),
                Arguments.of("input[1].output", withItem("{'type': 'function_call_output', 'call_id': 'c', 'output': 3}")),
                Arguments.of("input[1].output[0].type",
                        withItem("{'type': 'custom_tool_call_output', 'call_id': 'c', 'output': [{'type': 'refusal', 'refusal': 'no'}]}")),
                // reasoning
                Arguments.of("input[1].summary", withItem("{'type': 'reasoning', 'summary': 'thought'}")),
                Arguments.of("input[1].summary[0].type", withItem("{'type': 'reasoning', 'summary': [{'type': 'text', 'text': 't'}]}")),
                Arguments.of("input[1].summary[0].text", withItem("{'type': 'reasoning', 'summary': [{'type': 'summary_text'}]}")),
                Arguments.of("input[1].encrypted_content", withItem("{'type': 'reasoning', 'summary': [], 'encrypted_content': 5}")),
                // instructions and sampling
                Arguments.of("instructions", with("'instructions': ['be brief']")),
                Arguments.of("temperature", with("'temperature': 'hot'")),
                Arguments.of("top_p", with("'top_p': true")),
                Arguments.of("max_output_tokens", with("'max_output_tokens': 0")),
                Arguments.of("max_output_tokens", with("'max_output_tokens': 1.5")),
                Arguments.of("stream", with("'stream': 'yes'")),
                Arguments.of("metadata", with("'metadata': []")),
                Arguments.of("user", with("'user': 5")),
                // reasoning and text
                Arguments.of("reasoning", with("'reasoning': 'high'")),
                Arguments.of("reasoning.effort", with("'reasoning': {'effort': 3}")),
                Arguments.of("reasoning.summary", with("'reasoning': {'summary': false}")),
                Arguments.of("text", with("'text': 'json'")),
                Arguments.of("text.format", with("'text': {'format': 'json'}")),
                Arguments.of("text.format.type", with("'text': {'format': {}}")),
                Arguments.of("text.format.type", with("'text': {'format': {'type': 'xml'}}")),
                Arguments.of("text.format.name", with("'text': {'format': {'type': 'json_schema', 'schema': {}}}")),
                Arguments.of("text.format.schema", with("'text': {'format': {'type': 'json_schema', 'name': 'n', 'schema': []}}")),
                Arguments.of("text.format.strict", with("'text': {'format': {'type': 'json_schema', 'name': 'n', 'schema': {}, 'strict': 1}}")),
                // tools
                Arguments.of("tools", with("'tools': {}")),
                Arguments.of("tools[0]", with("'tools': ['web_search']")),
                Arguments.of("tools[0].type", with("'tools': [{'name': 'f'}]")),
                Arguments.of("tools[0].name", with("'tools': [{'type': 'function', 'parameters': {}}]")),
                Arguments.of("tools[0].parameters", with("'tools': [{'type': 'function', 'name': 'f', 'parameters': []}]")),
                Arguments.of("tools[0].strict", with("'tools': [{'type': 'function', 'name': 'f', 'strict': 'no'}]")),
                Arguments.of("tools[0].name", with("'tools': [{'type': 'custom'}]")),
                Arguments.of("tools[0].format", with("'tools': [{'type': 'custom', 'name': 'apply_patch', 'format': 'lark'}]")),
                Arguments.of("tools[0].tools", with("'tools': [{'type': 'namespace', 'name': 'ns'}]")),
                Arguments.of("tools[0].tools[0].name", with("'tools': [{'type': 'namespace', 'name': 'ns', 'tools': [{'type': 'function'}]}]")),
                Arguments.of("input[0].tools[0].type",
                        "{'model': 'm', 'input': [{'type': 'additional_tools', 'tools': [{}]}, " + USER + "]}"),
                // tool choice
                Arguments.of("tool_choice", with("'tool_choice': 'any'")),
                Arguments.of("tool_choice", with("'tool_choice': 3")),
                Arguments.of("tool_choice.type", with("'tool_choice': {'name': 'f'}")),
                Arguments.of("tool_choice.name", with("'tool_choice': {'type': 'function'}")),
                Arguments.of("tool_choice.mode", with("'tool_choice': {'type': 'allowed_tools', 'mode': 'none', 'tools': []}")),
                Arguments.of("parallel_tool_calls", with("'parallel_tool_calls': 'no'")),
                // what the gateway cannot do
                Arguments.of("background", with("'background': true")),
                Arguments.of("conversation", with("'conversation': 'conv_1'")));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("invalidRequests")
    void rejects_an_invalid_field_with_its_path(String param, String body) {
        JsonObject json = new JsonObject(body.replace('\'', '"'));

        assertThatThrownBy(() -> new ResponsesDialect().decode(json))
                .isInstanceOfSatisfying(InvalidRequestException.class, error -> {
                    assertThat(error.param()).isEqualTo(param);
                    assertThat(error.getMessage()).contains("'" + param + "'");
                });
    }
}
