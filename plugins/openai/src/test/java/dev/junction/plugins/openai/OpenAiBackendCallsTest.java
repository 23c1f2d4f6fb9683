package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.FakeUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The backend's one-shot calls, {@code GET /models} and {@code POST /embeddings}, against a fake upstream. */
class OpenAiBackendCallsTest extends AgainstFakeOpenAi {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void lists_the_upstream_models(Vertx vertx) throws Exception {
        start(vertx, new JsonObject(), FakeUpstream.json(200, """
                {"object":"list","data":[
                  {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},
                  {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
                  {"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"system"}]}"""));

        List<String> ids = upstream.backend().models().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(ids).containsExactly("gpt-4o", "gpt-4o-mini", "text-embedding-3-small");
        FakeUpstream.Received request = upstream.fake().next();
        assertThat(request.method()).isEqualTo(HttpMethod.GET);
        assertThat(request.path()).isEqualTo("/v1/models");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer " + OpenAiUpstream.KEY);
    }

    @Test
    void embeds_with_float_vectors_in_input_order(Vertx vertx) throws Exception {
        start(
                vertx,
                new JsonObject().put("modelMap", new JsonObject().put("embed", "text-embedding-3-small")),
                FakeUpstream.json(200, """
                        {"object":"list","data":[
                          {"object":"embedding","index":1,"embedding":[0.25,-0.5]},
                          {"object":"embedding","index":0,"embedding":[0.125,1.0]}],
                         "model":"text-embedding-3-small","usage":{"prompt_tokens":3,"total_tokens":3}}"""));

        Embeddings embeddings = upstream.backend()
                .embed(new EmbeddingRequest("embed", List.of("first", "second"), 2, "u-1",
                        new JsonObject().put("encoding_format", "float")))
                .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(embeddings.model()).isEqualTo("text-embedding-3-small");
        assertThat(embeddings.vectors()).containsExactly(List.of(0.125, 1.0), List.of(0.25, -0.5));
        assertThat(embeddings.inputTokens()).isEqualTo(3);
        FakeUpstream.Received request = upstream.fake().next();
        assertThat(request.path()).isEqualTo("/v1/embeddings");
        assertThat(request.json()).isEqualTo(new JsonObject("""
                {"model":"text-embedding-3-small","input":["first","second"],"dimensions":2,
                 "user":"u-1","encoding_format":"float"}"""));
    }

    @Test
    void decodes_base64_vectors_as_little_endian_float32(Vertx vertx) throws Exception {
        ByteBuffer floats = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        floats.putFloat(0.5f).putFloat(-1.25f).putFloat(3.0f);
        String base64 = Base64.getEncoder().encodeToString(floats.array());
        start(vertx, new JsonObject(), FakeUpstream.json(200, new JsonObject()
                .put("object", "list")
                .put("data", new JsonArray().add(new JsonObject()
                        .put("object", "embedding").put("index", 0).put("embedding", base64)))
                .put("model", "text-embedding-3-large")
                .put("usage", new JsonObject().put("prompt_tokens", 1).put("total_tokens", 1))));

        Embeddings embeddings = upstream.backend()
                .embed(new EmbeddingRequest("text-embedding-3-large", List.of("x"), null, null,
                        new JsonObject().put("encoding_format", "base64")))
                .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(embeddings.vectors()).containsExactly(List.of(0.5, -1.25, 3.0));
    }

    @Test
    void a_failed_model_list_is_classified(Vertx vertx) {
        start(vertx, new JsonObject(), FakeUpstream.json(403,
                "{\"error\":{\"message\":\"You are not allowed to list models.\",\"type\":\"invalid_request_error\"}}"));

        assertThat(upstream.backend().models().toCompletionStage())
                .failsWithin(WAIT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.kind())
                        .isEqualTo(ErrorKind.AUTHENTICATION))
                .withMessageContaining("backend 'gpt'");
    }
}
