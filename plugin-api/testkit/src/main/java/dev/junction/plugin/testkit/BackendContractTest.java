package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every backend plugin keeps, as tests a plugin's test class inherits: extend it,
 * give the {@link #factory()}, say how to make the backend answer in each {@link Kind} of
 * {@link Scenario} ({@link #prepare}), and list {@link #badOptions()}. It holds the backend to the
 * grammar documented on {@link ChatEvent}: {@code MessageStart} first, deltas inside their block,
 * exactly one {@code Finish} or {@code Failed}, nothing after a cancel, a cancel honoured within a
 * second, a failure of the expected kind, bad options rejected with a message naming
 * {@code options.<key>}.
 *
 * <p>The backend is hosted as the gateway hosts it: created on a worker thread with a
 * {@link TestBackendContext}; a non-blocking backend's {@code chat} and cancel actions run on a
 * Vert.x event-loop context, a {@linkplain Backend#blocking() blocking} backend's on worker
 * threads. Each test gets a fresh {@link #vertx()}, closed after it (which also stops a
 * {@link FakeUpstream} started on it).
 *
 * @since 1.0.0
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class BackendContractTest {

    /** How long a backend may take to stop once cancelled. */
    public static final Duration CANCEL_DEADLINE = Duration.ofSeconds(1);

    /** The situations a plugin's test sets up for the contract. */
    public enum Kind {
        /** A short text answer, streamed, that finishes. */
        TEXT,
        /** The upstream (or the CLI) fails; the scenario says with which {@link ErrorKind}. */
        FAILURE,
        /** An answer that starts (at least one event comes) and does not end until cancelled. */
        SLOW
    }

    /** A pair of options a factory must reject, and the option its message must name. */
    public record BadOption(JsonObject options, String key) {}

    private Vertx vertx;
    private HostedBackend hosted;

    /** The plugin's factory, as the gateway finds it. */
    protected abstract BackendFactory factory();

    /**
     * Sets up the backend's upstream (a {@link FakeUpstream} on {@link #vertx()}, a fake CLI...) to
     * answer as {@code kind} asks, and returns the scenario: the backend's options and the request to
     * send. Returns {@code null} for a kind the backend cannot be made to play: the tests that need
     * it are then skipped.
     */
    protected abstract Scenario prepare(Kind kind);

    /** Options the factory must reject, each with the key its message must name; the default lists none. */
    protected Stream<BadOption> badOptions() {
        return Stream.empty();
    }

    /** This test's Vert.x instance. */
    protected final Vertx vertx() {
        return vertx;
    }

    @BeforeEach
    final void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    final void stopBackendAndVertx() throws Exception {
        try {
            if (hosted != null) {
                hosted.close();
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_text_answer_starts_with_message_start_and_keeps_the_grammar() {
        RecordingSink sink = chat(scenario(Kind.TEXT));

        List<ChatEvent> events = sink.awaitEnd();

        assertThat(events.get(0)).as("the first event").isInstanceOf(ChatEvent.MessageStart.class);
        StreamGrammar.assertValid(events);
        assertThat(sink.awaitTerminal()).as("the end of a text answer").isInstanceOf(ChatEvent.Finish.class);
        assertThat(sink.text()).as("the answer's text").isNotEmpty();
    }

    @Test
    void a_text_answer_ends_exactly_once() {
        RecordingSink sink = chat(scenario(Kind.TEXT));

        assertEndsOnce(sink);
    }

    @Test
    void a_failure_carries_the_kind_of_what_went_wrong() {
        Scenario scenario = scenario(Kind.FAILURE);
        RecordingSink sink = chat(scenario);

        ChatEvent.Failed failed = sink.awaitFailure();

        StreamGrammar.assertValid(sink.awaitEnd());
        assertThat(failed.message()).as("the failure's message").isNotBlank();
        if (scenario.failure() != null) {
            assertThat(failed.kind()).as("the failure's kind (%s)", failed.message()).isEqualTo(scenario.failure());
        }
    }

    @Test
    void a_failed_answer_ends_exactly_once() {
        RecordingSink sink = chat(scenario(Kind.FAILURE));

        assertEndsOnce(sink);
    }

    @Test
    void a_cancel_is_honoured_within_a_second() {
        Scenario scenario = scenario(Kind.SLOW);
        RecordingSink sink = chatUntilStarted(scenario);

        long cancelled = System.nanoTime();
        hosted.cancel(sink);

        if (scenario.stopProbe() != null) {
            assertThat(scenario.stopProbe().stoppedWithin(CANCEL_DEADLINE))
                    .as("the backend stopped its work within %s of the cancel", CANCEL_DEADLINE)
                    .isTrue();
        }
        hosted.awaitChatReturned(CANCEL_DEADLINE.minusNanos(System.nanoTime() - cancelled));
        assertThat(sink.moreThanWithin(sink.events().size(), CANCEL_DEADLINE))
                .as("events a second after the cancel: %s", sink.events())
                .isFalse();
    }

    /**
     * A non-blocking backend's cancel runs on its event loop, so nothing may follow it. A blocking
     * backend may still be between its check of {@link dev.junction.plugin.ChatSink#cancelled()} and
     * an emit when the cancel comes (the gateway drops such an event), so for it nothing may follow
     * once its call has returned.
     */
    @Test
    void nothing_follows_a_cancel() {
        RecordingSink sink = chatUntilStarted(scenario(Kind.SLOW));

        hosted.cancel(sink);

        if (hosted.backend().blocking()) {
            hosted.awaitChatReturned(CANCEL_DEADLINE);
            int stopped = sink.events().size();
            sink.moreThanWithin(stopped, CANCEL_DEADLINE);
            assertThat(sink.events().subList(stopped, sink.events().size()))
                    .as("events after the cancelled call returned")
                    .isEmpty();
        } else {
            sink.moreThanWithin(sink.events().size(), CANCEL_DEADLINE);
            assertThat(sink.eventsAfterCancel()).as("events after the cancel").isEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> bad_options_are_rejected_naming_the_option() {
        return badOptions().map(bad -> DynamicTest.dynamicTest("options." + bad.key(), () -> {
            try (TestBackendContext context = TestBackendContext.of("contract", bad.options(), vertx)) {
                Throwable thrown = catchThrowable(() -> factory().create(context));
                assertThat(thrown)
                        .as("creating a backend with a bad options.%s: %s", bad.key(), bad.options().encode())
                        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind())
                                .isEqualTo(ErrorKind.INVALID_REQUEST))
                        .hasMessageContaining("options." + bad.key());
            }
        }));
    }

    private Scenario scenario(Kind kind) {
        Scenario scenario = prepare(kind);
        Assumptions.assumeTrue(scenario != null, () -> getClass().getSimpleName() + " plays no " + kind + " scenario");
        return scenario;
    }

    private RecordingSink chat(Scenario scenario) {
        hosted = HostedBackend.start(factory(), scenario.options(), vertx);
        RecordingSink sink = new RecordingSink();
        if (scenario.pausedClient()) {
            sink.stopReading();
        }
        hosted.chat(scenario.request(), sink);
        return sink;
    }

    /** Starts a slow answer and waits for its first event; fails if it has already ended. */
    private RecordingSink chatUntilStarted(Scenario scenario) {
        RecordingSink sink = chat(scenario);
        sink.awaitEvents(1);
        assertThat(sink.terminal()).as("the end of an answer that should wait for a cancel").isNull();
        if (!hosted.backend().blocking()) {
            hosted.awaitChatReturned(CANCEL_DEADLINE);
        }
        return sink;
    }

    /** Waits for the end, and for the backend's call and the context that ended it, then a little more. */
    private void assertEndsOnce(RecordingSink sink) {
        List<ChatEvent> events = sink.awaitEnd();
        hosted.awaitChatReturned(RecordingSink.WAIT);
        hosted.awaitQuiet();
        sink.moreThanWithin(events.size(), Duration.ofMillis(200));
        assertThat(sink.events().stream().filter(ChatEvent::terminal))
                .as("terminal events of %s", sink.events())
                .hasSize(1);
        assertThat(sink.events()).as("events after the terminal one").hasSameSizeAs(events);
    }
}
