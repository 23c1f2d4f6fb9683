package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** The watcher on its own: what it hands over, and what it says. */
@Timeout(20)
class ConfigWatcherTest {

    private static final String FILE = """
            server: {port: 9090, reloadSeconds: 1}
            plugins: {dir: plugins}
            backends:
              echo: {plugin: echo, models: ["${MODEL}"]}
            """;

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final BlockingQueue<GatewayConfig> applied = new LinkedBlockingQueue<>();
    private final BlockingQueue<ReloadReport> reports = new LinkedBlockingQueue<>();
    private ConfigWatcher watcher;

    @AfterEach
    void close() throws Exception {
        if (watcher != null) {
            watcher.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private GatewayConfig watch(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), yaml);
        GatewayConfig config = ConfigLoader.load(vertx, file, Map.of("MODEL", "one"), 0)
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        watcher = ConfigWatcher.start(vertx, config, next -> {
            applied.add(next);
            return Future.succeededFuture();
        }, reports::add);
        return config;
    }

    private void edit(String yaml) throws Exception {
        Path next = Files.writeString(dir.resolve("next.yaml"), yaml);
        Files.move(next, dir.resolve("gateway.yaml"), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void reads_again_with_the_environment_and_port_override_of_the_first_load() throws Exception {
        GatewayConfig first = watch(FILE);

        edit(FILE.replace("port: 9090", "port: 9091").replace("[\"${MODEL}\"]", "[\"${MODEL}\", extra]"));

        GatewayConfig next = applied.poll(5, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        assertThat(next.server().port()).as("--port still wins").isZero();
        assertThat(next.backends().get("echo").models()).containsExactly("one", "extra");
        assertThat(next.source()).isEqualTo(first.source());
        assertThat(next.revision()).isNotEqualTo(first.revision());
        ReloadReport report = reports.poll(5, TimeUnit.SECONDS);
        assertThat(report).isEqualTo(new ReloadReport(
                Level.INFO, "Configuration " + first.source() + " reloaded: backends updated [echo]; 0 API keys"));
    }

    @Test
    void after_a_refused_edit_a_valid_one_applies_even_one_that_turns_reloading_off() throws Exception {
        watch(FILE);

        edit(FILE.replace("port: 9090", "port: [9090"));
        ReloadReport refused = reports.poll(5, TimeUnit.SECONDS);
        assertThat(refused.level()).isEqualTo(Level.ERROR);
        assertThat(applied).isEmpty();
        edit(FILE.replace("reloadSeconds: 1", "reloadSeconds: 0"));

        assertThat(applied.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(List.of(reports.poll(5, TimeUnit.SECONDS), reports.poll(5, TimeUnit.SECONDS)))
                .extracting(ReloadReport::message)
                .containsExactly(
                        "Configuration " + dir.resolve("gateway.yaml") + " reloaded: backends unchanged; 0 API keys",
                        "Configuration reloading is off (server.reloadSeconds: 0); a restart turns it back on");
    }
}
