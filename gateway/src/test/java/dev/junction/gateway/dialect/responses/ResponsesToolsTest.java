package dev.junction.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tools that only the Responses API has: built-in tools reported for other backends, custom
 * (freeform) tools and namespaces called through the canonical model and answered as the items the
 * client declared.
 */
class ResponsesToolsTest {

    private static final ResponsesDialect DIALECT = new ResponsesDialect();

    private static final String TOOLS = """
            [{"type": "web_search"},
             {"type": "custom", "name": "apply_patch", "format": {"type": "text"}},
             {"type": "namespace", "name": "collab", "description": "Agents", "tools": [
               {"type": "function", "name": "spawn", "parameters": {"type": "object"}},
               {"type": "mcp", "server_label": "deep"}]},
             {"type": "function", "name": "exec_command", "parameters": {"type": "object"}}]""";

    private static DecodedRequest decode(String extraFields) {
        return DIALECT.decode(new JsonObject("{\"model\": \"m\", \"input\": \"go\", \"tools\": " + TOOLS + extraFields + "}"));
    }

    @Test
    void built_in_tools_are_reported_once_each_with_those_inside_namespaces_and_additional_tools_items() {
        DecodedRequest decoded = DIALECT.decode(new JsonObject("""
                {"model": "m", "tools": %s, "input": [
                  {"type": "additional_tools", "tools": [{"type": "file_search"}, {"type": "web_search"},
                                                         {"type": "bad\\r\\ntype"}]},
                  {"role": "user", "content": "go"}]}""".formatted(TOOLS)));

        assertThat(ResponsesBuiltInTools.types(decoded.request())).containsExactly("web_search", "mcp", "file_search", "other");
        assertThat(decoded.request().tools()).extracting(tool -> tool.name())
                .containsExactly("apply_patch", "collab__spawn", "exec_command");
    }

    @Test
    void a_choice_that_forces_a_built_in_tool_is_refused_by_name_for_other_backends() {
        DecodedRequest forced = decode(", \"tool_choice\": {\"type\": \"web_search\"}");
        DecodedRequest allowed = decode(", \"tool_choice\": {\"type\": \"allowed_tools\", \"mode\": \"auto\", \"tools\": []}");

        assertThatThrownBy(() -> ResponsesBuiltInTools.requireNotForced(forced.request()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("tool_choice"))
                .hasMessageContaining("'web_search'");
        ResponsesBuiltInTools.requireNotForced(allowed.request());
        ResponsesBuiltInTools.requireNotForced(decode("").request());
    }

    @Test
    void a_custom_tool_call_travels_as_json_arguments_and_comes_back_as_the_custom_item() {
        DecodedRequest decoded = DIALECT.decode(new JsonObject("""
                {"model": "m", "tools": %s, "input": [{"role": "user", "content": "go"},
                  {"type": "custom_tool_call", "id": "ctc_1", "call_id": "call_1", "name": "apply_patch", "input": "*** Begin"}]}"""
                .formatted(TOOLS)));
        ContentPart.ToolCall call = (ContentPart.ToolCall) decoded.request().messages().get(1).content().get(0);
        assertThat(new JsonObject(call.arguments())).isEqualTo(new JsonObject().put("input", "*** Begin"));
        assertThat(call.extra()).isEqualTo(new JsonObject().put("type", "custom_tool_call").put("id", "ctc_1"));

        ChatResult result = new ChatResult("resp_1", "m", List.of(
                        new ContentPart.ToolCall("call_2", "apply_patch", "{\"input\": \"*** End\"}"),
                        new ContentPart.ToolCall("call_3", "collab__spawn", "{\"task\": \"t\"}")),
                FinishReason.TOOL_USE, null, ChatEvent.Usage.of(1, 1));
        JsonArray output = DIALECT.encodeResponse(result, decoded).getJsonArray("output");

        assertThat(output.getJsonObject(0)).isEqualTo(new JsonObject("""
                {"id": "ctc_1_0", "type": "custom_tool_call", "status": "completed", "call_id": "call_2",
                 "name": "apply_patch", "input": "*** End"}"""));
        assertThat(output.getJsonObject(1)).isEqualTo(new JsonObject("""
                {"id": "fc_1_1", "type": "function_call", "status": "completed", "arguments": "{\\"task\\": \\"t\\"}",
                 "call_id": "call_3", "name": "spawn", "namespace": "collab"}"""));
    }

    @Test
    void arguments_that_do_not_follow_the_custom_schema_are_the_input_as_they_are() {
        for (String arguments : List.of("[1]", "null", "3", "\"x\"", "not json", "{\"input\": 4}", "")) {
            assertThat(ResponsesToolNames.customInput(arguments)).isEqualTo(arguments);
        }
    }

    @Test
    void a_streamed_custom_tool_call_gives_its_input_unwrapped_at_the_end() {
        StreamEncoder encoder = DIALECT.streamEncoder(decode(""));
        List<JsonObject> events = new ArrayList<>();
        for (ChatEvent event : List.of(
                new ChatEvent.MessageStart("resp_2", "m"),
                ChatEvent.BlockStart.toolCall(0, "call_4", "apply_patch"),
                new ChatEvent.ToolArgumentsDelta(0, "{\"input\": \"*** Be"),
                new ChatEvent.ToolArgumentsDelta(0, "gin\"}"),
                new ChatEvent.BlockStop(0),
                ChatEvent.Finish.of(FinishReason.TOOL_USE))) {
            for (SseFrame frame : encoder.encode(event)) {
                events.add(new JsonObject(frame.data()));
            }
        }

        assertThat(events).extracting(event -> event.getString("type")).containsExactly(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.custom_tool_call_input.delta",
                "response.custom_tool_call_input.done",
                "response.output_item.done",
                "response.completed");
        assertThat(events.get(4).getString("input")).isEqualTo("*** Begin");
        assertThat(events.get(5).getJsonObject("item").getString("input")).isEqualTo("*** Begin");
        assertThat(events.get(6).getJsonObject("response").getJsonArray("output").getJsonObject(0).getString("type"))
                .isEqualTo("custom_tool_call");
    }
}
