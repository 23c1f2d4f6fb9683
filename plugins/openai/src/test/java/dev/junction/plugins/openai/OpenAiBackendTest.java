package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.Golden;
import dev.junction.plugin.testkit.HostedBackend;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.SseReplay;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend against a fake upstream on 127.0.0.1 (port 0) that records exactly what it receives
 * and answers with a recorded transcript or an error.
 */
class OpenAiBackendTest extends AgainstFakeOpenAi {

    private static final String KEY = OpenAiUpstream.KEY;

    @Test
    void streams_a_recorded_transcript_as_it_arrives(Vertx vertx) {
        SseReplay replay = SseReplay.of(Golden.text("streams/text.sse")).holdingAfter(2);
        JsonObject options = new JsonObject()
                .put("organization", "org-junction")
                .put("modelMap", new JsonObject().put("fast", "gpt-4o-mini"));
        start(vertx, options, replay);
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("fast").build(), sink);

        sink.awaitText("Hello", RecordingSink.WAIT);
        assertThat(sink.terminal()).as("the end, before the upstream sent it").isNull();
        replay.release();
        assertThat(sink.awaitEnd()).isEqualTo(Replay.of("text.sse"));
        FakeUpstream.Received request = upstream.fake().next();
        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.headers().get("OpenAI-Organization")).isEqualTo("org-junction");
        assertThat(request.headers().get("OpenAI-Project")).isNull();
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
        Golden.assertJson("requests/plain-text.json", request.json());
    }

    @Test
    void same_dialect_requests_carry_their_extra_fields_and_headers_but_not_the_client_key(Vertx vertx) {
        start(vertx, new JsonObject(), SseReplay.of(Golden.text("streams/text.sse")));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(RequestGoldenTest.sameDialectExtra(), sink);

        assertThat(sink.awaitEnd()).last().isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
        FakeUpstream.Received request = upstream.fake().next();
        assertThat(request.headers().get("openai-beta")).isEqualTo("assistants=v2");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer " + KEY);
        Golden.assertJson("requests/same-dialect-extra.json", request.json());
    }

    @Test
    void refused_key_is_an_authentication_failure_naming_the_backend(Vertx vertx) {
        start(vertx, new JsonObject(), FakeUpstream.json(401, new JsonObject()
                .put("error", new JsonObject()
                        .put("message", "Incorrect API key provided: " + KEY + ".")
                        .put("type", "invalid_request_error")
                        .putNull("param")
                        .put("code", "invalid_api_key"))));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("gpt-4o-mini").build(), sink);

        List<ChatEvent> events = sink.awaitEnd();
        assertThat(events).hasSize(1);
        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(failed.message()).contains("backend 'gpt'").doesNotContain(KEY);
    }

    @Test
    void rate_limit_keeps_its_retry_after(Vertx vertx) {
        start(vertx, new JsonObject(), FakeUpstream.json(429,
                "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM): "
                        + "Limit 3, Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,"
                        + "\"code\":\"rate_limit_exceeded\"}}",
                "Retry-After", "7"));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("gpt-4o-mini").build(), sink);

        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failed.retryAfterSeconds()).isEqualTo(7);
        assertThat(failed.message()).contains("backend 'gpt'", "Rate limit reached");
    }

    @Test
    void top_k_is_refused_for_openai_before_any_call(Vertx vertx) {
        start(vertx, new JsonObject().put("flavor", "openai"), FakeUpstream.status(500));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("gpt-4o-mini")
                        .sampling(new Sampling(null, null, 40, null, List.of(), null))
                        .build(), sink);

        assertThat(sink.awaitEnd()).hasSize(1);
        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failed.message()).startsWith("top_k ");
        assertThat(upstream.fake().requests()).isEmpty();
    }

    /** Either API: the client leaves after the first delta, and the upstream's connection closes. */
    @ParameterizedTest
    @ValueSource(strings = {"chat", "responses"})
    void a_cancelled_request_aborts_the_upstream_call(String api, Vertx vertx) {
        String transcript = Golden.text(api.equals("chat") ? "streams/text.sse" : "streams/responses/text.sse");
        int throughHello = SseReplay.of(transcript.substring(0, transcript.indexOf("Hello"))).events();
        FakeUpstream fake = FakeUpstream.start(vertx, SseReplay.of(transcript).holdingAfter(throughHello));
        JsonObject options = new JsonObject()
                .put("baseUrl", fake.baseUrl("/v1"))
                .put("apiKey", KEY)
                .put("api", api);
        try (HostedBackend hosted = HostedBackend.start(new OpenAiBackendFactory(), options, vertx)) {
            RecordingSink sink = new RecordingSink();
            hosted.chat(Requests.builder("gpt-4o-mini").build(), sink);
            sink.awaitText("Hello", RecordingSink.WAIT);

            hosted.cancel(sink);

            assertThat(fake.connectionClosedWithin(Duration.ofSeconds(5))).as("the upstream call was aborted").isTrue();
        }
    }
}
