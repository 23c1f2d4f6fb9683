package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.Base64PdfSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI backend reads one text prompt: a PDF sent to it is a 400 in the caller's dialect that says
 * so, given before the CLI is started (here the command would do nothing at all).
 */
@Timeout(60)
class DocumentsToCliTest {

    @Test
    void a_pdf_for_a_cli_backend_is_a_400_naming_the_document(@TempDir Path dir) {
        try (TestGateway gateway = TestGateway.start(dir, "  claude:\n    plugin: claude-code\n    models: [claude]\n"
                + "    options: {command: /bin/true}\n")) {
            MessageCreateParams withPdf = MessageCreateParams.builder()
                    .model("claude")
                    .maxTokens(300)
                    .addUserMessageOfContentBlockParams(List.of(
                            ContentBlockParam.ofText("Summarise it."),
                            ContentBlockParam.ofDocument(Base64PdfSource.builder().data(Pdfs.base64(1)).build())))
                    .build();

            assertThatThrownBy(() -> gateway.anthropic("client-key").messages().create(withPdf))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                            .contains("messages[0].content[1]: Claude Code does not take documents"));
        }
    }
}
