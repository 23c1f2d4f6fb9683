package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Document blocks (PDF, plain text, by URL) decoded into canonical documents. */
class AnthropicDocumentsTest {

    private final AnthropicDialect dialect = new AnthropicDialect();

    private List<ContentPart> userContent(String blocks) {
        return dialect.decode(new JsonObject("""
                {"model": "claude-sonnet-4-5", "max_tokens": 256,
                 "messages": [{"role": "user", "content": [%s]}]}""".formatted(blocks)))
                .request()
                .messages()
                .get(0)
                .content();
    }

    @Test
    void decodes_a_base64_pdf_with_its_title_and_keeps_its_other_fields() {
        assertThat(userContent("""
                {"type": "document", "title": "Q3 report", "context": "quarterly", "citations": {"enabled": true},
                 "cache_control": {"type": "ephemeral"},
                 "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQK"}}"""))
                .containsExactly(new ContentPart.Document("application/pdf", "JVBERi0xLjQK", null, null, "Q3 report",
                        new JsonObject("""
                                {"context": "quarterly", "citations": {"enabled": true}, "cache_control": {"type": "ephemeral"}}""")));
    }

    @Test
    void decodes_a_text_source_and_a_url_source() {
        assertThat(userContent("""
                {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "The grass is green."}},
                {"type": "document", "source": {"type": "url", "url": "https://example.com/spec.pdf"}}"""))
                .containsExactly(
                        new ContentPart.Document("text/plain", null, "The grass is green.", null, null, null),
                        new ContentPart.Document(null, null, null, "https://example.com/spec.pdf", null, null));
    }

    @Test
    void decodes_a_document_inside_a_tool_result() {
        ContentPart result = userContent("""
                {"type": "tool_result", "tool_use_id": "toolu_1",
                 "content": [{"type": "document", "source": {"type": "text", "data": "spec"}}]}""").get(0);

        assertThat(((ContentPart.ToolResult) result).content())
                .containsExactly(new ContentPart.Document("text/plain", null, "spec", null, null, null));
    }

    @Test
    void refuses_a_content_source_naming_its_path() {
        assertThatThrownBy(() -> userContent("""
                {"type": "document", "source": {"type": "content", "content": [{"type": "text", "text": "x"}]}}"""))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("messages.0.content.0.source.type: unsupported document source type \"content\" (base64, text and url are)");
    }
}
