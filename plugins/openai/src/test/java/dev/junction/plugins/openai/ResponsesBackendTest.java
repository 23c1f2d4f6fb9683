package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.Backend;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend with {@code options.api: responses} against a fake Responses API on 127.0.0.1 that
 * checks what it receives and answers with a recorded stream, a response object or an error.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ResponsesBackendTest {

    private static final JsonObject RESPONSES = new JsonObject().put("api", "responses");

    private Backend backend;

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void streams_from_post_responses(Vertx vertx, VertxTestContext test) {
        start(vertx, request -> request.body().onComplete(test.succeeding(body -> {
            test.verify(() -> {
                assertThat(request.method()).isEqualTo(HttpMethod.POST);
                assertThat(request.path()).isEqualTo("/v1/responses");
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeUpstream.KEY);
                assertThat(body.toJsonObject()).isEqualTo(Golden.json("requests/responses/plain-text.json"));
            });
            request.response()
                    .putHeader("Content-Type", "text/event-stream")
                    .end(Golden.text("streams/responses/text.sse"));
        })));
        RecordingSink sink = new RecordingSink();

        backend.chat(Requests.builder("gpt-5-mini").build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            assertThat(events).isEqualTo(Replay.responses("text.sse"));
            test.completeNow();
        })));
    }

    @Test
    void a_non_streaming_client_gets_the_response_object_read_whole(Vertx vertx, VertxTestContext test) {
        String transcript = Golden.text("streams/responses/reasoning-tool-call.sse");
        JsonObject completed = new JsonObject(transcript.substring(transcript.lastIndexOf("data: ") + 6).strip())
                .getJsonObject("response");
        start(vertx, request -> request.body().onComplete(test.succeeding(body -> {
            test.verify(() -> assertThat(body.toJsonObject().getValue("stream")).isEqualTo(false));
            request.response().putHeader("Content-Type", "application/json").end(completed.encode());
        })));
        RecordingSink sink = new RecordingSink();

        backend.chat(Requests.builder("gpt-5").stream(false).build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            assertThat(events).contains(
                    ChatEvent.BlockStart.toolCall(1, "call_Xq2Lr8Vn4Tb6Wd0Yk1Jc3Hs5", "get_weather"),
                    new ChatEvent.ToolArgumentsDelta(1, "{\"city\":\"Paris\"}"));
            assertThat(events).last().isEqualTo(ChatEvent.Finish.of(FinishReason.TOOL_USE));
            test.completeNow();
        })));
    }

    @Test
    void a_responses_client_has_its_headers_forwarded_but_not_its_key(Vertx vertx, VertxTestContext test) {
        start(vertx, request -> request.body().onComplete(test.succeeding(body -> {
            test.verify(() -> {
                assertThat(request.getHeader("session-id")).isEqualTo("01a1fe7c");
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeUpstream.KEY);
            });
            request.response()
                    .putHeader("Content-Type", "text/event-stream")
                    .end(Golden.text("streams/responses/text.sse"));
        })));
        RecordingSink sink = new RecordingSink();

        backend.chat(Requests.builder("gpt-5-mini")
                        .dialect("responses")
                        .headers(Map.of("session-id", "01a1fe7c", "authorization", "Bearer client-key"))
                        .build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            assertThat(events).last().isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
            test.completeNow();
        })));
    }

    @Test
    void a_refused_request_is_an_invalid_request_with_the_upstream_message(Vertx vertx, VertxTestContext test) {
        start(vertx, request -> request.response()
                .setStatusCode(400)
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":{\"message\":\"Invalid schema for function 'noop': schema must be a JSON Schema of "
                        + "'type: \\\"object\\\"'.\",\"type\":\"invalid_request_error\",\"param\":\"tools[0].parameters\","
                        + "\"code\":\"invalid_function_parameters\"}}"));
        RecordingSink sink = new RecordingSink();

        backend.chat(Requests.builder("gpt-5").build(), sink);

        sink.ended().onComplete(test.succeeding(events -> test.verify(() -> {
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(events.size() - 1);
            assertThat(failed.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(failed.message()).contains("Invalid schema for function 'noop'");
            test.completeNow();
        })));
    }

    private void start(Vertx vertx, Handler<HttpServerRequest> handler) {
        backend = FakeUpstream.backend(vertx, RESPONSES, handler);
    }
}
