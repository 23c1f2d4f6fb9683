package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.Requests.builder;
import static dev.junction.plugins.openai.Requests.text;
import static dev.junction.plugins.openai.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Sampling;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the golden bodies do not show: refusals, the model map, and the forwarded headers. */
class ChatRequestEncoderTest {

    private static final OpenAiSettings OPENAI = OpenAiSettings.parse(new JsonObject());

    @Test
    void top_k_is_an_invalid_request_for_openai_naming_the_parameter() {
        var request = builder("gpt-4o").sampling(new Sampling(null, null, 5, null, List.of(), null)).build();

        assertThatThrownBy(() -> ChatRequestEncoder.encode(request, OPENAI))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageStartingWith("top_k is not a parameter of OpenAI's API");
    }

    @Test
    void a_compatible_flavor_on_openai_host_passes_top_k_and_max_tokens() {
        var settings = OpenAiSettings.parse(new JsonObject().put("flavor", "compatible"));
        var request = builder("m").sampling(new Sampling(null, null, 5, 9, List.of(), null)).build();

        JsonObject body = ChatRequestEncoder.encode(request, settings);

        assertThat(body.getInteger("top_k")).isEqualTo(5);
        assertThat(body.getInteger("max_tokens")).isEqualTo(9);
        assertThat(body.containsKey("max_completion_tokens")).isFalse();
    }

    @Test
    void another_dialects_user_id_longer_than_openai_takes_goes_as_its_sha256() {
        String claudeCode = "{\"device_id\":\"0af3073c8154a5e5d8a9f56086c86f2c70c732dd121b1938124b84dce61dec7e\","
                + "\"account_uuid\":\"\",\"session_id\":\"4a15854d-fc0b-44c9-b9b3-b958dfdbdcbc\"}";

        String sent = ChatRequestEncoder.encode(builder("gpt-4o").user(claudeCode).dialect("anthropic").build(), OPENAI)
                .getString("user");

        assertThat(sent).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(UserId.bounded(claudeCode));
        assertThat(UserId.bounded(claudeCode + " ")).as("another user, another id").isNotEqualTo(sent);
        assertThat(ChatRequestEncoder.encode(builder("gpt-4o").user("user-42").dialect("anthropic").build(), OPENAI)
                        .getString("user"))
                .isEqualTo("user-42");
        assertThat(ChatRequestEncoder.encode(builder("gpt-4o").user(claudeCode).dialect("openai").build(), OPENAI)
                        .getString("user"))
                .as("an OpenAI client's own user goes as it came")
                .isEqualTo(claudeCode);
    }

    @Test
    void the_model_map_names_the_upstream_model() {
        var settings = OpenAiSettings.parse(new JsonObject().put("modelMap", new JsonObject().put("fast", "gpt-4o-mini")));

        assertThat(ChatRequestEncoder.encode(builder("fast").build(), settings).getString("model")).isEqualTo("gpt-4o-mini");
        assertThat(ChatRequestEncoder.encode(builder("gpt-4o").build(), settings).getString("model")).isEqualTo("gpt-4o");
    }

    @Test
    void an_image_in_the_system_instructions_is_an_invalid_request() {
        var request = builder("gpt-4o").system(new ContentPart.Image("image/png", "iVBO", null)).build();

        assertThatThrownBy(() -> ChatRequestEncoder.encode(request, OPENAI))
                .isInstanceOf(BackendException.class)
                .hasMessage("system instructions can only hold text for OpenAI, not an image");
    }

    @Test
    void a_tool_call_in_a_user_message_is_an_invalid_request_naming_the_message() {
        var request = builder("gpt-4o")
                .messages(user(text("Hi")), user(new ContentPart.ToolCall("c", "f", "{}")))
                .build();

        assertThatThrownBy(() -> ChatRequestEncoder.encode(request, OPENAI))
                .isInstanceOf(BackendException.class)
                .hasMessage("messages[1]: a user message cannot hold a tool call for OpenAI");
    }

    @Test
    void forwards_a_same_dialect_clients_headers_except_authorization() {
        var headers = Map.of("openai-beta", "x", "authorization", "Bearer client", "x-stainless-lang", "java");

        assertThat(ChatRequestEncoder.headers(builder("m").dialect("openai").headers(headers).build()))
                .containsOnly(Map.entry("openai-beta", "x"), Map.entry("x-stainless-lang", "java"));
        assertThat(ChatRequestEncoder.headers(builder("m").dialect("anthropic").headers(headers).build())).isEmpty();
        assertThat(ChatRequestEncoder.headers(builder("m").headers(headers).build())).isEmpty();
    }

    @Test
    void a_pdf_is_a_file_part_and_a_text_document_a_text_part_in_the_user_message() {
        var request = builder("gpt-4o").messages(
                user(new ContentPart.Document("application/pdf", "JVBERi0xLjQK", null, null, "report.pdf", null),
                        new ContentPart.Document("text/plain", null, "The grass is green.", null, "Notes", null),
                        text("Compare them."))).build();

        JsonObject body = ChatRequestEncoder.encode(request, OPENAI);

        assertThat(body.getJsonArray("messages")).isEqualTo(new JsonObject("""
                {"messages": [{"role": "user", "content": [
                  {"type": "file", "file": {"filename": "report.pdf", "file_data": "data:application/pdf;base64,JVBERi0xLjQK"}},
                  {"type": "text", "text": "Notes\\n\\nThe grass is green."},
                  {"type": "text", "text": "Compare them."}]}]}""").getJsonArray("messages"));
    }

    @Test
    void a_document_by_url_is_an_invalid_request() {
        var request = builder("gpt-4o")
                .messages(user(new ContentPart.Document(null, null, null, "https://example.com/a.pdf", null, null)))
                .build();

        assertThatThrownBy(() -> ChatRequestEncoder.encode(request, OPENAI))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageStartingWith("a document by URL cannot be sent to Chat Completions");
    }

    /** Automatic prefix caching needs the earlier turns written the same way every time they are sent. */
    @Test
    void an_anthropic_clients_next_turn_begins_with_exactly_the_bytes_of_the_one_before() {
        JsonObject marker = new JsonObject().put("cache_control", new JsonObject().put("type", "ephemeral"));
        ContentPart.Text system = new ContentPart.Text("You are a coding agent.", marker);
        var first = builder("gpt-4o").dialect("anthropic").system(system)
                .messages(user(new ContentPart.Text("List src.", marker)))
                .build();
        var second = builder("gpt-4o").dialect("anthropic").system(system)
                .messages(
                        user(text("List src.")),
                        Requests.assistant(
                                new ContentPart.Thinking("The user wants a listing.", "sig-1"),
                                new ContentPart.ToolCall("toolu_1", "Bash", "{\"command\":\"ls src\"}")),
                        user(new ContentPart.ToolResult("toolu_1", List.of(text("Main.java")), false),
                                new ContentPart.Text("Now read it.", marker)))
                .build();

        String before = ChatRequestEncoder.encode(first, OPENAI).getJsonArray("messages").encode();
        String after = ChatRequestEncoder.encode(second, OPENAI).getJsonArray("messages").encode();

        assertThat(after).startsWith(before.substring(0, before.length() - 1) + ",");
    }
}
