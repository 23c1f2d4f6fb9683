package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.junction.plugin.testkit.TestBackendContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProcessInputTest {

    private final TestBackendContext context = TestBackendContext.of("test", null, null);

    @AfterEach
    void stopThreads() {
        context.close();
    }

    @Test
    void writes_without_waiting_for_a_process_that_never_reads() throws Exception {
        Process deaf = new ProcessBuilder("sleep", "1000").start();
        try {
            ProcessInput stdin = new ProcessInput(deaf.getOutputStream(), context);

            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
                stdin.write("x".repeat(4 * 1024 * 1024)); // far more than a pipe holds
                stdin.write("and more");
                stdin.close();
                stdin.close();
            });
        } finally {
            deaf.destroyForcibly().waitFor();
        }
    }

    @Test
    void delivers_writes_in_order_and_ends_the_input_on_close() throws IOException, InterruptedException {
        Process cat = new ProcessBuilder("cat").start();
        ProcessInput stdin = new ProcessInput(cat.getOutputStream(), context);

        stdin.write("first ");
        stdin.write("second ✓\n");
        stdin.close();

        assertThat(new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first second ✓\n");
        assertThat(cat.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void drops_writes_quietly_once_the_process_is_gone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        ProcessInput stdin = new ProcessInput(gone.getOutputStream(), context);

        assertThatCode(() -> {
                    stdin.write("x".repeat(1024 * 1024));
                    stdin.write("nobody reads this");
                    stdin.close();
                })
                .doesNotThrowAnyException();
    }
}
