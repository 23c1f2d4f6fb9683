package dev.junction.cli;

import static dev.junction.cli.FakeCli.WAIT;
import static dev.junction.cli.FakeCli.assertAllDead;
import static dev.junction.cli.FakeCli.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.RecordingSink;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No process of a CLI's tree outlives its request, however the request ends. */
@Timeout(30)
class CliBackendProcessTreeTest {

    private final FakeCli cli = new FakeCli();

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void leaves_no_child_or_grandchild_alive_after_the_cli_finishes() throws Exception {
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> chat = cli.chatAsync(cli.backend("family"), sink);
        List<Long> pids = cli.pids(3);

        cli.nextRun().write("go\n");
        chat.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(sink.events()).last().isInstanceOf(ChatEvent.Finish.class);
        assertAllDead(pids);
    }

    @Test
    void leaves_no_child_or_grandchild_alive_after_a_timeout() throws InterruptedException {
        RecordingSink sink = new RecordingSink();

        cli.backend("family", new JsonObject().put("idleTimeoutSeconds", 1)).chat(request("hi"), sink);

        assertThat(sink.awaitFailure().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertAllDead(cli.pids(3));
    }

    @Test
    void leaves_no_child_or_grandchild_alive_after_a_cancel() throws Exception {
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> chat = cli.chatAsync(cli.backend("family"), sink);
        List<Long> pids = cli.pids(3);

        sink.cancel();
        chat.get(3, TimeUnit.SECONDS);

        assertThat(sink.events()).isEmpty();
        assertAllDead(pids);
    }

    @Test
    void a_cancel_mid_stream_kills_the_tree_at_once_and_nothing_follows() throws Exception {
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> chat = cli.chatAsync(cli.backend("wait-for-go"), sink);
        sink.awaitText("ready", WAIT);
        List<Long> pids = cli.pids(1);
        int before = sink.events().size();

        sink.cancel();
        chat.get(3, TimeUnit.SECONDS);

        assertThat(sink.events()).hasSize(before).noneMatch(ChatEvent::terminal);
        assertAllDead(pids);
    }

    @Test
    void kills_a_cli_that_ignores_sigterm_after_the_grace() throws Exception {
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> chat = cli.chatAsync(cli.backend("stubborn"), sink);
        sink.awaitText("still here", WAIT);
        List<Long> pids = cli.pids(2);

        long cancelled = System.nanoTime();
        sink.cancel();
        chat.get(CliProcess.GRACE.toSeconds() + 3, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - cancelled))
                .as("SIGTERM is ignored: SIGKILL after the grace")
                .isGreaterThanOrEqualTo(CliProcess.GRACE.minusMillis(100));
        assertAllDead(pids);
    }
}
