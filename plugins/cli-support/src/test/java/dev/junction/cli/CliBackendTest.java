package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.Availability;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link CliBackend} against {@code fake-cli.sh}, which acts out what real CLIs do: stream,
 * crash, print garbage, fall silent, print too much, ignore SIGTERM, leave children behind.
 */
@Timeout(30)
class CliBackendTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path SCRIPT = script();

    private final FakeCliProtocol protocol = new FakeCliProtocol();
    private final ExecutorService requestThreads = Executors.newCachedThreadPool();
    private final List<CliBackend> backends = new ArrayList<>();

    @AfterEach
    void closeBackends() {
        backends.forEach(CliBackend::close);
        requestThreads.shutdownNow();
    }

    @Test
    void streams_text_deltas_in_order_and_finishes_once() {
        RecordingSink sink = RecordingSink.recording();

        backend("stream").chat(request("hi"), sink);

        assertThat(sink.events()).map(Object::getClass).containsExactly(
                ChatEvent.MessageStart.class, ChatEvent.BlockStart.class, ChatEvent.TextDelta.class,
                ChatEvent.TextDelta.class, ChatEvent.TextDelta.class, ChatEvent.BlockStop.class, ChatEvent.Finish.class);
        assertThat(sink.text()).isEqualTo("Hello from fake: hi");
        assertEndsOnce(sink);
    }

    @Test
    void reports_a_crash_mid_stream_with_the_exit_code_and_stderr() {
        RecordingSink sink = RecordingSink.recording();

        backend("crash").chat(request("hi"), sink);

        assertThat(sink.text()).isEqualTo("Hello");
        ChatEvent.Failed failed = failure(sink);
        assertThat(failed.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(failed.message()).contains("exited with code 3").contains("fatal: the model fell over");
        assertEndsOnce(sink);
    }

    @Test
    void skips_lines_that_are_not_json_objects() {
        RecordingSink sink = RecordingSink.recording();

        backend("garbage").chat(request("hi"), sink);

        assertThat(sink.text()).isEqualTo("Hello world");
        assertThat(sink.events()).last().isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
        assertEndsOnce(sink);
    }

    @Test
    void explains_an_exit_without_output_with_the_tail_of_stderr() {
        RecordingSink sink = RecordingSink.recording();

        backend("quiet-fail").chat(request("hi"), sink);

        String message = failure(sink).message();
        assertThat(message).contains("exited with code 2").endsWith("error: invalid API key");
        assertThat(message).as("only the tail of 100 KB of stderr").doesNotContain("noise line 0 ").hasSizeLessThan(StderrTail.CAPACITY + 100);
        assertEndsOnce(sink);
    }

    @Test
    void times_out_when_the_cli_prints_nothing_for_the_idle_time() {
        RecordingSink sink = RecordingSink.recording();
        long start = System.nanoTime();

        backend("silent", new JsonObject().put("idleTimeoutSeconds", 1)).chat(request("hi"), sink);

        assertThat(failure(sink)).isEqualTo(ChatEvent.Failed.of(ErrorKind.TIMEOUT, "Fake CLI printed nothing for 1 s"));
        assertThat(Duration.ofNanos(sink.terminalAtNanos() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertAllDead(pids(1));
        assertEndsOnce(sink);
    }

    @Test
    void times_out_when_a_chatty_run_exceeds_its_total_time() {
        RecordingSink sink = RecordingSink.recording();
        long start = System.nanoTime();

        backend("chatty", new JsonObject().put("timeoutSeconds", 1)).chat(request("hi"), sink);

        assertThat(sink.text()).startsWith("...");
        assertThat(failure(sink)).isEqualTo(ChatEvent.Failed.of(ErrorKind.TIMEOUT, "Fake CLI did not finish within 1 s"));
        assertThat(Duration.ofNanos(sink.terminalAtNanos() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertEndsOnce(sink);
    }

    @Test
    void streams_fifty_megabytes_of_output_through() {
        RecordingSink sink = RecordingSink.countingText();

        backend("huge").chat(request("hi"), sink);

        assertThat(sink.textLength()).isEqualTo(50_000_000L);
        assertThat(sink.events()).last().isInstanceOf(ChatEvent.Finish.class);
        assertEndsOnce(sink);
    }

    @Test
    void fails_cleanly_on_a_line_over_sixteen_mebibytes() {
        RecordingSink sink = RecordingSink.recording();

        backend("long-line").chat(request("hi"), sink);

        ChatEvent.Failed failed = failure(sink);
        assertThat(failed.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(failed.message()).isEqualTo("Fake CLI printed a line too long (over 16 MiB)");
        assertAllDead(pids(1));
        assertEndsOnce(sink);
    }

    @Test
    void does_not_block_on_a_large_prompt_that_the_cli_never_reads() {
        RecordingSink sink = RecordingSink.recording();

        backend("deaf").chat(request("x".repeat(1_000_000)), sink);

        assertThat(sink.text()).isEqualTo("not listening");
        assertEndsOnce(sink);
    }

    @Test
    void kills_a_cli_that_ignores_sigterm_after_the_grace() throws Exception {
        RecordingSink sink = RecordingSink.recording();
        CompletableFuture<Void> chat = chatAsync(backend("stubborn"), sink);
        sink.awaitText("still here", WAIT);
        List<Long> pids = pids(2);

        long cancelled = System.nanoTime();
        sink.cancel();
        chat.get(CliProcess.GRACE.toSeconds() + 3, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).as("SIGTERM is ignored: SIGKILL after the grace")
                .isGreaterThanOrEqualTo(CliProcess.GRACE.minusMillis(100));
        assertAllDead(pids);
    }

    @Test
    void leaves_no_child_or_grandchild_alive_after_the_cli_finishes() throws Exception {
        RecordingSink sink = RecordingSink.recording();
        CompletableFuture<Void> chat = chatAsync(backend("family"), sink);
        List<Long> pids = pids(3);

        nextRun().write("go\n");
        chat.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(sink.events()).last().isInstanceOf(ChatEvent.Finish.class);
        assertAllDead(pids);
    }

    @Test
    void leaves_no_child_or_grandchild_alive_after_a_timeout() {
        RecordingSink sink = RecordingSink.recording();

        backend("family", new JsonObject().put("idleTimeoutSeconds", 1)).chat(request("hi"), sink);

        assertThat(failure(sink).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertAllDead(pids(3));
    }

    @Test
    void leaves_no_child_or_grandchild_alive_after_a_cancel() throws Exception {
        RecordingSink sink = RecordingSink.recording();
        CompletableFuture<Void> chat = chatAsync(backend("family"), sink);
        List<Long> pids = pids(3);

        sink.cancel();
        chat.get(3, TimeUnit.SECONDS);

        assertThat(sink.events()).isEmpty();
        assertAllDead(pids);
    }

    @Test
    void a_cancel_mid_stream_kills_the_tree_at_once_and_nothing_follows() throws Exception {
        RecordingSink sink = RecordingSink.recording();
        CompletableFuture<Void> chat = chatAsync(backend("wait-for-go"), sink);
        sink.awaitText("ready", WAIT);
        List<Long> pids = pids(1);
        int before = sink.events().size();

        sink.cancel();
        chat.get(3, TimeUnit.SECONDS);

        assertThat(sink.events()).hasSize(before).noneMatch(ChatEvent::terminal);
        assertAllDead(pids);
    }

    @Test
    void refuses_a_third_request_at_once_while_one_runs_and_one_waits() throws Exception {
        CliBackend backend = backend("wait-for-go", new JsonObject().put("maxConcurrency", 1).put("maxQueue", 1));
        RecordingSink first = RecordingSink.recording();
        RecordingSink second = RecordingSink.recording();
        RecordingSink third = RecordingSink.recording();
        CompletableFuture<Void> firstChat = chatAsync(backend, first);
        CliInput firstRun = nextRun();
        CompletableFuture<Void> secondChat = chatAsync(backend, second);
        second.awaitCancelRegistration(WAIT);

        long start = System.nanoTime();
        backend.chat(request("hi"), third);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(third.events()).containsExactly(
                new ChatEvent.Failed(ErrorKind.RATE_LIMITED, "Fake CLI is busy: 1 runs and 1 waiting", 1));
        assertThat(protocol.started).as("the second waits").isEmpty();

        firstRun.write("go\n");
        firstChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        nextRun().write("go\n");
        secondChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(first.text()).isEqualTo("ready and done");
        assertThat(second.text()).isEqualTo("ready and done");
        assertEndsOnce(first);
        assertEndsOnce(second);
    }

    @Test
    void a_queued_request_that_is_cancelled_never_starts_its_process() throws Exception {
        CliBackend backend = backend("wait-for-go", new JsonObject().put("maxConcurrency", 1).put("maxQueue", 1));
        RecordingSink first = RecordingSink.recording();
        RecordingSink queued = RecordingSink.recording();
        CompletableFuture<Void> firstChat = chatAsync(backend, first);
        CliInput firstRun = nextRun();
        CompletableFuture<Void> queuedChat = chatAsync(backend, queued);
        queued.awaitCancelRegistration(WAIT);

        queued.cancel();
        queuedChat.get(1, TimeUnit.SECONDS);
        firstRun.write("go\n");
        firstChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(queued.events()).isEmpty();
        assertThat(protocol.prepared).hasValue(1);
        RecordingSink next = RecordingSink.recording();
        CompletableFuture<Void> nextChat = chatAsync(backend, next);
        nextRun().write("go\n");
        nextChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(next.text()).as("the queue place was given back").isEqualTo("ready and done");
    }

    @Test
    void close_fails_running_and_waiting_requests_and_kills_their_trees() throws Exception {
        CliBackend backend = backend("wait-for-go", new JsonObject().put("maxConcurrency", 1).put("maxQueue", 1));
        RecordingSink running = RecordingSink.recording();
        RecordingSink waiting = RecordingSink.recording();
        CompletableFuture<Void> runningChat = chatAsync(backend, running);
        nextRun();
        List<Long> pids = pids(1);
        CompletableFuture<Void> waitingChat = chatAsync(backend, waiting);
        waiting.awaitCancelRegistration(WAIT);

        backend.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        ChatEvent.Failed shuttingDown = ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "Fake CLI stopped: gateway shutting down");
        assertThat(runningChat).isDone();
        assertAllDead(pids);
        assertThat(failure(running)).isEqualTo(shuttingDown);
        waitingChat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(waiting.events()).containsExactly(shuttingDown);
        RecordingSink late = RecordingSink.recording();
        backend.chat(request("hi"), late);
        assertThat(late.events()).containsExactly(shuttingDown);
        assertThat(protocol.prepared).hasValue(1);
    }

    @Test
    void fails_as_unavailable_with_the_install_hint_when_the_command_is_missing() {
        RecordingSink sink = RecordingSink.recording();
        CliBackend backend = backend(new JsonObject().put("command", "junction-no-such-cli"));

        backend.chat(request("hi"), sink);

        assertThat(sink.events()).containsExactly(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE,
                "Fake CLI is not installed: 'junction-no-such-cli' was not found. Install it with: apt install fake-cli"));
    }

    @Test
    void is_unavailable_when_the_command_is_missing_and_says_how_to_install_it() {
        CliBackend backend = backend(new JsonObject().put("command", "junction-no-such-cli"));

        assertThat(backend.availability()).isEqualTo(Availability.unavailable(
                "'junction-no-such-cli' not found on PATH; install with: apt install fake-cli"));
    }

    @Test
    void is_available_when_the_command_is_a_path_or_on_the_path() {
        assertThat(backend(new JsonObject().put("command", "/bin/sh")).availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(backend(new JsonObject().put("command", "sh")).availability()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void finds_and_runs_the_command_on_the_path_that_options_env_sets(@TempDir Path bin) throws Exception {
        Path cli = Files.copy(SCRIPT, bin.resolve("fake-cli"));
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
        JsonObject options = new JsonObject()
                .put("args", new JsonArray().add("stream"))
                .put("env", new JsonObject().put("PATH", bin + ":/usr/bin:/bin"));
        CliBackend backend = new CliBackend(protocol, CliOptions.parse(options, protocol));
        backends.add(backend);
        RecordingSink sink = RecordingSink.recording();

        backend.chat(request("hi"), sink);

        assertThat(backend.availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(sink.text()).isEqualTo("Hello from fake: hi");
        assertThat(backend(new JsonObject().put("command", "fake-cli")).availability().available())
                .as("not on the gateway's own PATH")
                .isFalse();
    }

    @Test
    void lists_the_aliases_of_its_model_map() {
        CliBackend backend = backend(new JsonObject().put("modelMap", new JsonObject().put("fast", "fake-mini")));

        assertThat(backend.models().result()).containsExactly("fake", "fast");
    }

    private CliBackend backend(String mode) {
        return backend(mode, new JsonObject());
    }

    private CliBackend backend(String mode, JsonObject overrides) {
        return backend(new JsonObject()
                .put("command", "/bin/sh")
                .put("args", new JsonArray().add(SCRIPT.toString()).add(mode))
                .mergeIn(overrides));
    }

    private CliBackend backend(JsonObject options) {
        CliBackend backend = new CliBackend(protocol, CliOptions.parse(options, protocol));
        backends.add(backend);
        return backend;
    }

    private CompletableFuture<Void> chatAsync(CliBackend backend, RecordingSink sink) {
        return CompletableFuture.runAsync(() -> backend.chat(request("hi"), sink), requestThreads);
    }

    /** The stdin of the next run that starts. */
    private CliInput nextRun() throws InterruptedException {
        return Objects.requireNonNull(protocol.started.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "no run started");
    }

    /** The next {@code count} process ids the fake CLI printed. */
    private List<Long> pids(int count) {
        List<Long> pids = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                pids.add(Objects.requireNonNull(protocol.pids.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "no pid printed"));
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return pids;
    }

    private static ChatRequest request(String text) {
        return new ChatRequest("fake", List.of(), List.of(Message.text(Message.Role.USER, text)), List.of(),
                null, null, null, null, null);
    }

    private static ChatEvent.Failed failure(RecordingSink sink) {
        ChatEvent terminal = sink.awaitTerminal(Duration.ZERO);
        assertThat(terminal).isInstanceOf(ChatEvent.Failed.class);
        return (ChatEvent.Failed) terminal;
    }

    private static void assertEndsOnce(RecordingSink sink) {
        List<ChatEvent> events = sink.events();
        assertThat(events).filteredOn(ChatEvent::terminal).hasSize(1);
        assertThat(events).last().matches(ChatEvent::terminal, "is terminal");
    }

    /** Asserts that none of the processes runs; a zombie does not (this VM's init reaps orphans late). */
    private static void assertAllDead(List<Long> pids) {
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
            return Path.of(CliBackendTest.class.getResource("/fake-cli.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
