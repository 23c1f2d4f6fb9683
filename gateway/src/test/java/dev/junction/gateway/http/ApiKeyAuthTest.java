package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.models.ModelInfo;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.junction.gateway.config.Digests;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** API keys through the official SDKs: 401 for a wrong key, 403 outside a key's models. */
@Timeout(60)
class ApiKeyAuthTest {

    private static final String ADMIN_KEY = "sk-admin-0123";
    private static final String ECHO_KEY = "sk-echo-only-4567";

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        String backends = TestGateway.echoBackend() + "  other:\n    plugin: echo\n    models: [other]\n";
        String auth = "  keys:\n"
                + "    - name: admin\n      key: " + ADMIN_KEY + "\n"
                + "    - name: echo-only\n      sha256: " + HexFormat.of().formatHex(Digests.sha256(ECHO_KEY)) + "\n"
                + "      models: [\"ech?\"]\n      limits: {}\n";
        gateway = TestGateway.withAuth(dir, backends, auth);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static OpenAIClient openAi(String key) {
        return gateway.openAi(key);
    }

    private static AnthropicClient anthropic(String key) {
        return gateway.anthropic("/anthropic", key);
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
    }

    private static MessageCreateParams message(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(50).addUserMessage("hi").build();
    }

    @Test
    void openai_sdk_with_a_wrong_key_is_unauthorized() {
        assertThatThrownBy(() -> openAi("sk-wrong").chat().completions().create(chat("echo")))
                .isInstanceOf(com.openai.errors.UnauthorizedException.class)
                .hasMessageContaining("Incorrect API key provided.")
                .hasMessageNotContaining("sk-wrong");
    }

    @Test
    void anthropic_sdk_with_a_wrong_key_is_unauthorized() {
        assertThatThrownBy(() -> anthropic("sk-wrong").messages().create(message("echo")))
                .isInstanceOf(com.anthropic.errors.UnauthorizedException.class)
                .hasMessageNotContaining("sk-wrong");
    }

    @Test
    void right_keys_get_answers_from_echo() {
        ChatCompletion completion = openAi(ADMIN_KEY).chat().completions().create(chat("echo"));
        assertThat(completion.choices()).isNotEmpty();
        Message answer = anthropic(ECHO_KEY).messages().create(message("echo"));
        assertThat(answer.content()).isNotEmpty();
        assertThat(openAi(ADMIN_KEY).chat().completions().create(chat("other")).choices()).isNotEmpty();
    }

    @Test
    void a_key_outside_its_models_is_denied_in_each_dialect() {
        assertThatThrownBy(() -> openAi(ECHO_KEY).chat().completions().create(chat("other")))
                .isInstanceOf(com.openai.errors.PermissionDeniedException.class)
                .hasMessageContaining("'other'")
                .hasMessageNotContaining(ECHO_KEY);
        assertThatThrownBy(() -> anthropic(ECHO_KEY).messages().create(message("other")))
                .isInstanceOf(com.anthropic.errors.PermissionDeniedException.class)
                .hasMessageContaining("'other'");
        assertThatThrownBy(() -> anthropic(ECHO_KEY).messages().countTokens(MessageCountTokensParams.builder()
                        .model("other").addUserMessage("hi").build()))
                .isInstanceOf(com.anthropic.errors.PermissionDeniedException.class);
        assertThatThrownBy(() -> openAi(ECHO_KEY).models().retrieve("other"))
                .isInstanceOf(com.openai.errors.PermissionDeniedException.class);
    }

    @Test
    void models_list_only_what_the_key_may_use() {
        assertThat(openAi(ECHO_KEY).models().list().data()).extracting(Model::id).containsExactly("echo");
        assertThat(openAi(ADMIN_KEY).models().list().data()).extracting(Model::id).containsExactly("echo", "other");
        assertThat(anthropic(ECHO_KEY).models().list().data()).extracting(ModelInfo::id).containsExactly("echo");
    }

    @Test
    void health_needs_no_key_but_the_api_does() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(gateway.url("/health"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        HttpResponse<String> models = http.send(
                HttpRequest.newBuilder(URI.create(gateway.url("/v1/models"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(models.body()).getJsonObject("error").getString("code")).isEqualTo("invalid_api_key");

        HttpResponse<String> messages = http.send(
                HttpRequest.newBuilder(URI.create(gateway.url("/v1/messages")))
                        .header("x-api-key", "nope")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(messages.statusCode()).isEqualTo(401);
        JsonObject body = new JsonObject(messages.body());
        assertThat(body.getString("type")).isEqualTo("error");
        assertThat(body.getJsonObject("error").getString("type")).isEqualTo("authentication_error");
        assertThat(messages.body()).doesNotContain("nope");
    }
}
