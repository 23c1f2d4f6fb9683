package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Token counts and embeddings through the provider plugins: the Anthropic SDK's count_tokens answered
 * exactly by the anthropic plugin's upstream (and estimated by echo, which cannot count); the OpenAI
 * SDK's embeddings made by the openai plugin's upstream, as floats and as base64.
 */
@Timeout(60)
class CountTokensAndEmbeddingsThroughProvidersTest extends WithProviderGateway {

    @Test
    void count_tokens_is_exact_through_the_anthropic_plugin() {
        providers.anthropicUpstream.reply(Reply.json(200, new JsonObject().put("input_tokens", 1234)));

        HttpResponseFor<MessageTokensCount> response = providers.anthropic().messages().withRawResponse()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-sonnet-4-5")
                        .system("Be brief.")
                        .addUserMessage("How many tokens is this?")
                        .build());

        assertThat(response.parse().inputTokens()).isEqualTo(1234);
        assertThat(response.headers().values("x-junction-token-count")).containsExactly("exact");
        Received call = providers.anthropicUpstream.only();
        assertThat(call.method() + " " + call.path()).isEqualTo("POST /v1/messages/count_tokens");
        assertThat(call.headers()).containsEntry("x-api-key", ProviderGateway.ANTHROPIC_KEY);
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"model": "claude-sonnet-4-5", "system": "Be brief.",
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "How many tokens is this?"}]}]}"""));
    }

    @Test
    void count_tokens_is_an_estimate_through_echo() {
        HttpResponseFor<MessageTokensCount> response = providers.anthropic().messages().withRawResponse()
                .countTokens(MessageCountTokensParams.builder().model("echo").addUserMessage("How many tokens is this?").build());

        assertThat(response.parse().inputTokens()).isEqualTo(6); // 24 characters, about four to a token
        assertThat(response.headers().values("x-junction-token-count")).containsExactly("estimate");
    }

    /** Float32 values, so that a base64 answer decodes to exactly the same numbers. */
    private static final JsonObject UPSTREAM_EMBEDDINGS = new JsonObject("""
            {"object": "list",
             "data": [{"object": "embedding", "index": 1, "embedding": [0.5, -0.25, 0.125]},
                      {"object": "embedding", "index": 0, "embedding": [0.0078125, 1.5, -2.0]}],
             "model": "text-embedding-3-small",
             "usage": {"prompt_tokens": 4, "total_tokens": 4}}""");

    @Test
    void embeddings_come_from_the_openai_plugin_as_floats() {
        providers.openAiUpstream.reply(Reply.json(200, UPSTREAM_EMBEDDINGS));

        CreateEmbeddingResponse response = providers.openAi().embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .inputOfArrayOfStrings(List.of("first", "second"))
                .dimensions(3)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .build());

        assertThat(response.data()).extracting(embedding -> embedding.embedding())
                .containsExactly(List.of(0.0078125f, 1.5f, -2.0f), List.of(0.5f, -0.25f, 0.125f));
        assertThat(response.model()).isEqualTo("text-embedding-3-small");
        assertThat(response.usage().promptTokens()).isEqualTo(4);
        Received call = providers.openAiUpstream.only();
        assertThat(call.method() + " " + call.path()).isEqualTo("POST /v1/embeddings");
        assertThat(call.headers()).containsEntry("authorization", "Bearer " + ProviderGateway.OPENAI_KEY);
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"model": "text-embedding-3-small", "input": ["first", "second"], "dimensions": 3}"""));
    }

    @Test
    void embeddings_come_from_the_openai_plugin_as_base64() {
        providers.openAiUpstream.reply(Reply.json(200, UPSTREAM_EMBEDDINGS));

        CreateEmbeddingResponse response = providers.openAi().embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .inputOfArrayOfStrings(List.of("first", "second"))
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                .build());

        assertThat(response.data()).extracting(embedding -> floats(embedding.embeddingValue().asBase64()))
                .containsExactly(List.of(0.0078125f, 1.5f, -2.0f), List.of(0.5f, -0.25f, 0.125f));
        assertThat(providers.openAiUpstream.only().json())
                .isEqualTo(new JsonObject("{\"model\": \"text-embedding-3-small\", \"input\": [\"first\", \"second\"]}"));
    }

    private static List<Float> floats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        List<Float> floats = new ArrayList<>();
        while (bytes.hasRemaining()) {
            floats.add(bytes.getFloat());
        }
        return floats;
    }
}
