package dev.junction.plugins.claude;

import dev.junction.cli.CliInput;
import dev.junction.cli.CliRun;
import dev.junction.plugin.ChatEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code claude -p} run: writes its whole input to stdin and closes it, then reads the
 * stream-json output with a {@link ClaudeStream}.
 */
final class ClaudeRun implements CliRun {

    private final List<String> arguments;
    private final Map<String, String> environment;
    private final String input;
    private final ClaudeStream stream;

    ClaudeRun(List<String> arguments, Map<String, String> environment, String input, ClaudeStream stream) {
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.input = input;
        this.stream = stream;
    }

    @Override
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void start(CliInput stdin) {
        stdin.write(input);
        stdin.close();
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
