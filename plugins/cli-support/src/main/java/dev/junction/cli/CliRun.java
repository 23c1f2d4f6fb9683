package dev.junction.cli;

import dev.junction.plugin.ChatEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of a CLI for one request: its command line and the conversation with the process.
 *
 * <p>Called from one thread at a time: {@link #start} once, then {@link #onLine} for each stdout
 * line in order, then {@link #onExit} once. Events go to the {@code events} consumer; the
 * {@link CliBackend} drops anything after the first terminal event, so a run may end the stream
 * early (on its CLI's final result line) and the backend then closes the CLI's stdin and gives the
 * process a short grace before it kills the tree.
 */
public interface CliRun {

    /**
     * The arguments after the command ({@link CliOptions#args()} are added before them). User text
     * never goes here where the CLI could read it as a flag: it goes on stdin, or after {@code --},
     * or as the value of an {@code --option=value} argument.
     */
    List<String> arguments();

    /**
     * Environment variables this run needs; {@link CliOptions#env()} overrides them, and the
     * {@link SealedRun}'s ({@code HOME}, {@code TMPDIR}, the CLI's configuration folder) override both.
     */
    Map<String, String> environment();

    /** The process started: write the prompt to {@code stdin}, and close it if nothing else follows. */
    void start(CliInput stdin);

    /** One line of stdout, without its line end. Lines that are not JSON must not throw. */
    void onLine(String line, CliInput stdin, Consumer<ChatEvent> events);

    /**
     * The process exited (or was killed) before the stream ended.
     *
     * @param stderrTail the last few kilobytes of stderr, for the error message
     * @return the terminal event that explains the exit
     */
    ChatEvent onExit(int exitCode, String stderrTail);

    /** The client went away: a CLI with a protocol may ask it to stop before the tree is killed. */
    default void interrupt(CliInput stdin) {}
}
