package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.Base64PdfSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.DocumentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.UrlPdfSource;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A PDF sent by the Anthropic SDK as a {@code document} block reaches each provider in its own form:
 * a document block for the Messages API, a {@code file} part for Chat Completions; a document the
 * upstream has no form for (a PDF by URL, for Chat Completions) is a 400 in the Anthropic shape.
 */
@Timeout(60)
class DocumentsThroughProvidersTest extends WithProviderGateway {

    private static final String PDF = Pdfs.base64(1);

    private static MessageCreateParams summarise(String model, ContentBlockParam document) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(300)
                .addUserMessageOfContentBlockParams(List.of(document, ContentBlockParam.ofText("Summarise it.")))
                .build();
    }

    private static ContentBlockParam report() {
        return ContentBlockParam.ofDocument(DocumentBlockParam.builder()
                .source(Base64PdfSource.builder().data(PDF).build())
                .title("report.pdf")
                .context("Q3 figures")
                .build());
    }

    @Test
    void a_pdf_reaches_the_messages_api_as_a_document_block() {
        providers.anthropicUpstream.answerWith(request -> new AnthropicPromptCache().reply(request.json(), "A report."));

        var answer = providers.anthropic().messages().create(summarise("claude-sonnet-4-5", report()));

        assertThat(answer.content().get(0).asText().text()).isEqualTo("A report.");
        assertThat(providers.anthropicUpstream.only().json().getJsonArray("messages").getJsonObject(0).getJsonArray("content"))
                .containsExactly(
                        new JsonObject().put("type", "document")
                                .put("source", new JsonObject().put("type", "base64").put("media_type", "application/pdf").put("data", PDF))
                                .put("title", "report.pdf")
                                .put("context", "Q3 figures"),
                        new JsonObject().put("type", "text").put("text", "Summarise it."));
    }

    @Test
    void a_pdf_reaches_chat_completions_as_a_file_part() {
        providers.openAiUpstream.answerWith(request -> new OpenAiPromptCache().reply(request.json(), "A report."));

        var answer = providers.anthropic().messages().create(summarise("gpt-4o", report()));

        assertThat(answer.content().get(0).asText().text()).isEqualTo("A report.");
        assertThat(providers.openAiUpstream.only().json().getJsonArray("messages").getJsonObject(0).getJsonArray("content"))
                .containsExactly(
                        new JsonObject().put("type", "file").put("file", new JsonObject()
                                .put("filename", "report.pdf")
                                .put("file_data", "data:application/pdf;base64," + PDF)),
                        new JsonObject().put("type", "text").put("text", "Summarise it."));
    }

    @Test
    void a_pdf_by_url_is_a_400_for_chat_completions_and_nothing_goes_upstream() {
        ContentBlockParam byUrl = ContentBlockParam.ofDocument(
                UrlPdfSource.builder().url("https://example.com/report.pdf").build());

        assertThatThrownBy(() -> providers.anthropic().messages().create(summarise("gpt-4o", byUrl)))
                .isInstanceOfSatisfying(BadRequestException.class, e ->
                        assertThat(e.getMessage()).contains("a document by URL cannot be sent to Chat Completions"));
        assertThat(providers.openAiUpstream.received()).isEmpty();
    }
}
