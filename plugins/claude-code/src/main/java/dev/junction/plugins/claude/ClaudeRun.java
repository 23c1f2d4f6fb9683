package dev.junction.plugins.claude;

import dev.junction.cli.CliInput;
import dev.junction.cli.StdinPromptRun;
import dev.junction.plugin.ChatEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code claude -p} run: writes its whole input to stdin and closes it, then reads the
 * stream-json output with a {@link ClaudeStream}.
 */
final class ClaudeRun extends StdinPromptRun {

    private final ClaudeStream stream;

    ClaudeRun(List<String> arguments, Map<String, String> environment, String input, ClaudeStream stream) {
        super(arguments, environment, input);
        this.stream = stream;
    }

    @Override
    public void onLine(String line, CliInput stdin, Consumer<ChatEvent> events) {
        stream.accept(line).forEach(events);
    }

    @Override
    public ChatEvent onExit(int exitCode, String stderrTail) {
        return ClaudeFailures.ofExit(exitCode, stderrTail, stream.unreadLines());
    }
}
