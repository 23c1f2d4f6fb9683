package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.Golden;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.SseReplay;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backend with {@code options.api: responses} against a fake Responses API on 127.0.0.1 that
 * records what it receives and answers with a recorded stream, a response object or an error.
 */
class ResponsesBackendTest extends AgainstFakeOpenAi {

    private static final JsonObject RESPONSES = new JsonObject().put("api", "responses");

    @Test
    void streams_from_post_responses(Vertx vertx) {
        start(vertx, RESPONSES, SseReplay.of(Golden.text("streams/responses/text.sse")));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("gpt-5-mini").build(), sink);

        assertThat(sink.awaitEnd()).isEqualTo(Replay.responses("text.sse"));
        FakeUpstream.Received request = upstream.fake().next();
        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.path()).isEqualTo("/v1/responses");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer " + OpenAiUpstream.KEY);
        Golden.assertJson("requests/responses/plain-text.json", request.json());
    }

    @Test
    void a_non_streaming_client_gets_the_response_object_read_whole(Vertx vertx) {
        String transcript = Golden.text("streams/responses/reasoning-tool-call.sse");
        JsonObject completed = new JsonObject(transcript.substring(transcript.lastIndexOf("data: ") + 6).strip())
                .getJsonObject("response");
        start(vertx, RESPONSES, FakeUpstream.json(200, completed));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("gpt-5").stream(false).build(), sink);

        List<ChatEvent> events = sink.awaitEnd();
        assertThat(events).contains(
                ChatEvent.BlockStart.toolCall(1, "call_Xq2Lr8Vn4Tb6Wd0Yk1Jc3Hs5", "get_weather"),
                new ChatEvent.ToolArgumentsDelta(1, "{\"city\":\"Paris\"}"));
        assertThat(events).last().isEqualTo(ChatEvent.Finish.of(FinishReason.TOOL_USE));
        assertThat(upstream.fake().next().json().getValue("stream")).isEqualTo(false);
    }

    @Test
    void a_responses_client_has_its_headers_forwarded_but_not_its_key(Vertx vertx) {
        start(vertx, RESPONSES, SseReplay.of(Golden.text("streams/responses/text.sse")));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("gpt-5-mini")
                        .dialect("responses")
                        .headers(Map.of("session-id", "01a1fe7c", "authorization", "Bearer client-key"))
                        .build(), sink);

        assertThat(sink.awaitEnd()).last().isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
        FakeUpstream.Received request = upstream.fake().next();
        assertThat(request.headers().get("session-id")).isEqualTo("01a1fe7c");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer " + OpenAiUpstream.KEY);
    }

    @Test
    void a_refused_request_is_an_invalid_request_with_the_upstream_message(Vertx vertx) {
        start(vertx, RESPONSES, FakeUpstream.json(400,
                "{\"error\":{\"message\":\"Invalid schema for function 'noop': schema must be a JSON Schema of "
                        + "'type: \\\"object\\\"'.\",\"type\":\"invalid_request_error\",\"param\":\"tools[0].parameters\","
                        + "\"code\":\"invalid_function_parameters\"}}"));
        RecordingSink sink = new RecordingSink();

        upstream.backend().chat(Requests.builder("gpt-5").build(), sink);

        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failed.message()).contains("Invalid schema for function 'noop'");
    }
}
