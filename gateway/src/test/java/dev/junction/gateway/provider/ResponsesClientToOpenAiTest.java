package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official SDK's Responses client through the gateway to the openai plugin and a fake Chat
 * Completions API: Codex-style tools that Chat Completions does not have (a custom freeform tool, a
 * namespace, a built-in tool) reach it as function tools or not at all, and its calls come back as
 * the items the client declared; Responses-only fields stay out of the upstream body.
 */
class ResponsesClientToOpenAiTest extends WithProviderGateway {

    private static final JsonMapper MAPPER = ObjectMappers.jsonMapper();

    @Test
    void custom_and_namespaced_tools_are_called_as_functions_and_answered_as_their_own_items() throws Exception {
        providers.openAiUpstream.reply(Reply.json(200, new JsonObject("""
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-5",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                   "tool_calls": [
                     {"id": "call_a", "type": "function", "function": {"name": "apply_patch", "arguments": "{\\"input\\": \\"*** Begin Patch\\"}"}},
                     {"id": "call_b", "type": "function", "function": {"name": "collab__spawn", "arguments": "{\\"task\\": \\"t\\"}"}}]}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}""")));
        List<Object> tools = List.of(
                Map.of("type", "custom", "name", "apply_patch", "description", "Edit files.",
                        "format", Map.of("type", "grammar", "syntax", "lark", "definition", "start: patch")),
                Map.of("type", "namespace", "name", "collab", "description", "Agents", "tools", List.of(
                        Map.of("type", "function", "name", "spawn", "parameters", Map.of("type", "object")))),
                Map.of("type", "web_search"));

        Response response = providers.openAi().responses().create(ResponseCreateParams.builder()
                .model("gpt-5")
                .input("Fix the bug.")
                .tools(JsonValue.from(tools))
                .store(false)
                .putAdditionalBodyProperty("include", JsonValue.from(List.of("reasoning.encrypted_content")))
                .build());

        JsonArray output = new JsonArray(MAPPER.writeValueAsString(response.output()));
        assertThat(output.getJsonObject(0).getString("type")).isEqualTo("custom_tool_call");
        assertThat(output.getJsonObject(0).getString("call_id")).isEqualTo("call_a");
        assertThat(output.getJsonObject(0).getString("input")).isEqualTo("*** Begin Patch");
        assertThat(output.getJsonObject(1).getString("type")).isEqualTo("function_call");
        assertThat(output.getJsonObject(1).getString("name")).isEqualTo("spawn");
        assertThat(output.getJsonObject(1).getString("namespace")).isEqualTo("collab");
        assertThat(response.output().get(0).customToolCall()).isPresent();

        JsonObject upstream = providers.openAiUpstream.only().json();
        assertThat(upstream.fieldNames()).doesNotContain("store", "include", "input", "instructions");
        assertThat(upstream.getJsonArray("tools")).extracting(tool -> ((JsonObject) tool).getJsonObject("function").getString("name"))
                .containsExactly("apply_patch", "collab__spawn");
        assertThat(upstream.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getJsonObject("parameters")
                        .getJsonObject("properties").getJsonObject("input").getString("description"))
                .contains("lark grammar", "start: patch");
    }
}
