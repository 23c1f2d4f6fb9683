package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.RawRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a backend's {@link dev.junction.plugin.Relay}, as tests a plugin's test class
 * inherits, played by a {@link FakeUpstream}: the relay is offered for its dialect; the client's
 * bytes reach the upstream as they are and the upstream's recorded stream comes back as they are,
 * as {@code Relayed} events with the usage, then exactly one {@code Finish}; an upstream failure
 * before any byte is a {@code Failed} of its kind and nothing else; a cancel closes the upstream
 * request within {@link BackendContractTest#CANCEL_DEADLINE}, and nothing comes after it.
 *
 * @since 1.1.0
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class RelayContractTest {

    private Vertx vertx;
    private FakeUpstream upstream;
    private HostedBackend hosted;

    /** The plugin's factory, as the gateway finds it. */
    protected abstract BackendFactory factory();

    /** The backend's options with the upstream at {@code root}, mapping no model. */
    protected abstract JsonObject options(String root);

    /**
     * A streaming request of the relayed dialect that asks for the usage itself and needs no splice,
     * so that the upstream gets its body unchanged.
     */
    protected abstract RawRequest request();

    /** The path the relay POSTs to, such as {@code /v1/chat/completions}. */
    protected abstract String chatPath();

    /** A recorded stream of a short text answer: the golden file {@code streams/text.sse} unless told. */
    protected String transcript() {
        return Golden.text("streams/text.sse");
    }

    /** How the upstream fails before any byte, and the kind the relay must make of it. */
    protected abstract HttpBackendContractTest.UpstreamFailure failure();

    @BeforeEach
    final void start() {
        vertx = Vertx.vertx();
        upstream = FakeUpstream.start(vertx);
        hosted = HostedBackend.start(factory(), options(upstream.baseUrl()), vertx);
    }

    @AfterEach
    final void stop() throws Exception {
        try {
            hosted.close();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_backend_offers_a_relay_for_the_requests_dialect() {
        assertThat(hosted.backend().relay()).as("the backend's relay").isPresent();
        assertThat(hosted.backend().relay().get().relays(request().dialect())).isTrue();
    }

    @Test
    void the_client_bytes_go_up_and_the_upstream_bytes_come_back_as_they_are() {
        upstream.route(HttpMethod.POST, chatPath(), SseReplay.of(transcript()).inPiecesOf(7));
        RecordingSink sink = new RecordingSink();

        hosted.relay(request(), sink);
        List<ChatEvent> events = sink.awaitEnd();

        assertThat(events).as("a relay's grammar: (Relayed | Usage)* then Finish").allSatisfy(event ->
                assertThat(event).isInstanceOfAny(ChatEvent.Relayed.class, ChatEvent.Usage.class, ChatEvent.Finish.class));
        assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Finish.class);
        assertThat(events).filteredOn(ChatEvent.Usage.class::isInstance).as("the usage read on the way").isNotEmpty();
        Buffer relayed = Buffer.buffer();
        events.stream()
                .filter(ChatEvent.Relayed.class::isInstance)
                .forEach(event -> relayed.appendBuffer(((ChatEvent.Relayed) event).bytes()));
        assertThat(relayed.toString(StandardCharsets.UTF_8)).isEqualTo(transcript());
        assertThat(upstream.next().body()).isEqualTo(request().body());
    }

    @Test
    void a_failure_before_any_byte_is_a_failure_of_its_kind_alone() {
        upstream.route(HttpMethod.POST, chatPath(), failure().answer());
        RecordingSink sink = new RecordingSink();

        hosted.relay(request(), sink);

        assertThat(sink.awaitFailure().kind()).isEqualTo(failure().kind());
        assertThat(sink.events()).hasSize(1);
    }

    @Test
    void a_cancel_closes_the_upstream_request_and_nothing_follows() {
        upstream.route(HttpMethod.POST, chatPath(), SseReplay.of(transcript()).holdingAfter(2));
        RecordingSink sink = new RecordingSink();
        hosted.relay(request(), sink);
        sink.awaitEvents(1);

        hosted.cancel(sink);

        assertThat(upstream.connectionClosedWithin(BackendContractTest.CANCEL_DEADLINE))
                .as("the upstream request closed within %s of the cancel", BackendContractTest.CANCEL_DEADLINE)
                .isTrue();
        assertThat(sink.eventsAfterCancel()).isEmpty();
    }
}
