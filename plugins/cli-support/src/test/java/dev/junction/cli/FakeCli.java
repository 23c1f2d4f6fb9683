package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.TestBackendContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The fixture of the {@link CliBackend} tests: backends that run {@code fake-cli.sh} in a given
 * mode through {@code /bin/sh}, request threads, and what the fake CLI told its
 * {@link FakeCliProtocol}. The backends share one {@link TestBackendContext}, as the gateway's
 * backends each have theirs. {@link #close} closes every backend, which kills what a failed test
 * left running, and then the context.
 */
final class FakeCli implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Path SCRIPT = script();

    final FakeCliProtocol protocol = new FakeCliProtocol();
    final TestBackendContext context = TestBackendContext.of("fake", new JsonObject(), null);
    private final ExecutorService requestThreads = Executors.newCachedThreadPool();
    private final List<CliBackend> backends = new ArrayList<>();

    /** A backend running the fake CLI in {@code mode}. */
    CliBackend backend(String mode) {
        return backend(mode, new JsonObject());
    }

    /** A backend running the fake CLI in {@code mode}, with more options. */
    CliBackend backend(String mode, JsonObject overrides) {
        return backend(new JsonObject()
                .put("command", "/bin/sh")
                .put("args", new JsonArray().add(SCRIPT.toString()).add(mode))
                .mergeIn(overrides));
    }

    /** A backend with exactly these options. */
    CliBackend backend(JsonObject options) {
        CliBackend backend = new CliBackend(protocol, CliOptions.parse(options, protocol), context);
        backends.add(backend);
        return backend;
    }

    /** Sends a request on a thread of its own, as the gateway's worker pool would. */
    CompletableFuture<Void> chatAsync(CliBackend backend, RecordingSink sink) {
        return CompletableFuture.runAsync(() -> backend.chat(request("hi"), sink), requestThreads);
    }

    /** The stdin of the next run that starts. */
    CliInput nextRun() throws InterruptedException {
        return Objects.requireNonNull(protocol.started.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "no run started");
    }

    /** The next {@code count} process ids the fake CLI printed. */
    List<Long> pids(int count) throws InterruptedException {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pids.add(Objects.requireNonNull(protocol.pids.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "no pid printed"));
        }
        return pids;
    }

    @Override
    public void close() {
        for (CliBackend backend : backends) {
            backend.close().toCompletionStage().toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
        requestThreads.shutdownNow();
        context.close();
    }

    static ChatRequest request(String text) {
        return ChatRequest.builder("fake")
                .messages(List.of(Message.text(Message.Role.USER, text)))
                .build();
    }

    /** Asserts that none of the processes runs; a zombie does not (this VM's init reaps orphans late). */
    static void assertAllDead(List<Long> pids) {
        assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("process %d runs", pid).isFalse());
    }

    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static Path script() {
        try {
            return Path.of(FakeCli.class.getResource("/fake-cli.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
