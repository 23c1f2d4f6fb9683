package dev.junction.cli;

import static dev.junction.cli.FakeCli.WAIT;
import static dev.junction.cli.FakeCli.assertAllDead;
import static dev.junction.cli.FakeCli.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.StreamGrammar;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The concurrency gate and its queue, and shutdown with runs in flight. */
@Timeout(30)
class CliBackendConcurrencyTest {

    private static final JsonObject ONE_AT_A_TIME = new JsonObject().put("maxConcurrency", 1).put("maxQueue", 1);

    private final FakeCli cli = new FakeCli();

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void refuses_a_third_request_at_once_while_one_runs_and_one_waits() throws Exception {
        CliBackend backend = cli.backend("wait-for-go", ONE_AT_A_TIME);
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        RecordingSink third = new RecordingSink();
        CompletableFuture<Void> firstChat = cli.chatAsync(backend, first);
        CliInput firstRun = cli.nextRun();
        CompletableFuture<Void> secondChat = cli.chatAsync(backend, second);
        second.awaitCancelRegistration(WAIT);

        long start = System.nanoTime();
        backend.chat(request("hi"), third);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(third.events()).containsExactly(
                new ChatEvent.Failed(ErrorKind.RATE_LIMITED, "Fake CLI is busy: 1 runs and 1 waiting", 1));
        assertThat(cli.protocol.started).as("the second waits").isEmpty();

        firstRun.write("go\n");
        firstChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        cli.nextRun().write("go\n");
        secondChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(first.text()).isEqualTo("ready and done");
        assertThat(second.text()).isEqualTo("ready and done");
        StreamGrammar.assertValid(first.events());
        StreamGrammar.assertValid(second.events());
    }

    @Test
    void a_queued_request_that_is_cancelled_never_starts_its_process() throws Exception {
        CliBackend backend = cli.backend("wait-for-go", ONE_AT_A_TIME);
        RecordingSink first = new RecordingSink();
        RecordingSink queued = new RecordingSink();
        CompletableFuture<Void> firstChat = cli.chatAsync(backend, first);
        CliInput firstRun = cli.nextRun();
        CompletableFuture<Void> queuedChat = cli.chatAsync(backend, queued);
        queued.awaitCancelRegistration(WAIT);

        queued.cancel();
        queuedChat.get(1, TimeUnit.SECONDS);
        firstRun.write("go\n");
        firstChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(queued.events()).isEmpty();
        assertThat(cli.protocol.prepared).hasValue(1);
        RecordingSink next = new RecordingSink();
        CompletableFuture<Void> nextChat = cli.chatAsync(backend, next);
        cli.nextRun().write("go\n");
        nextChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(next.text()).as("the queue place was given back").isEqualTo("ready and done");
    }

    @Test
    void close_fails_running_and_waiting_requests_and_kills_their_trees() throws Exception {
        CliBackend backend = cli.backend("wait-for-go", ONE_AT_A_TIME);
        RecordingSink running = new RecordingSink();
        RecordingSink waiting = new RecordingSink();
        CompletableFuture<Void> runningChat = cli.chatAsync(backend, running);
        cli.nextRun();
        List<Long> pids = cli.pids(1);
        CompletableFuture<Void> waitingChat = cli.chatAsync(backend, waiting);
        waiting.awaitCancelRegistration(WAIT);

        backend.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        ChatEvent.Failed shuttingDown =
                ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "Fake CLI stopped: gateway shutting down");
        runningChat.get(WAIT.toSeconds(), TimeUnit.SECONDS); // its thread returns just after the run is done
        assertAllDead(pids);
        assertThat(running.awaitFailure()).isEqualTo(shuttingDown);
        waitingChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(waiting.events()).containsExactly(shuttingDown);
        RecordingSink late = new RecordingSink();
        backend.chat(request("hi"), late);
        assertThat(late.events()).containsExactly(shuttingDown);
        assertThat(cli.protocol.prepared).hasValue(1);
    }

    @Test
    void a_closed_backend_leaves_no_work_on_the_threads_of_its_context() throws Exception {
        CliBackend backend = cli.backend("family");
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> chat = cli.chatAsync(backend, sink);
        cli.nextRun();
        List<Long> pids = cli.pids(3);

        backend.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        chat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        cli.context.close();

        assertAllDead(pids);
        assertThat(cli.context.workers().awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("stdin copied and stderr drained no longer")
                .isTrue();
        assertThat(cli.context.timers().awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
}
