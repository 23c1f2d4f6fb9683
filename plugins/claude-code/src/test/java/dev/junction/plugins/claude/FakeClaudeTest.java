package dev.junction.plugins.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.Backend;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.TestBackendContext;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole backend, from the factory through a real process: a shell script stands in for
 * {@code claude}, records its arguments, environment and stdin, and prints a recorded output.
 */
@DisabledOnOs(OS.WINDOWS)
class FakeClaudeTest {

    @TempDir
    Path dir;

    @Test
    void answers_with_the_recorded_stream_and_feeds_the_prompt_on_stdin() throws IOException {
        Backend backend = backend("cat \"$DIR/stdout.jsonl\"", "stream-json-partial.stdout.jsonl");

        ChatRequest request = Runs.request("claude", "-- be brief", Message.text(Message.Role.USER, "Say hello"));

        List<ChatEvent> events = chat(backend, request).events();

        assertThat(events).isEqualTo(Runs.replay("stream-json-partial.stdout.jsonl").events());
        assertThat(new JsonObject(Files.readString(dir.resolve("stdin.txt"))).getJsonObject("message").encode())
                .isEqualTo("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello\"},{\"type\":\"text\",\"text\":\" \"}]}");
        assertThat(Files.readAllLines(dir.resolve("args.txt")))
                .containsExactly(
                        "-p",
                        "--input-format=stream-json",
                        "--output-format=stream-json",
                        "--verbose",
                        "--include-partial-messages",
                        "--no-session-persistence",
                        "--disable-slash-commands",
                        "--permission-mode=dontAsk",
                        "--append-system-prompt=-- be brief");
        assertThat(Files.readAllLines(dir.resolve("env.txt")))
                .contains("CLAUDE_CODE_MAX_RETRIES=2", "CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK=1",
                        "CLAUDE_CODE_DISABLE_ATTACHMENTS=1")
                .noneMatch(line -> line.equals("HOME=" + System.getProperty("user.home")))
                .anyMatch(line -> line.startsWith("CLAUDE_CONFIG_DIR=") && line.endsWith("/home/.claude"));
    }

    @Test
    void explains_a_cli_that_dies_before_its_result() throws IOException {
        Backend backend = backend(
                "head -n 5 \"$DIR/stdout.jsonl\"; echo 'fatal: out of memory' >&2; exit 3",
                "stream-json-partial.stdout.jsonl");

        RecordingSink sink = chat(backend, Runs.ask("Say hello"));
        List<ChatEvent> events = sink.events();

        assertThat(sink.text()).isEqualTo("Hello");
        assertThat(events.get(events.size() - 1))
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.UPSTREAM, "Claude Code exited with code 3 before its result: fatal: out of memory"));
    }

    private Backend backend(String output, String fixture) throws IOException {
        return new ClaudeCodeBackendFactory().create(TestBackendContext.of("claude", FakeClaude.options(FakeClaude.in(dir, output, fixture)), null));
    }

    private static RecordingSink chat(Backend backend, ChatRequest request) {
        RecordingSink sink = new RecordingSink();
        backend.chat(request, sink);
        return sink;
    }
}
