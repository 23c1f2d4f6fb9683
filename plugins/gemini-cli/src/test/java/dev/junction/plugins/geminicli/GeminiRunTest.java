package dev.junction.plugins.geminicli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.RecordingInput;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockStart;
import dev.junction.plugin.ChatEvent.BlockStop;
import dev.junction.plugin.ChatEvent.Failed;
import dev.junction.plugin.ChatEvent.Finish;
import dev.junction.plugin.ChatEvent.MessageStart;
import dev.junction.plugin.ChatEvent.TextDelta;
import dev.junction.plugin.ChatEvent.Usage;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiRunTest {

    private final GeminiRun run = new GeminiRun(List.of(), Map.of(), "Say hello", "gemini");

    @Test
    void streams_the_recorded_deltas_in_one_text_block_then_usage_and_finish() {
        assertThat(Replay.of("stream-json", run)).containsExactly(
                new MessageStart("8fb80062-002f-44bb-a8c4-8c6dde6cf21b", "gemini-2.5-flash"),
                BlockStart.text(0),
                new TextDelta(0, "Hello"),
                new TextDelta(0, " from"),
                new TextDelta(0, " stub"),
                new BlockStop(0),
                new Usage(12, 5, 0, 0, 0),
                Finish.of(FinishReason.END_TURN));
    }

    @Test
    void writes_the_prompt_to_stdin_and_closes_it() {
        RecordingInput stdin = new RecordingInput();

        run.start(stdin);

        assertThat(stdin.written()).isEqualTo("Say hello");
        assertThat(stdin.closed()).isTrue();
    }

    @Test
    void a_prompt_on_stdin_alone_streams_the_same_answer() {
        assertThat(Replay.of("stdin-only.stream-json", run))
                .filteredOn(TextDelta.class::isInstance)
                .containsExactly(new TextDelta(0, "Hello"), new TextDelta(0, " from"), new TextDelta(0, " stub"));
    }

    @Test
    void keeps_the_clis_own_tool_calls_out_of_the_answer_and_breaks_the_text_where_they_were() {
        List<ChatEvent> events = Replay.of("tool-use.stream-json", run);

        assertThat(events).filteredOn(BlockStart.class::isInstance).containsExactly(BlockStart.text(0));
        assertThat(events).filteredOn(TextDelta.class::isInstance).containsExactly(
                new TextDelta(0, "Let me read the file."),
                new TextDelta(0, "\n\nHello"),
                new TextDelta(0, " from"),
                new TextDelta(0, " stub"));
        assertThat(events).endsWith(new BlockStop(0), new Usage(24, 10, 0, 0, 0), Finish.of(FinishReason.END_TURN));
    }

    @Test
    void counts_the_routing_call_of_model_auto_in_the_usage() {
        List<ChatEvent> events = Replay.of("stream-json-model-auto", run);

        assertThat(events.get(0)).isEqualTo(new MessageStart("3f48983e-e773-4ac8-9167-6a8348d04613", "auto"));
        assertThat(events).contains(new Usage(24, 10, 0, 0, 0));
    }

    @Test
    void fails_after_an_in_stream_error_although_the_exit_code_is_0() {
        List<ChatEvent> events = Replay.of("midstream-error.stream-json", run);

        assertThat(events).contains(new TextDelta(0, "Hello"));
        assertThat(events.get(events.size() - 1)).isEqualTo(
                Failed.of(ErrorKind.UPSTREAM, "Gemini CLI: Model stream ended without a finish reason."));
    }

    @Test
    void fails_with_the_kind_of_each_recorded_error() {
        assertThat(lastOf("error-401.stream-json")).isEqualTo(Failed.of(ErrorKind.AUTHENTICATION,
                "Gemini API error 401: API key not valid. Please pass a valid API key."));
        assertThat(kindOf("error-429.stream-json")).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(kindOf("error-500.stream-json")).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(lastOf("stream-cut.stream-json")).isEqualTo(Failed.of(ErrorKind.UPSTREAM, "Gemini CLI: [API Error: terminated]"));
        assertThat(kindOf("upstream-down.stream-json")).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void explains_an_exit_without_a_result_line_by_its_exit_code() {
        assertThat(lastOf("base-url-without-selected-auth.stream-json")).isEqualTo(
                Failed.of(ErrorKind.AUTHENTICATION, "Gemini CLI auth misconfigured: Invalid auth method selected."));
        assertThat(kindOf("untrusted-dir.stream-json")).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void reports_cached_input_tokens_apart_from_the_other_input_tokens() {
        List<ChatEvent> events = replay(
                "{\"type\":\"result\",\"status\":\"success\",\"stats\":{\"input_tokens\":100,\"output_tokens\":7,\"cached\":60}}");

        assertThat(events).contains(new Usage(40, 7, 60, 0, 0));
    }

    @Test
    void ignores_lines_that_are_not_json_and_warnings() {
        List<ChatEvent> events = replay(
                "Empty GEMINI.md created. Now analyzing the project to populate it.",
                "{\"type\":\"init\",\"session_id\":\"s\",\"model\":\"m\"",
                "{\"type\":\"error\",\"severity\":\"warning\",\"message\":\"Loop detected, stopping execution\"}",
                "{\"type\":\"result\",\"status\":\"success\"}");

        assertThat(events).containsExactly(new MessageStart(null, "gemini"), Finish.of(FinishReason.END_TURN));
    }

    private ErrorKind kindOf(String name) {
        return ((Failed) lastOf(name)).kind();
    }

    private ChatEvent lastOf(String name) {
        List<ChatEvent> events = Replay.of(name, new GeminiRun(List.of(), Map.of(), "hi", "gemini"));
        return events.get(events.size() - 1);
    }

    private List<ChatEvent> replay(String... lines) {
        List<ChatEvent> events = new ArrayList<>();
        for (String line : lines) {
            run.onLine(line, new RecordingInput(), events::add);
        }
        return events;
    }
}
