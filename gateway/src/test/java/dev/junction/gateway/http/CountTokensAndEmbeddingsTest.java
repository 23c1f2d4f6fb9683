package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.ProbeBackendFactory;
import dev.junction.gateway.support.RequestProbe;
import dev.junction.gateway.support.TestGateway;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.TokenCount;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST messages/count_tokens} and {@code POST embeddings} over the bus to a test plugin loaded
 * from a real JAR (and to echo, which neither counts exactly nor embeds), and what the front ends
 * stamp on each request: the client's dialect and its forwardable provider headers.
 */
@Timeout(60)
class CountTokensAndEmbeddingsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        PluginJar.write(plugins, "probe", ">=0.1.0", ProbeBackendFactory.class,
                ProbeBackendFactory.class, ProbeBackendFactory.ProbeBackend.class);
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        gateway = TestGateway.start(dir, plugins, TestGateway.echoBackend()
                + "  probe:\n    plugin: probe\n"
                + "    models: [probe, count-overloaded, embed-limited, embed-throws, probe-embed]\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void reset() {
        RequestProbe.reset();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static AnthropicClient anthropic() {
        return gateway.anthropic("unused");
    }

    private static OpenAIClient openAi() {
        return gateway.openAi("unused");
    }

    // count_tokens

    @ParameterizedTest
    @ValueSource(strings = {"/v1/messages/count_tokens", "/anthropic/v1/messages/count_tokens"})
    void counts_tokens_exactly_when_the_backend_can_without_max_tokens(String path) throws Exception {
        HttpResponse<String> response = post(path,
                "{\"model\":\"probe\",\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "anthropic-beta", "token-counting-2024-11-01", "anthropic-version", "2023-06-01", "x-api-key", "secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("input_tokens", 42));
        assertThat(response.headers().firstValue("x-junction-token-count")).contains("exact");
        ChatRequest counted = RequestProbe.counts.get(0);
        assertThat(counted.system()).containsExactly(new ContentPart.Text("Be brief."));
        assertThat(counted.dialect()).isEqualTo("anthropic");
        assertThat(counted.headers()).isEqualTo(Map.of("anthropic-beta", "token-counting-2024-11-01"));
    }

    @Test
    void the_sdk_reads_an_estimate_from_a_backend_that_cannot_count() throws Exception {
        MessageTokensCount count = anthropic().messages().countTokens(MessageCountTokensParams.builder()
                .model("echo")
                .addUserMessage("How many tokens is this?")
                .build());

        ChatRequest same = ChatRequest.builder("echo")
                .messages(List.of(Message.text(Message.Role.USER, "How many tokens is this?")))
                .build();
        assertThat(count.inputTokens()).isEqualTo(TokenCount.estimate(same).inputTokens());
        HttpResponse<String> raw = post("/v1/messages/count_tokens",
                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"How many tokens is this?\"}]}");
        assertThat(raw.headers().firstValue("x-junction-token-count")).contains("estimate");
    }

    @Test
    void count_tokens_errors_come_in_the_anthropic_shape() throws Exception {
        HttpResponse<String> unknown = post("/v1/messages/count_tokens",
                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getJsonObject("error").getString("type")).isEqualTo("not_found_error");

        HttpResponse<String> invalid = post("/anthropic/v1/messages/count_tokens", "{\"model\":\"probe\",\"messages\":[]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(invalid.body()).getString("type")).isEqualTo("error");
        assertThat(new JsonObject(invalid.body()).getJsonObject("error").getString("message")).startsWith("messages:");

        HttpResponse<String> overloaded = post("/v1/messages/count_tokens",
                "{\"model\":\"count-overloaded\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(new JsonObject(overloaded.body()).getJsonObject("error"))
                .isEqualTo(new JsonObject().put("type", "overloaded_error").put("message", "probe cannot count now"));
    }

    // embeddings

    @ParameterizedTest
    @ValueSource(strings = {"/v1/embeddings", "/openai/v1/embeddings"})
    void embeds_texts_as_floats(String path) throws Exception {
        HttpResponse<String> response = post(path,
                "{\"model\":\"probe-embed\",\"input\":[\"one\",\"two\"],\"dimensions\":3,\"user\":\"u-1\",\"encoding_format\":\"float\",\"x\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject("""
                {"object": "list",
                 "data": [{"object": "embedding", "index": 0, "embedding": [0.0, -0.5, 0.1]},
                          {"object": "embedding", "index": 1, "embedding": [1.0, -0.5, 0.1]}],
                 "model": "probe-embed-v1",
                 "usage": {"prompt_tokens": 6, "total_tokens": 6}}"""));
        var received = RequestProbe.embeds.get(0);
        assertThat(received.input()).containsExactly("one", "two");
        assertThat(received.dimensions()).isEqualTo(3);
        assertThat(received.user()).isEqualTo("u-1");
        assertThat(received.extra()).isEqualTo(new JsonObject().put("x", 1));
    }

    @Test
    void embeds_as_base64_of_little_endian_float32() throws Exception {
        HttpResponse<String> response =
                post("/v1/embeddings", "{\"model\":\"probe-embed\",\"input\":\"one\",\"encoding_format\":\"base64\"}");

        String base64 = new JsonObject(response.body()).getJsonArray("data").getJsonObject(0).getString("embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(12);
        assertThat(List.of(bytes.getFloat(), bytes.getFloat(), bytes.getFloat())).containsExactly(0.0f, -0.5f, 0.1f);
    }

    @Test
    void the_openai_sdk_reads_embeddings_in_both_encodings() {
        for (EmbeddingCreateParams.EncodingFormat format :
                List.of(EmbeddingCreateParams.EncodingFormat.FLOAT, EmbeddingCreateParams.EncodingFormat.BASE64)) {
            CreateEmbeddingResponse response = openAi().embeddings().create(EmbeddingCreateParams.builder()
                    .model("probe-embed")
                    .inputOfArrayOfStrings(List.of("a", "b"))
                    .encodingFormat(format)
                    .build());

            assertThat(response.data()).hasSize(2);
            assertThat(response.data().get(1).embedding()).as(format.toString()).containsExactly(1.0f, -0.5f, 0.1f);
            assertThat(response.usage().promptTokens()).isEqualTo(6);
        }
    }

    @Test
    void a_backend_that_does_not_embed_is_a_bad_request_naming_the_model() {
        assertThatThrownBy(() -> openAi().embeddings().create(EmbeddingCreateParams.builder()
                        .model("echo")
                        .input("hi")
                        .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'echo'");
    }

    @Test
    void embedding_failures_keep_their_kind() throws Exception {
        assertThatThrownBy(() -> openAi().embeddings().create(
                        EmbeddingCreateParams.builder().model("embed-limited").input("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, limited ->
                        assertThat(limited.headers().values("Retry-After")).containsExactly("1"));
        HttpResponse<String> broken = post("/v1/embeddings", "{\"model\":\"embed-throws\",\"input\":\"hi\"}");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(new JsonObject(broken.body()).getJsonObject("error").getString("message")).contains("'probe'");
    }

    @Test
    void embedding_requests_are_checked_in_the_openai_shape() throws Exception {
        for (String body : List.of(
                "{\"model\":\"probe-embed\",\"input\":[1,2,3]}",
                "{\"model\":\"probe-embed\",\"input\":[[1,2],[3]]}",
                "{\"model\":\"probe-embed\",\"input\":[]}",
                "{\"model\":\"probe-embed\",\"input\":\"\"}",
                "{\"model\":\"probe-embed\"}")) {
            HttpResponse<String> response = post("/v1/embeddings", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getJsonObject("error").getString("param")).as(body).isEqualTo("input");
        }
        HttpResponse<String> encoding =
                post("/v1/embeddings", "{\"model\":\"probe-embed\",\"input\":\"a\",\"encoding_format\":\"int8\"}");
        assertThat(new JsonObject(encoding.body()).getJsonObject("error").getString("param")).isEqualTo("encoding_format");
        HttpResponse<String> unknown = post("/v1/embeddings", "{\"model\":\"nope\",\"input\":\"a\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getJsonObject("error").getString("code")).isEqualTo("model_not_found");
    }

    // what the front ends stamp on chat requests

    @Test
    void an_anthropic_request_carries_its_dialect_and_only_the_forwardable_headers() {
        anthropic().messages().create(MessageCreateParams.builder()
                .model("probe")
                .maxTokens(10)
                .addUserMessage("hi")
                .putAdditionalHeader("anthropic-beta", "interleaved-thinking-2025-05-14")
                .putAdditionalHeader("X-Team", "a")
                .build());

        ChatRequest request = RequestProbe.lastChat();
        assertThat(request.dialect()).isEqualTo("anthropic");
        assertThat(request.headers()).isEqualTo(Map.of("anthropic-beta", "interleaved-thinking-2025-05-14"));
    }

    @Test
    void an_openai_request_carries_its_dialect_and_openai_beta() {
        openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("probe")
                .addUserMessage("hi")
                .putAdditionalHeader("OpenAI-Beta", "assistants=v2")
                .build());

        ChatRequest request = RequestProbe.lastChat();
        assertThat(request.dialect()).isEqualTo("openai");
        assertThat(request.headers()).isEqualTo(Map.of("openai-beta", "assistants=v2"));
    }

    @Test
    void repeated_provider_headers_are_joined_with_commas() throws Exception {
        post("/v1/messages", "{\"model\":\"probe\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "anthropic-beta", "a-1", "Anthropic-Beta", "b-2", "authorization", "Bearer secret");

        assertThat(RequestProbe.lastChat().headers()).isEqualTo(Map.of("anthropic-beta", "a-1,b-2"));
    }
}
