package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.http.UpstreamException;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.TokenCount;
import dev.junction.plugin.testkit.CanonicalJson;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.Golden;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.SseReplay;
import dev.junction.plugin.testkit.StreamGrammar;
import dev.junction.plugin.testkit.TestBackendContext;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend against a fake Anthropic API on 127.0.0.1: exactly what goes upstream (path, key,
 * version, forwarded beta header, body) and what comes back (recorded streams, counts, models,
 * HTTP failures), through the factory and http-support's real client.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnthropicBackendTest {

    private static final String KEY = "sk-ant-api03-test-key-0123456789";
    private static final String BACKEND = GoldenStreamTest.BACKEND;

    private FakeUpstream upstream;
    private Backend backend;

    @AfterEach
    void stop() throws Exception {
        if (backend != null) {
            backend.close().await(10, TimeUnit.SECONDS);
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void streams_a_recorded_answer_for_exactly_the_translated_request(Vertx vertx) throws Exception {
        String transcript = Golden.text("streams/tool-use-two-blocks.sse");
        upstream = FakeUpstream.start(vertx, SseReplay.of(transcript));
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));
        JsonObject golden = new JsonObject(Golden.text("requests/anthropic-extra-and-beta.json"));
        RecordingSink sink = new RecordingSink();

        backend.chat(CanonicalJson.request(golden.getJsonObject("canonical")), sink);

        FakeUpstream.Received received = upstream.next();
        assertThat(received.method()).isEqualTo(HttpMethod.POST);
        assertThat(received.uri()).isEqualTo("/v1/messages");
        assertThat(received.headers().getAll("x-api-key")).containsExactly(KEY);
        assertThat(received.headers().getAll("anthropic-version")).containsExactly("2023-06-01");
        assertThat(received.headers().getAll("anthropic-beta"))
                .containsExactly("mcp-client-2025-04-04,context-management-2025-06-27");
        assertThat(received.headers().get("content-type")).isEqualTo("application/json");
        assertThat(received.headers().contains("x-stainless-lang")).isFalse();
        assertThat(received.json()).isEqualTo(golden.getJsonObject("upstream").getJsonObject("body"));
        assertThat(sink.awaitEnd()).isEqualTo(GoldenStreamTest.decode(transcript));
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void sends_no_beta_header_for_an_openai_client_and_no_key_when_none_is_set(Vertx vertx) throws Exception {
        String transcript = Golden.text("streams/text.sse");
        upstream = FakeUpstream.start(vertx, SseReplay.of(transcript));
        backend = backend(vertx, new JsonObject().put("version", "2023-06-01").put("autoCache", false));
        JsonObject golden = new JsonObject(Golden.text("requests/openai-extra-not-forwarded.json"));
        RecordingSink sink = new RecordingSink();

        backend.chat(CanonicalJson.request(golden.getJsonObject("canonical")), sink);

        FakeUpstream.Received received = upstream.next();
        assertThat(received.headers().contains("anthropic-beta")).isFalse();
        assertThat(received.headers().contains("x-api-key")).isFalse();
        assertThat(received.headers().contains("authorization")).isFalse();
        assertThat(received.json()).isEqualTo(golden.getJsonObject("upstream").getJsonObject("body"));
        assertThat(sink.awaitEnd()).isEqualTo(GoldenStreamTest.decode(transcript));
    }

    @Test
    void an_error_event_mid_stream_fails_the_answer_after_what_came_before(Vertx vertx) throws Exception {
        String transcript = Golden.text("streams/error-mid-stream.sse");
        upstream = FakeUpstream.start(vertx, SseReplay.of(transcript));
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));
        RecordingSink sink = new RecordingSink();

        backend.chat(hello(), sink);

        List<ChatEvent> events = sink.awaitEnd();
        assertThat(events).hasSize(5).startsWith(new ChatEvent.MessageStart("msg_01XFDUDYJgAACzvnptvVoYEL", "claude-opus-4-1-20250805"));
        assertThat(events.get(4)).isEqualTo(ChatEvent.Failed.of(
                ErrorKind.OVERLOADED, "backend 'claude-api': the upstream failed mid-stream (overloaded_error): Overloaded"));
    }

    @Test
    void a_529_is_overloaded(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, FakeUpstream.json(529, error("overloaded_error", "Overloaded")));
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));
        RecordingSink sink = new RecordingSink();

        backend.chat(hello(), sink);

        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(failed.message()).contains("backend 'claude-api'").contains("Overloaded");
        assertThat(sink.awaitEnd()).hasSize(1);
    }

    @Test
    void a_401_is_the_gateways_credentials_refused_naming_the_backend_and_never_the_key(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, FakeUpstream.json(401, error("authentication_error", "invalid x-api-key " + KEY)));
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));
        RecordingSink sink = new RecordingSink();

        backend.chat(hello(), sink);

        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(failed.message()).startsWith("backend 'claude-api': ").contains("invalid x-api-key").doesNotContain(KEY);
    }

    @Test
    void a_429_is_rate_limited_with_the_upstreams_retry_after(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, FakeUpstream.json(429, error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
                "retry-after", "17", "anthropic-ratelimit-tokens-remaining", "0"));
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));
        RecordingSink sink = new RecordingSink();

        backend.chat(hello(), sink);

        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failed.retryAfterSeconds()).isEqualTo(17);
        assertThat(failed.message()).contains("per-minute rate limit");
    }

    @Test
    void a_request_the_api_cannot_express_fails_before_any_call(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, FakeUpstream.status(500));
        backend = backend(vertx, new JsonObject());
        RecordingSink sink = new RecordingSink();
        ChatRequest request = request(List.of(new Message(
                Message.Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_1", "f", "{not json")))));

        backend.chat(request, sink);

        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failed.message()).startsWith("messages[0].content[0]: the arguments of tool call 'call_1' (f)");
        assertThat(upstream.pending()).isZero();
    }

    @Test
    void counts_tokens_exactly_with_the_count_tokens_body(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, FakeUpstream.json(200, new JsonObject().put("input_tokens", 2095)));
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));
        JsonObject golden = new JsonObject(Golden.text("requests/thinking-across-turns.json"));

        TokenCount count = backend.countTokens(CanonicalJson.request(golden.getJsonObject("canonical")))
                .await(10, TimeUnit.SECONDS);

        assertThat(count).isEqualTo(new TokenCount(2095, true));
        FakeUpstream.Received received = upstream.next();
        assertThat(received.method()).isEqualTo(HttpMethod.POST);
        assertThat(received.uri()).isEqualTo("/v1/messages/count_tokens");
        assertThat(received.headers().get("x-api-key")).isEqualTo(KEY);
        assertThat(received.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(received.json()).isEqualTo(golden.getJsonObject("countTokens"));
    }

    @Test
    void a_count_that_fails_upstream_fails_with_the_classified_kind_not_an_estimate(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, FakeUpstream.json(404, error("not_found_error", "model: claude-nope")));
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));

        assertThatThrownBy(() -> backend.countTokens(hello()).await(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("model: claude-nope");
                });
    }

    @Test
    void lists_the_model_ids_of_every_page(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, (request, response) -> {
            boolean first = !request.uri().contains("after_id");
            JsonObject page = first
                    ? modelsPage(true, "claude-opus-4-1-20250805", "claude-sonnet-4-5-20250929")
                    : modelsPage(false, "claude-3-5-haiku-20241022");
            FakeUpstream.json(200, page).respond(request, response);
        });
        backend = backend(vertx, new JsonObject().put("apiKey", KEY));

        List<String> models = backend.models().await(10, TimeUnit.SECONDS);

        assertThat(models).containsExactly(
                "claude-opus-4-1-20250805", "claude-sonnet-4-5-20250929", "claude-3-5-haiku-20241022");
        FakeUpstream.Received first = upstream.next();
        assertThat(first.method()).isEqualTo(HttpMethod.GET);
        assertThat(first.uri()).isEqualTo("/v1/models?limit=1000");
        assertThat(first.headers().get("x-api-key")).isEqualTo(KEY);
        assertThat(first.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(upstream.next().uri()).isEqualTo("/v1/models?limit=1000&after_id=claude-sonnet-4-5-20250929");
    }

    @Test
    void stops_following_model_pages_at_the_bound(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, (request, response) ->
                FakeUpstream.json(200, modelsPage(true, "claude-" + request.uri().length())).respond(request, response));
        backend = backend(vertx, new JsonObject());

        List<String> models = backend.models().await(10, TimeUnit.SECONDS);

        assertThat(models).hasSize(AnthropicBackend.MAX_MODEL_PAGES);
    }

    @Test
    void the_factory_names_a_bad_option() {
        AnthropicBackendFactory factory = new AnthropicBackendFactory();

        assertThatThrownBy(() -> factory.create(TestBackendContext.of(BACKEND, new JsonObject().put("maxTokens", "lots"), null)))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessage("options.maxTokens: must be a positive integer");
    }

    @Test
    void does_not_block_and_makes_no_embeddings(Vertx vertx) throws Exception {
        upstream = FakeUpstream.start(vertx, (request, response) -> response.end());
        backend = backend(vertx, new JsonObject());

        assertThat(backend.blocking()).isFalse();
        assertThatThrownBy(() -> backend.embed(new dev.junction.plugin.EmbeddingRequest("claude", List.of("x"), null, null, null))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BackendException.class);
    }

    /** Anthropic's error body: {@code {"type":"error","error":{"type","message"},"request_id"}}. */
    static JsonObject error(String type, String message) {
        return new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message))
                .put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    }

    private Backend backend(Vertx vertx, JsonObject options) {
        return new AnthropicBackendFactory()
                .create(TestBackendContext.of(BACKEND, options.copy().put("baseUrl", upstream.baseUrl()), vertx));
    }

    private static JsonObject modelsPage(boolean hasMore, String... ids) {
        JsonArray data = new JsonArray();
        for (String id : ids) {
            data.add(new JsonObject()
                    .put("type", "model")
                    .put("id", id)
                    .put("display_name", id)
                    .put("created_at", "2025-02-19T00:00:00Z"));
        }
        return new JsonObject()
                .put("data", data)
                .put("has_more", hasMore)
                .put("first_id", ids[0])
                .put("last_id", ids[ids.length - 1]);
    }

    private static ChatRequest hello() {
        return request(List.of(Message.text(Message.Role.USER, "Hello")));
    }

    private static ChatRequest request(List<Message> messages) {
        return ChatRequest.builder("claude-sonnet-4-5")
                .messages(messages)
                .build();
    }
}
