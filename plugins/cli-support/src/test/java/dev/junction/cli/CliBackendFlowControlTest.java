package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.StreamGrammar;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run reads the CLI's output only as fast as the client takes it: while the client does not
 * read, the CLI blocks on its full stdout, and that wait is not the CLI being idle.
 */
@Timeout(60)
class CliBackendFlowControlTest {

    /** What the {@code huge} mode prints: 50,000 lines of 1,000 characters. */
    private static final long HUGE_TEXT = 50_000L * 1_000;

    private final FakeCli cli = new FakeCli();

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void reads_nothing_while_the_client_does_not_read_and_everything_once_it_does() throws Exception {
        RecordingSink sink = RecordingSink.countingText();
        sink.stopReading();

        CompletableFuture<Void> run = cli.chatAsync(cli.backend("huge", new JsonObject().put("idleTimeoutSeconds", 1)), sink);

        awaitWaitingProducer(sink);
        // Three idle limits long: the run neither fails as idle nor reads on.
        assertThat(run).as("the run waits for the client").failsWithin(Duration.ofSeconds(3))
                .withThrowableOfType(TimeoutException.class);
        assertThat(sink.events()).as("nothing read while the client does not read").isEmpty();

        sink.resumeReading();
        run.get(30, TimeUnit.SECONDS);
        assertThat(sink.textLength()).isEqualTo(HUGE_TEXT);
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void a_cancel_wakes_a_run_waiting_for_the_client_and_kills_the_cli() throws Exception {
        RecordingSink sink = RecordingSink.countingText();
        CompletableFuture<Void> run = cli.chatAsync(cli.backend("wait-then-print"), sink);
        List<Long> pids = cli.pids(1);
        sink.stopReading();
        awaitWaitingProducer(sink);

        sink.cancel();

        run.get(5, TimeUnit.SECONDS);
        FakeCli.assertAllDead(pids);
        assertThat(sink.events()).as("nothing after the cancel").noneMatch(event -> event.terminal());
    }

    private static void awaitWaitingProducer(RecordingSink sink) throws InterruptedException {
        long deadline = System.nanoTime() + FakeCli.WAIT.toNanos();
        while (sink.waitingProducers() == 0) {
            assertThat(System.nanoTime()).as("the run waits for the client").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
