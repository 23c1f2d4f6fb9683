package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.Backend;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Sampling;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend against a fake upstream on 127.0.0.1 (port 0) that checks exactly what it receives
 * and answers with a recorded transcript or an error.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class OpenAiBackendTest {

    private static final String KEY = FakeUpstream.KEY;

    private Backend backend;

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void streams_a_recorded_transcript_as_it_arrives(Vertx vertx, VertxTestContext test) {
        String transcript = Golden.text("streams/text.sse");
        int afterHello = transcript.indexOf("\n\n", transcript.indexOf("\"Hello\"")) + 2;
        Promise<Void> helloSeen = Promise.promise();
        JsonObject options = new JsonObject()
                .put("organization", "org-junction")
                .put("modelMap", new JsonObject().put("fast", "gpt-4o-mini"));
        start(vertx, options, request -> request.body().onComplete(test.succeeding(body -> {
            test.verify(() -> {
                assertThat(request.method()).isEqualTo(HttpMethod.POST);
                assertThat(request.path()).isEqualTo("/v1/chat/completions");
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
                assertThat(request.getHeader("OpenAI-Organization")).isEqualTo("org-junction");
                assertThat(request.getHeader("OpenAI-Project")).isNull();
                assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
                assertThat(body.toJsonObject()).isEqualTo(Golden.json("requests/plain-text.json"));
            });
            request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            request.response().write(transcript.substring(0, afterHello));
            helloSeen.future().onSuccess(v -> request.response().end(transcript.substring(afterHello)));
        })));
        RecordingSink sink = new RecordingSink(event -> {
            if (event instanceof ChatEvent.TextDelta delta && delta.text().equals("Hello")) {
                helloSeen.complete();
            }
        });

        backend.chat(Requests.builder("fast").build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            assertThat(events).isEqualTo(Replay.of("text.sse"));
            test.completeNow();
        })));
    }

    @Test
    void same_dialect_requests_carry_their_extra_fields_and_headers_but_not_the_client_key(
            Vertx vertx, VertxTestContext test) {
        start(vertx, new JsonObject(), request -> request.body().onComplete(test.succeeding(body -> {
            test.verify(() -> {
                assertThat(request.getHeader("openai-beta")).isEqualTo("assistants=v2");
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
                assertThat(body.toJsonObject()).isEqualTo(Golden.json("requests/same-dialect-extra.json"));
            });
            request.response().putHeader("Content-Type", "text/event-stream").end(Golden.text("streams/text.sse"));
        })));
        RecordingSink sink = new RecordingSink();

        backend.chat(RequestGoldenTest.sameDialectExtra(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            assertThat(events).last().isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
            test.completeNow();
        })));
    }

    @Test
    void refused_key_is_an_authentication_failure_naming_the_backend(Vertx vertx, VertxTestContext test) {
        start(vertx, new JsonObject(), request -> request.response()
                .setStatusCode(401)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("error", new JsonObject()
                                .put("message", "Incorrect API key provided: " + KEY + ".")
                                .put("type", "invalid_request_error")
                                .putNull("param")
                                .put("code", "invalid_api_key"))
                        .encode()));
        RecordingSink sink = new RecordingSink();

        backend.chat(Requests.builder("gpt-4o-mini").build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            assertThat(events).hasSize(1);
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(0);
            assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(failed.message()).contains("backend 'gpt'").doesNotContain(KEY);
            test.completeNow();
        })));
    }

    @Test
    void rate_limit_keeps_its_retry_after(Vertx vertx, VertxTestContext test) {
        start(vertx, new JsonObject(), request -> request.response()
                .setStatusCode(429)
                .putHeader("Retry-After", "7")
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM): "
                        + "Limit 3, Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,"
                        + "\"code\":\"rate_limit_exceeded\"}}"));
        RecordingSink sink = new RecordingSink();

        backend.chat(Requests.builder("gpt-4o-mini").build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(events.size() - 1);
            assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(failed.retryAfterSeconds()).isEqualTo(7);
            assertThat(failed.message()).contains("backend 'gpt'", "Rate limit reached");
            test.completeNow();
        })));
    }

    @Test
    void top_k_is_refused_for_openai_before_any_call(Vertx vertx, VertxTestContext test) {
        AtomicInteger calls = new AtomicInteger();
        start(vertx, new JsonObject().put("flavor", "openai"), request -> {
            calls.incrementAndGet();
            request.response().setStatusCode(500).end();
        });
        RecordingSink sink = new RecordingSink();

        backend.chat(Requests.builder("gpt-4o-mini")
                        .sampling(new Sampling(null, null, 40, null, List.of(), null))
                        .build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            assertThat(events).hasSize(1);
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(0);
            assertThat(failed.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(failed.message()).startsWith("top_k ");
            assertThat(calls).hasValue(0);
            test.completeNow();
        })));
    }

    /** Either API: the client leaves after the first delta, and the upstream's connection closes. */
    @ParameterizedTest
    @ValueSource(strings = {"chat", "responses"})
    void a_cancelled_request_aborts_the_upstream_call(String api, Vertx vertx, VertxTestContext test) {
        String transcript = Golden.text(api.equals("chat") ? "streams/text.sse" : "streams/responses/text.sse");
        int afterHello = transcript.indexOf("\n\n", transcript.indexOf("\"Hello\"")) + 2;
        start(vertx, new JsonObject().put("api", api), request -> {
            request.connection().closeHandler(v -> test.completeNow());
            request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            request.response().write(transcript.substring(0, afterHello));
        });
        RecordingSink[] sink = new RecordingSink[1];
        sink[0] = new RecordingSink(event -> {
            if (event instanceof ChatEvent.TextDelta) {
                sink[0].cancel();
            }
        });

        backend.chat(Requests.builder("gpt-4o-mini").build(), sink[0]);
    }

    private void start(Vertx vertx, JsonObject options, Handler<HttpServerRequest> handler) {
        backend = FakeUpstream.backend(vertx, options, handler);
    }
}
