package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backend's one-shot calls, {@code GET /models} and {@code POST /embeddings}, against a fake upstream. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class OpenAiBackendCallsTest {

    private static final String KEY = FakeUpstream.KEY;

    private Backend backend;

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void lists_the_upstream_models(Vertx vertx, VertxTestContext test) {
        start(vertx, new JsonObject(), request -> {
            test.verify(() -> {
                assertThat(request.method()).isEqualTo(HttpMethod.GET);
                assertThat(request.path()).isEqualTo("/v1/models");
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
            });
            request.response().putHeader("Content-Type", "application/json").end("""
                    {"object":"list","data":[
                      {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},
                      {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
                      {"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"system"}]}""");
        });

        backend.models().onComplete(test.succeeding(ids -> test.verify(() -> {
            assertThat(ids).containsExactly("gpt-4o", "gpt-4o-mini", "text-embedding-3-small");
            test.completeNow();
        })));
    }

    @Test
    void embeds_with_float_vectors_in_input_order(Vertx vertx, VertxTestContext test) {
        start(vertx, new JsonObject().put("modelMap", new JsonObject().put("embed", "text-embedding-3-small")),
                request -> request.body().onComplete(test.succeeding(body -> {
                    test.verify(() -> {
                        assertThat(request.path()).isEqualTo("/v1/embeddings");
                        assertThat(body.toJsonObject()).isEqualTo(new JsonObject("""
                                {"model":"text-embedding-3-small","input":["first","second"],"dimensions":2,
                                 "user":"u-1","encoding_format":"float"}"""));
                    });
                    request.response().putHeader("Content-Type", "application/json").end("""
                            {"object":"list","data":[
                              {"object":"embedding","index":1,"embedding":[0.25,-0.5]},
                              {"object":"embedding","index":0,"embedding":[0.125,1.0]}],
                             "model":"text-embedding-3-small","usage":{"prompt_tokens":3,"total_tokens":3}}""");
                })));

        backend.embed(new EmbeddingRequest("embed", List.of("first", "second"), 2, "u-1",
                        new JsonObject().put("encoding_format", "float")))
                .onComplete(test.succeeding(embeddings -> test.verify(() -> {
                    assertThat(embeddings.model()).isEqualTo("text-embedding-3-small");
                    assertThat(embeddings.vectors()).containsExactly(List.of(0.125, 1.0), List.of(0.25, -0.5));
                    assertThat(embeddings.inputTokens()).isEqualTo(3);
                    test.completeNow();
                })));
    }

    @Test
    void decodes_base64_vectors_as_little_endian_float32(Vertx vertx, VertxTestContext test) {
        ByteBuffer floats = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        floats.putFloat(0.5f).putFloat(-1.25f).putFloat(3.0f);
        String base64 = Base64.getEncoder().encodeToString(floats.array());
        start(vertx, new JsonObject(), request -> request.body().onComplete(test.succeeding(body -> request.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("object", "list")
                        .put("data", new JsonArray().add(new JsonObject()
                                .put("object", "embedding").put("index", 0).put("embedding", base64)))
                        .put("model", "text-embedding-3-large")
                        .put("usage", new JsonObject().put("prompt_tokens", 1).put("total_tokens", 1))
                        .encode()))));

        backend.embed(new EmbeddingRequest("text-embedding-3-large", List.of("x"), null, null,
                        new JsonObject().put("encoding_format", "base64")))
                .onComplete(test.succeeding(embeddings -> test.verify(() -> {
                    assertThat(embeddings.vectors()).containsExactly(List.of(0.5, -1.25, 3.0));
                    test.completeNow();
                })));
    }

    @Test
    void a_failed_model_list_is_classified(Vertx vertx, VertxTestContext test) {
        start(vertx, new JsonObject(), request -> request.response().setStatusCode(403)
                .end("{\"error\":{\"message\":\"You are not allowed to list models.\",\"type\":\"invalid_request_error\"}}"));

        backend.models().onComplete(test.failing(failure -> test.verify(() -> {
            assertThat(failure).isInstanceOf(BackendException.class);
            assertThat(((BackendException) failure).kind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(failure.getMessage()).contains("backend 'gpt'");
            test.completeNow();
        })));
    }

    private void start(Vertx vertx, JsonObject options, Handler<HttpServerRequest> handler) {
        backend = FakeUpstream.backend(vertx, options, handler);
    }
}
