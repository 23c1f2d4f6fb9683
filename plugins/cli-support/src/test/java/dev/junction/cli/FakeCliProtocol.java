package dev.junction.cli;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The protocol of {@code fake-cli.sh}: {@code {"text":...}} lines become text deltas,
 * {@code {"done":true}} ends the answer, {@code {"pid":N}} is recorded, anything else is ignored.
 * Records what the backend did with it, so that tests can wait for a run to start and talk to it.
 */
final class FakeCliProtocol implements CliProtocol {

    static final String NAME = "Fake CLI";
    static final String INSTALL_HINT = "apt install fake-cli";

    /** The stdin of each run, once the process started. */
    final BlockingQueue<CliInput> started = new LinkedBlockingQueue<>();
    /** The process ids the runs printed. */
    final BlockingQueue<Long> pids = new LinkedBlockingQueue<>();
    /** How many runs were prepared. */
    final AtomicInteger prepared = new AtomicInteger();

    @Override
    public String displayName() {
        return NAME;
    }

    @Override
    public String defaultCommand() {
        return "fake-cli";
    }

    @Override
    public String installHint() {
        return INSTALL_HINT;
    }

    @Override
    public String configFolder() {
        return ".fake-cli";
    }

    @Override
    public Map<String, String> homeEnvironment(Path home) {
        return Map.of("FAKE_CLI_HOME", home.resolve(configFolder()).toString());
    }

    @Override
    public Map<String, String> defaultModelMap() {
        return Map.of("fake", "");
    }

    @Override
    public Set<String> pluginOptionKeys() {
        return Set.of("fakeOption");
    }

    @Override
    public CliRun prepare(ChatRequest request, CliOptions options, TempFiles files) {
        prepared.incrementAndGet();
        return new Run(Transcript.prompt(request));
    }

    private final class Run implements CliRun {

        private final String prompt;
        private boolean begun;

        Run(String prompt) {
            this.prompt = prompt;
        }

        @Override
        public List<String> arguments() {
            return List.of();
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public void start(CliInput stdin) {
            stdin.write(prompt + "\n");
            started.add(stdin);
        }

        @Override
        public void onLine(String line, CliInput stdin, Consumer<ChatEvent> events) {
            JsonObject json;
            try {
                json = new JsonObject(line);
            } catch (RuntimeException notAnObject) {
                return;
            }
            if (json.containsKey("pid")) {
                pids.add(json.getLong("pid"));
            } else if (json.containsKey("text")) {
                begin(events);
                events.accept(new ChatEvent.TextDelta(0, json.getString("text")));
            } else if (json.getBoolean("done", false)) {
                begin(events);
                events.accept(new ChatEvent.BlockStop(0));
                events.accept(ChatEvent.Finish.of(FinishReason.END_TURN));
            }
        }

        private void begin(Consumer<ChatEvent> events) {
            if (!begun) {
                begun = true;
                events.accept(new ChatEvent.MessageStart(null, "fake"));
                events.accept(ChatEvent.BlockStart.text(0));
            }
        }

        @Override
        public ChatEvent onExit(int exitCode, String stderrTail) {
            return ChatEvent.Failed.of(ErrorKind.UPSTREAM, NAME + " exited with code " + exitCode + ": " + stderrTail);
        }
    }
}
