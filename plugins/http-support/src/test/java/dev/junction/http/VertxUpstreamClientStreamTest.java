package dev.junction.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VertxUpstreamClientStreamTest {

    /** How many events the flow-control test streams. */
    private static final int EVENTS = 30_000;
    /** Makes each event about 110 bytes: one read from the socket (64 KiB at most) holds a few hundred. */
    private static final String PADDING = " " + "x".repeat(100);

    private FakeUpstream fake;
    private UpstreamClient client;

    @BeforeEach
    void warmUp(Vertx vertx) throws Exception {
        UpstreamTestSupport.warmUp(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close().await(5, TimeUnit.SECONDS);
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void relays_each_event_as_it_arrives_without_waiting_for_the_whole_answer(Vertx vertx) throws Exception {
        Promise<Void> sawFirst = Promise.promise();
        fake = FakeUpstream.start(vertx, (request, response) -> {
            sse(response);
            response.write("data: one\n\n");
            sawFirst.future().onSuccess(go -> response.write("data: two\n\n").compose(v -> response.end("data: [DONE]\n\n")));
        });
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject().put("stream", true), new TextHandler(), sink);

        assertThat(sink.awaitEvents(1)).containsExactly(new ChatEvent.TextDelta(0, "one"));
        sawFirst.complete();
        assertThat(sink.awaitTerminal()).isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
        assertThat(sink.events())
                .containsExactly(
                        new ChatEvent.TextDelta(0, "one"),
                        new ChatEvent.TextDelta(0, "two"),
                        ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @Test
    void sends_fixed_then_option_then_call_headers_and_the_json_body(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response).end("data: [DONE]\n\n"));
        HttpOptions options = UpstreamTestSupport.options(
                fake.baseUrl("/v1"),
                new JsonObject().put("headers", new JsonObject().put("anthropic-version", "2").put("X-Opt", "option")));
        client = VertxUpstreamClient.create(
                vertx,
                "up",
                options,
                Map.of("x-api-key", UpstreamTestSupport.API_KEY, "anthropic-version", "1", "X-Fixed", "fixed"));
        JsonObject body = new JsonObject().put("model", "m").put("stream", true);

        client.stream("/messages", Map.of("x-opt", "call", "X-Call", "c"), body, new TextHandler(), new RecordingSink());

        FakeUpstream.Received received = fake.next();
        assertThat(received.method()).isEqualTo(HttpMethod.POST);
        assertThat(received.uri()).isEqualTo("/v1/messages");
        assertThat(received.headers().get("x-api-key")).isEqualTo(UpstreamTestSupport.API_KEY);
        assertThat(received.headers().get("X-Fixed")).isEqualTo("fixed");
        assertThat(received.headers().getAll("anthropic-version")).containsExactly("2");
        assertThat(received.headers().getAll("X-Opt")).containsExactly("call");
        assertThat(received.headers().get("X-Call")).isEqualTo("c");
        assertThat(received.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(received.headers().get("Accept")).isEqualTo("text/event-stream");
        assertThat(received.body().toJsonObject()).isEqualTo(body);
    }

    @Test
    void passes_named_events_in_crlf_streams_to_the_handler(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response)
                .end(": hello\r\nevent: delta\r\ndata: a\r\ndata: b\r\n\r\nevent: stop\r\ndata: [DONE]"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        TextHandler handler = new TextHandler();
        RecordingSink sink = new RecordingSink();

        client.stream("/messages", Map.of(), new JsonObject(), handler, sink);

        assertThat(sink.awaitTerminal()).isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
        assertThat(handler.seen).containsExactly(new SseEvent("delta", "a\nb"), new SseEvent("stop", "[DONE]"));
    }

    @Test
    void asks_the_handler_for_the_end_when_the_upstream_ends_without_a_terminal_event(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response).end("data: partial\n\n"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        TextHandler handler = new TextHandler();
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), handler, sink);

        assertThat(sink.awaitFailure().message()).isEqualTo("ended clean=true");
        assertThat(sink.events()).first().isEqualTo(new ChatEvent.TextDelta(0, "partial"));
        assertThat(handler.ends).containsExactly(true);
    }

    @Test
    void drops_what_follows_the_handlers_terminal_event_and_does_not_ask_for_an_end(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response)
                .end("data: a\n\ndata: [DONE]\n\ndata: after\n\ndata: [DONE]\n\n"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        TextHandler handler = new TextHandler();
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), handler, sink);

        sink.awaitTerminalTaskDone();
        assertThat(sink.events())
                .containsExactly(new ChatEvent.TextDelta(0, "a"), ChatEvent.Finish.of(FinishReason.END_TURN));
        assertThat(handler.ends).isEmpty();
    }

    @Test
    void ends_exactly_once_and_no_deadline_fires_after_the_end(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response).end("data: a\n\ndata: [DONE]\n\n"));
        client = UpstreamTestSupport.client(
                vertx, fake.baseUrl("/v1"), new JsonObject().put("timeoutSeconds", 1).put("firstByteTimeoutSeconds", 1));
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);

        sink.awaitTerminal();
        assertThat(sink.moreThanWithin(2, java.time.Duration.ofMillis(1500)))
                .as("nothing after the end, even past the 1 s deadlines")
                .isFalse();
        assertThat(sink.events()).hasSize(2);
    }

    @Test
    void sends_nothing_when_the_sink_is_already_cancelled(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> response.end("{\"data\":[]}"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        RecordingSink sink = new RecordingSink();
        sink.cancel();

        client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);

        assertThat(client.call(HttpMethod.GET, "/models", Map.of(), null).await(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(fake.next().uri()).isEqualTo("/v1/models");
        assertThat(sink.events()).isEmpty();
    }

    static HttpServerResponse sse(HttpServerResponse response) {
        return response.setChunked(true).putHeader("Content-Type", "text/event-stream");
    }

    @Test
    void pauses_the_upstream_while_the_sink_is_not_ready_and_resumes_when_it_is(Vertx vertx) throws Exception {
        AtomicInteger written = new AtomicInteger();
        fake = FakeUpstream.start(vertx, (request, response) -> pump(response.setChunked(true), written));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        RecordingSink sink = new RecordingSink();
        sink.stopReading();

        client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);

        int taken = sink.awaitEvents(1).size();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sink.moreThanWithin(taken, Duration.ofMillis(500))) {
            assertThat(System.nanoTime()).as("the relay stops while the sink is not ready").isLessThan(deadline);
            taken = sink.events().size();
        }
        assertThat(taken).as("events relayed while the sink was not ready (of %d)", EVENTS).isLessThan(EVENTS / 20);
        assertThat(sink.waitingProducers()).as("the relay waits for the sink").isEqualTo(1);

        sink.resumeReading();

        assertThat(sink.awaitTerminal()).isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
        assertThat(sink.events()).hasSize(EVENTS + 1);
        assertThat(written.get()).isEqualTo(EVENTS);
    }

    /** Writes {@link #EVENTS} events as fast as the connection takes them, then the end. */
    private static void pump(HttpServerResponse response, AtomicInteger written) {
        while (written.get() < EVENTS && !response.writeQueueFull()) {
            response.write("data: " + written.incrementAndGet() + PADDING + "\n\n");
        }
        if (written.get() < EVENTS) {
            response.drainHandler(drained -> pump(response, written));
        } else {
            response.end("data: [DONE]\n\n");
        }
    }
}
