package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the Messages API cannot express is a 400 that names it; the goldens cover what it can. */
class MessagesRequestTest {

    private static final AnthropicOptions OPTIONS = AnthropicOptions.parse(new JsonObject());

    @ParameterizedTest
    @ValueSource(strings = {"{\"location\": \"Paris\"", "[1, 2]", "\"Paris\"", "null", "Paris"})
    void rejects_tool_call_arguments_that_are_not_a_json_object_naming_the_call(String arguments) {
        ChatRequest request = request(List.of(
                Message.text(Message.Role.USER, "Weather?"),
                new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Text("Checking."),
                        new ContentPart.ToolCall("call_1", "get_weather", arguments)))));

        assertThatThrownBy(() -> MessagesRequest.body(request, OPTIONS))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageStartingWith("messages[1].content[1]: the arguments of tool call 'call_1' (get_weather)"
                        + " must be a JSON object");
    }

    @Test
    void rejects_an_image_in_the_system_instructions() {
        ChatRequest request = ChatRequest.builder("claude-sonnet-4-5")
                .system(List.of(new ContentPart.Text("Look:"), new ContentPart.Image(null, null, "https://example.com/a.png")))
                .messages(List.of(Message.text(Message.Role.USER, "Hi")))
                .build();

        assertThatThrownBy(() -> MessagesRequest.body(request, OPTIONS))
                .isInstanceOf(BackendException.class)
                .hasMessage("system[1]: the Messages API takes only text as system instructions");
    }

    @Test
    void rejects_an_inline_image_without_a_media_type() {
        ChatRequest request = request(List.of(new Message(
                Message.Role.USER, List.of(new ContentPart.Text("What is it?"), new ContentPart.Image(null, "iVBOR", null)))));

        assertThatThrownBy(() -> MessagesRequest.body(request, OPTIONS))
                .isInstanceOf(BackendException.class)
                .hasMessage("messages[0].content[1]: an inline image needs its media type");
    }

    @Test
    void rejects_a_data_url_image_that_is_not_base64() {
        ChatRequest request = request(List.of(new Message(
                Message.Role.USER, List.of(new ContentPart.Image(null, null, "data:image/svg+xml,<svg/>")))));

        assertThatThrownBy(() -> MessagesRequest.body(request, OPTIONS))
                .isInstanceOf(BackendException.class)
                .hasMessage("messages[0].content[0]: a data: URL image must be base64 encoded");
    }

    @Test
    void rejects_a_tool_result_that_holds_a_tool_call() {
        ChatRequest request = request(List.of(new Message(Message.Role.USER, List.of(new ContentPart.ToolResult(
                "call_1", List.of(new ContentPart.ToolCall("call_2", "nested", "{}")), false)))));

        assertThatThrownBy(() -> MessagesRequest.body(request, OPTIONS))
                .isInstanceOf(BackendException.class)
                .hasMessage("messages[0].content[0].content[0]: a tool result holds only text, images and documents");
    }

    @Test
    void forwards_anthropic_headers_whatever_their_case_but_never_the_version() {
        ChatRequest request = ChatRequest.builder("claude-sonnet-4-5")
                .messages(List.of(Message.text(Message.Role.USER, "Hi")))
                .dialect("anthropic")
                .headers(Map.of("Anthropic-Beta", "files-api-2025-04-14", "anthropic-version", "2023-01-01",
                        "authorization", "Bearer client-key", "x-api-key", "client-key"))
                .build();

        assertThat(MessagesRequest.headers(request)).containsExactly(Map.entry("anthropic-beta", "files-api-2025-04-14"));
    }

    @Test
    void never_lets_the_clients_extra_overwrite_a_translated_field() {
        ChatRequest request = ChatRequest.builder("claude-sonnet-4-5")
                .messages(List.of(Message.text(Message.Role.USER, "Hi")))
                .extra(new JsonObject().put("model", "claude-other").put("stream", false).put("max_tokens", 1))
                .dialect("anthropic")
                .build();

        JsonObject body = MessagesRequest.body(request, OPTIONS);

        assertThat(body.getString("model")).isEqualTo("claude-sonnet-4-5");
        assertThat(body.getBoolean("stream")).isTrue();
        assertThat(body.getInteger("max_tokens")).isEqualTo(4096);
    }

    @Test
    void does_not_share_json_with_the_canonical_request() {
        JsonObject schema = new JsonObject().put("type", "object");
        JsonObject extra = new JsonObject().put("thinking", new JsonObject().put("type", "enabled"));
        ChatRequest request = ChatRequest.builder("claude-sonnet-4-5")
                .messages(List.of(Message.text(Message.Role.USER, "Hi")))
                .tools(List.of(new dev.junction.plugin.Tool("t", null, schema)))
                .extra(extra)
                .dialect("anthropic")
                .build();

        JsonObject body = MessagesRequest.body(request, OPTIONS);
        body.getJsonArray("tools").getJsonObject(0).getJsonObject("input_schema").put("changed", true);
        body.getJsonObject("thinking").put("changed", true);

        assertThat(schema.containsKey("changed")).isFalse();
        assertThat(extra.getJsonObject("thinking").containsKey("changed")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "files-api-2025-04-14", "not-mid-conversation-system-2026-04-07,x"})
    void an_anthropic_client_without_the_mid_conversation_system_beta_gets_reminders(String betas) {
        ChatRequest request = anthropicClient(betas, List.of(
                Message.text(Message.Role.USER, "Hi"), Message.text(Message.Role.SYSTEM, "Be brief.")));

        assertThat(MessagesRequest.body(request, OPTIONS).getJsonArray("messages").encode())
                .isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
                        + "{\"type\":\"text\",\"text\":\"<system-reminder>\\nBe brief.\\n</system-reminder>\"}]}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mid-conversation-system-2026-04-07", "a-beta, Mid-Conversation-System-2027-01-01"})
    void the_mid_conversation_system_beta_keeps_system_messages_in_place(String betas) {
        ChatRequest request = anthropicClient(betas, List.of(
                Message.text(Message.Role.USER, "Hi"), Message.text(Message.Role.SYSTEM, "Be brief.")));

        assertThat(MessagesRequest.body(request, OPTIONS).getJsonArray("messages").getJsonObject(1))
                .isEqualTo(new JsonObject().put("role", "system").put("content", "Be brief."));
    }

    @Test
    void thinking_without_a_signature_is_left_out_even_for_an_anthropic_client() {
        ChatRequest request = anthropicClient("", List.of(
                Message.text(Message.Role.USER, "Hi"),
                new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Thinking("Another model's reasoning.", null), new ContentPart.Text("Hello."))),
                new Message(Message.Role.ASSISTANT, List.of(new ContentPart.Thinking("Only reasoning.", null))),
                Message.text(Message.Role.USER, "Go on.")));

        assertThat(MessagesRequest.body(request, OPTIONS).getJsonArray("messages").encode())
                .isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]},"
                        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello.\"}]},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Go on.\"}]}]");
    }

    private static ChatRequest anthropicClient(String betas, List<Message> messages) {
        return ChatRequest.builder("claude-sonnet-4-5")
                .messages(messages)
                .dialect("anthropic")
                .headers(betas.isEmpty() ? Map.of() : Map.of("anthropic-beta", betas))
                .build();
    }

    private static ChatRequest request(List<Message> messages) {
        return ChatRequest.builder("claude-sonnet-4-5")
                .messages(messages)
                .build();
    }
}
