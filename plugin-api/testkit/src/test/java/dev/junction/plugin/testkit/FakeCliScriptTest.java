package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
@Timeout(30)
class FakeCliScriptTest {

    @TempDir
    Path dir;

    @Test
    void records_how_it_was_started_and_runs_its_lines() throws Exception {
        Files.writeString(dir.resolve("out.txt"), "recorded answer\n");
        FakeCliScript cli = FakeCliScript.write(dir, "fake", "cat \"$DIR/out.txt\"; exit 3");

        Process process = new ProcessBuilder(cli.command().toString(), "-p", "--flag=a b")
                .redirectErrorStream(true)
                .start();

        assertThat(new String(process.getInputStream().readAllBytes())).isEqualTo("recorded answer\n");
        assertThat(process.waitFor()).isEqualTo(3);
        assertThat(Files.readAllLines(cli.file("args.txt"))).containsExactly("-p", "--flag=a b");
        assertThat(Files.readString(cli.file("pid")).strip()).isEqualTo(Long.toString(process.pid()));
        assertThat(Files.readAllLines(cli.file("env.txt"))).anyMatch(line -> line.startsWith("PATH="));
    }

    @Test
    void its_stop_probe_tells_a_running_process_from_a_killed_one() throws Exception {
        FakeCliScript cli = FakeCliScript.write(dir, "fake", "echo started; exec sleep 1000");
        Process process = new ProcessBuilder(cli.command().toString()).start();
        try {
            assertThat(process.inputReader().readLine()).isEqualTo("started");

            assertThat(cli.stopProbe().stoppedWithin(Duration.ofMillis(300))).as("while it sleeps").isFalse();
            process.destroy();
            assertThat(cli.stopProbe().stoppedWithin(Duration.ofSeconds(10))).as("once killed").isTrue();
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
