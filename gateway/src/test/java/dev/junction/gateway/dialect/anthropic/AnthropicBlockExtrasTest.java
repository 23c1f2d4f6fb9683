package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Tool;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fields of blocks and tool definitions that the gateway does not model ({@code cache_control},
 * {@code citations}, anything newer) are kept, as they came, in the {@code extra} of the part or
 * tool, so that an Anthropic upstream receives them where the client put them.
 */
class AnthropicBlockExtrasTest {

    private static final JsonObject EPHEMERAL =
            new JsonObject().put("cache_control", new JsonObject().put("type", "ephemeral"));

    private final AnthropicDialect dialect = new AnthropicDialect();

    private ChatRequest decode(String overrides) {
        return dialect.decode(AnthropicRequestDecoderTest.minimal().mergeIn(new JsonObject(overrides)))
                .request();
    }

    @Test
    void keeps_the_fields_it_does_not_model_of_every_block_kind_and_tool_in_extra() {
        ChatRequest request = decode("""
            {"system": [{"type": "text", "text": "Rules.", "cache_control": {"type": "ephemeral", "ttl": "1h"}}],
             "messages": [
               {"role": "user", "content": [
                 {"type": "text", "text": "Quote it.", "citations": [{"type": "char_location", "cited_text": "x",
                   "document_index": 0, "start_char_index": 0, "end_char_index": 1}]},
                 {"type": "image", "source": {"type": "url", "url": "https://x/y.png"}, "cache_control": {"type": "ephemeral"},
                  "x-future": null}]},
               {"role": "assistant", "content": [
                 {"type": "thinking", "thinking": "Hmm.", "signature": "sig", "cache_control": {"type": "ephemeral"}},
                 {"type": "tool_use", "id": "toolu_01", "name": "f", "input": {}, "cache_control": {"type": "ephemeral"}}]},
               {"role": "user", "content": [
                 {"type": "tool_result", "tool_use_id": "toolu_01", "cache_control": {"type": "ephemeral"},
                  "content": [{"type": "text", "text": "ok", "cache_control": {"type": "ephemeral"}}]}]}],
             "tools": [{"name": "f", "input_schema": {"type": "object"}, "cache_control": {"type": "ephemeral"},
                        "strict": true}]}\
            """);

        assertThat(request.system()).containsExactly(new ContentPart.Text(
                "Rules.", new JsonObject("{\"cache_control\": {\"type\": \"ephemeral\", \"ttl\": \"1h\"}}")));
        List<ContentPart> user = request.messages().get(0).content();
        assertThat(((ContentPart.Text) user.get(0)).extra().getJsonArray("citations").getJsonObject(0).getString("cited_text"))
                .isEqualTo("x");
        assertThat(((ContentPart.Image) user.get(1)).extra())
                .isEqualTo(EPHEMERAL.copy().putNull("x-future"));
        assertThat(request.messages().get(1).content())
                .containsExactly(
                        new ContentPart.Thinking("Hmm.", "sig", EPHEMERAL),
                        new ContentPart.ToolCall("toolu_01", "f", "{}", EPHEMERAL));
        assertThat(request.messages().get(2).content())
                .containsExactly(new ContentPart.ToolResult(
                        "toolu_01", List.of(new ContentPart.Text("ok", EPHEMERAL)), false, EPHEMERAL));
        assertThat(request.tools())
                .containsExactly(new Tool(
                        "f", null, new JsonObject().put("type", "object"), EPHEMERAL.copy().put("strict", true)));
    }

    @Test
    void a_block_without_unknown_fields_has_an_empty_extra() {
        ContentPart.Text text = (ContentPart.Text)
                decode("{\"system\": [{\"type\": \"text\", \"text\": \"a\"}]}").system().get(0);

        assertThat(text.extra()).isEqualTo(new JsonObject());
    }
}
