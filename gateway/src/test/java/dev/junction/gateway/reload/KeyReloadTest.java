package dev.junction.gateway.reload;

import static dev.junction.gateway.reload.BackendReloadTest.reply;
import static dev.junction.gateway.reload.ReloadingGateway.EVERY_SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** API keys edited in the file apply without a restart, as both SDK families see them. */
@Timeout(60)
class KeyReloadTest {

    private static final String KEY_A = "sk-reload-a-0123";
    private static final String KEY_B = "sk-reload-b-4567";
    private static final String BACKENDS = TestGateway.echoBackend() + "  other:\n    plugin: echo\n    models: [other]\n";

    private static String key(String name, String key, String models) {
        return "    - name: " + name + "\n      key: " + key + "\n" + (models == null ? "" : "      models: " + models + "\n");
    }

    @Test
    void a_replaced_key_is_refused_and_its_successor_accepted(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, EVERY_SECOND, "  keys:\n" + key("team", KEY_A, null), BACKENDS)) {
            assertThat(anthropicReply(gateway, KEY_A, "echo")).isEqualTo("hello");
            assertThatThrownBy(() -> reply(gateway.openAi(KEY_B), "echo"))
                    .isInstanceOf(com.openai.errors.UnauthorizedException.class);

            gateway.rewrite(EVERY_SECOND, "  keys:\n" + key("team", KEY_B, null), BACKENDS);

            assertThat(gateway.awaitApplied().message())
                    .contains("backends unchanged; 1 API key")
                    .doesNotContain(KEY_A)
                    .doesNotContain(KEY_B);
            assertThatThrownBy(() -> reply(gateway.openAi(KEY_A), "echo"))
                    .isInstanceOf(com.openai.errors.UnauthorizedException.class);
            assertThatThrownBy(() -> anthropicReply(gateway, KEY_A, "echo"))
                    .isInstanceOf(com.anthropic.errors.UnauthorizedException.class);
            assertThat(reply(gateway.openAi(KEY_B), "echo")).isEqualTo("echo");
            assertThat(anthropicReply(gateway, KEY_B, "echo")).isEqualTo("hello");
        }
    }

    @Test
    void a_narrowed_model_list_applies_to_the_key(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway =
                ReloadingGateway.start(dir, EVERY_SECOND, "  keys:\n" + key("team", KEY_A, "[echo, other]"), BACKENDS)) {
            assertThat(reply(gateway.openAi(KEY_A), "other")).isEqualTo("echo");

            gateway.rewrite(EVERY_SECOND, "  keys:\n" + key("team", KEY_A, "[echo]"), BACKENDS);

            gateway.awaitApplied();
            assertThatThrownBy(() -> reply(gateway.openAi(KEY_A), "other"))
                    .isInstanceOf(com.openai.errors.PermissionDeniedException.class)
                    .hasMessageContaining("other");
            assertThatThrownBy(() -> anthropicReply(gateway, KEY_A, "other"))
                    .isInstanceOf(com.anthropic.errors.PermissionDeniedException.class);
            assertThat(reply(gateway.openAi(KEY_A), "echo")).isEqualTo("echo");
        }
    }

    @Test
    void limits_keep_counting_across_a_reload(@TempDir Path dir) throws Exception {
        String auth = "  keys:\n" + key("team", KEY_A, null) + "      limits: {requestsPerMinute: 2}\n";
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, EVERY_SECOND, auth, BACKENDS)) {
            assertThat(reply(gateway.openAi(KEY_A), "echo")).isEqualTo("echo");
            assertThat(reply(gateway.openAi(KEY_A), "other")).isEqualTo("echo");

            gateway.rewrite(EVERY_SECOND, auth, BACKENDS + "  more:\n    plugin: echo\n    models: [more]\n");
            gateway.awaitApplied();

            assertThatThrownBy(() -> reply(gateway.openAi(KEY_A), "more"))
                    .isInstanceOf(com.openai.errors.RateLimitException.class);
        }
    }

    private static String anthropicReply(ReloadingGateway gateway, String key, String model) {
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.url("/anthropic"))
                .apiKey(key)
                .maxRetries(0)
                .build();
        MessageCreateParams params =
                MessageCreateParams.builder().model(model).maxTokens(50).addUserMessage("hello").build();
        return client.messages().create(params).content().stream()
                .flatMap(block -> block.text().stream())
                .map(text -> text.text())
                .findFirst()
                .orElse("");
    }
}
