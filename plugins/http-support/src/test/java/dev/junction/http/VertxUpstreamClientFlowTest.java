package dev.junction.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stream goes no faster than its sink takes it: while the sink is not ready the upstream
 * response is paused (so TCP flow control reaches the upstream), and it resumes when the sink is.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VertxUpstreamClientFlowTest {

    private static final int EVENTS = 30_000;
    /** Makes each event about 110 bytes: one read from the socket (64 KiB at most) holds a few hundred. */
    private static final String PADDING = " " + "x".repeat(100);

    private FakeUpstream fake;
    private UpstreamClient client;

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
    void pauses_the_upstream_while_the_sink_is_not_ready_and_resumes_when_it_is(Vertx vertx) throws Exception {
        AtomicInteger written = new AtomicInteger();
        fake = FakeUpstream.start(vertx, request -> pump(request.response().setChunked(true), written));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl(), new JsonObject());
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
