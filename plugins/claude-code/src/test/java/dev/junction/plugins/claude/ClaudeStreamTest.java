package dev.junction.plugins.claude;

import static dev.junction.plugins.claude.Runs.lines;
import static dev.junction.plugins.claude.Runs.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.CliRun;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockStart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.StreamGrammar;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recorded Claude Code 2.1.197 output, replayed line by line through a prepared run. */
class ClaudeStreamTest {

    @Test
    void streams_the_text_deltas_of_one_block_then_usage_and_finish() {
        assertThat(replay("stream-json-partial.stdout.jsonl").events())
                .containsExactly(
                        new ChatEvent.MessageStart("msg_stub_711acfda66f34ed1", "claude-opus-4-8"),
                        BlockStart.text(0),
                        new ChatEvent.TextDelta(0, "Hello"),
                        new ChatEvent.TextDelta(0, " from"),
                        new ChatEvent.TextDelta(0, " stub"),
                        new ChatEvent.BlockStop(0),
                        new ChatEvent.Usage(12, 5, 0, 0, 0),
                        ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @Test
    void keeps_the_clis_own_tool_calls_inside_and_separates_the_text_around_them() {
        RecordingSink replayed = replay("tool-use.stream-json-partial.stdout.jsonl");
        List<ChatEvent> events = replayed.events();

        StreamGrammar.assertValid(events);
        assertThat(events)
                .filteredOn(BlockStart.class::isInstance)
                .containsExactly(BlockStart.text(0), BlockStart.text(1));
        assertThat(events).noneMatch(ChatEvent.ToolArgumentsDelta.class::isInstance);
        assertThat(events).filteredOn(ChatEvent.MessageStart.class::isInstance).hasSize(1);
        assertThat(events)
                .contains(new ChatEvent.TextDelta(0, "Let me read the file."), new ChatEvent.TextDelta(1, " stub"));
        assertThat(replayed.text()).isEqualTo("Let me read the file.\n\nHello from stub");
        assertThat(events.subList(events.size() - 2, events.size()))
                .containsExactly(new ChatEvent.Usage(24, 25, 0, 0, 0), ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @ParameterizedTest
    @CsvSource({
        "midstream-error-fallback.stream-json-partial.stdout.jsonl",
        "stream-cut-fallback.stream-json-partial.stdout.jsonl"
    })
    void completes_the_text_the_cli_repeated_without_streaming(String fixture) {
        RecordingSink replayed = replay(fixture);
        List<ChatEvent> events = replayed.events();

        StreamGrammar.assertValid(events);
        assertThat(events)
                .containsSubsequence(
                        new ChatEvent.TextDelta(0, "Hello"),
                        new ChatEvent.TextDelta(0, " from stub"),
                        new ChatEvent.BlockStop(0));
        assertThat(replayed.text()).isEqualTo("Hello from stub");
        assertThat(events.get(events.size() - 2))
                .as("result.usage is all zeros; modelUsage counts the repeated call")
                .isEqualTo(new ChatEvent.Usage(12, 5, 0, 0, 0));
        assertThat(events.get(events.size() - 1)).isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @ParameterizedTest
    @CsvSource({
        "midstream-error-nofallback.stream-json-partial.stdout.jsonl, OVERLOADED, API Error: Overloaded",
        "stream-cut-nofallback.stream-json-partial.stdout.jsonl, UPSTREAM, Connection to the API was lost"
    })
    void fails_a_stream_broken_midway_after_its_first_delta(String fixture, ErrorKind kind, String message) {
        RecordingSink replayed = replay(fixture);
        List<ChatEvent> events = replayed.events();

        StreamGrammar.assertValid(events);
        assertThat(replayed.text()).isEqualTo("Hello");
        assertThat(replayed.awaitFailure().kind()).isEqualTo(kind);
        assertThat(replayed.awaitFailure().message()).contains(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "error-401.stream-json.stdout.jsonl     | AUTHENTICATION | Invalid API key",
                "error-429.stream-json.stdout.jsonl     | RATE_LIMITED   | per-minute rate limit",
                "error-500.stream-json.stdout.jsonl     | UPSTREAM       | 500 Internal server error",
                "error-529.stream-json.stdout.jsonl     | OVERLOADED     | 529 Overloaded",
                "upstream-down.stream-json.stdout.jsonl | UNAVAILABLE    | Unable to connect to API",
                "no-credentials.stdout.json             | AUTHENTICATION | Not logged in"
            })
    void fails_with_the_kind_of_the_reported_error_and_never_as_text(String fixture, ErrorKind kind, String message) {
        RecordingSink replayed = replay(fixture);
        List<ChatEvent> events = replayed.events();

        assertThat(events).hasSize(1);
        assertThat(replayed.awaitFailure().kind()).isEqualTo(kind);
        assertThat(replayed.awaitFailure().message()).startsWith("Claude Code: ").contains(message);
    }

    @Test
    void fails_when_the_cli_reaches_its_max_turns() {
        RecordingSink replayed = replay("max-turns-exceeded.stream-json.stdout.jsonl");
        List<ChatEvent> events = replayed.events();

        StreamGrammar.assertValid(events);
        assertThat(replayed.text()).isEqualTo("Let me read the file.");
        assertThat(replayed.awaitFailure().kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(replayed.awaitFailure().message()).contains("reached max turns");
    }

    @Test
    void sends_whole_blocks_when_there_are_no_deltas() {
        List<ChatEvent> events = replay("retry-429-then-ok.stream-json.stdout.jsonl").events();

        assertThat(events)
                .containsExactly(
                        new ChatEvent.MessageStart("msg_stub_5b1ebb47b7334f4b", "claude-opus-4-8"),
                        BlockStart.text(0),
                        new ChatEvent.TextDelta(0, "Hello from stub"),
                        new ChatEvent.BlockStop(0),
                        new ChatEvent.Usage(12, 5, 0, 0, 0),
                        ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @Test
    void ignores_lines_that_are_not_json_objects_and_counts_them_on_exit() {
        List<String> lines = new ArrayList<>();
        List<String> garbage = List.of("not json", "", "[1]", "{", "null", "42");
        int next = 0;
        for (String line : lines("stream-json-partial.stdout.jsonl")) {
            lines.add(garbage.get(next++ % garbage.size()));
            lines.add(line);
        }
        lines.add(
                "{\"type\":\"stream_event\",\"event\":\"odd\",\"parent_tool_use_id\":null}"); // JSON of another shape
        lines.add("{\"type\":null,\"result\":7}");

        List<ChatEvent> events = replay(Runs.prepare(Runs.ask("hi"), new JsonObject()), lines).events();

        assertThat(events).isEqualTo(replay("stream-json-partial.stdout.jsonl").events());
    }

    @Test
    void explains_an_exit_before_the_result_line_with_the_stderr_tail() {
        CliRun run = Runs.prepare(Runs.ask("hi"), new JsonObject());
        List<String> lines = new ArrayList<>(lines("stream-json-partial.stdout.jsonl"));
        lines.remove(lines.size() - 1);
        lines.add("Segmentation fault");

        List<ChatEvent> events = replay(run, lines).events();
        ChatEvent exit = run.onExit(139, "fatal: something broke\n");

        assertThat(events).noneMatch(ChatEvent::terminal);
        assertThat(exit)
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.UPSTREAM,
                        "Claude Code exited with code 139 before its result"
                                + " (1 output line was not JSON): fatal: something broke"));
    }

    @Test
    void skips_the_work_of_sub_agents() {
        String subAgentDelta = "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"inner\"}},\"parent_tool_use_id\":\"toolu_1\"}";
        List<String> lines = new ArrayList<>(lines("stream-json-partial.stdout.jsonl"));
        lines.add(5, subAgentDelta);

        RecordingSink replayed = replay(Runs.prepare(Runs.ask("hi"), new JsonObject()), lines);

        assertThat(replayed.text()).isEqualTo("Hello from stub");
    }

    @Test
    void streams_thinking_and_its_signature_in_a_block_of_its_own() {
        assertThat(replay("synthetic-thinking.stdout.jsonl").events())
                .containsExactly(
                        new ChatEvent.MessageStart("msg_1", "claude-x"),
                        BlockStart.thinking(0),
                        new ChatEvent.ThinkingDelta(0, "Hmm.", null),
                        new ChatEvent.ThinkingDelta(0, null, "sig"),
                        new ChatEvent.BlockStop(0),
                        BlockStart.text(1),
                        new ChatEvent.TextDelta(1, "Hi"),
                        new ChatEvent.BlockStop(1),
                        new ChatEvent.Usage(3, 4, 5, 6, 0),
                        ChatEvent.Finish.of(FinishReason.MAX_TOKENS));
    }

    @Test
    void takes_the_answer_from_the_result_line_when_no_assistant_line_carried_it() {
        String result = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"Hello\","
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}";

        assertThat(replay(Runs.prepare(Runs.ask("hi"), new JsonObject()), List.of(result)).events())
                .containsExactly(
                        new ChatEvent.MessageStart(null, "claude"),
                        BlockStart.text(0),
                        new ChatEvent.TextDelta(0, "Hello"),
                        new ChatEvent.BlockStop(0),
                        new ChatEvent.Usage(1, 2, 0, 0, 0),
                        ChatEvent.Finish.of(FinishReason.END_TURN));
    }
}
