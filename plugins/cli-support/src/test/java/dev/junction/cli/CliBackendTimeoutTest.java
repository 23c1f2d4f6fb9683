package dev.junction.cli;

import static dev.junction.cli.FakeCli.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.StreamGrammar;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The total and idle time limits of a run. */
@Timeout(30)
class CliBackendTimeoutTest {

    private final FakeCli cli = new FakeCli();

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void times_out_when_the_cli_prints_nothing_for_the_idle_time() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        long start = System.nanoTime();

        cli.backend("silent", new JsonObject().put("idleTimeoutSeconds", 1)).chat(request("hi"), sink);

        assertThat(sink.awaitFailure()).isEqualTo(ChatEvent.Failed.of(ErrorKind.TIMEOUT, "Fake CLI printed nothing for 1 s"));
        assertThat(Duration.ofNanos(sink.terminalAtNanos() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        FakeCli.assertAllDead(cli.pids(1));
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void times_out_when_a_chatty_run_exceeds_its_total_time() {
        RecordingSink sink = new RecordingSink();
        long start = System.nanoTime();

        cli.backend("chatty", new JsonObject().put("timeoutSeconds", 1)).chat(request("hi"), sink);

        assertThat(sink.text()).as("output kept the idle limit away").startsWith("...");
        assertThat(sink.awaitFailure()).isEqualTo(ChatEvent.Failed.of(ErrorKind.TIMEOUT, "Fake CLI did not finish within 1 s"));
        assertThat(Duration.ofNanos(sink.terminalAtNanos() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        StreamGrammar.assertValid(sink.events());
    }
}
