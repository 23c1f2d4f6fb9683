package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.http.SseEvent;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockStart;
import dev.junction.plugin.ChatEvent.BlockStop;
import dev.junction.plugin.ChatEvent.Failed;
import dev.junction.plugin.ChatEvent.Finish;
import dev.junction.plugin.ChatEvent.MessageStart;
import dev.junction.plugin.ChatEvent.TextDelta;
import dev.junction.plugin.ChatEvent.ToolArgumentsDelta;
import dev.junction.plugin.ChatEvent.Usage;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder's edge cases, on short streams written inline. */
class ChatStreamDecoderTest {

    private static final String START = "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}";
    private static final String STOP = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    @Test
    void finish_waits_for_the_usage_chunk_and_done_after_it_is_ignored() {
        List<ChatEvent> events = new ArrayList<>();
        ChatStreamDecoder decoder = new ChatStreamDecoder("b", "requested");
        decoder.onEvent(data(START), events::add);
        decoder.onEvent(data(STOP), events::add);

        assertThat(events).containsExactly(new MessageStart("c1", "m"));

        decoder.onEvent(data("{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0}}"), events::add);
        decoder.onEvent(data("[DONE]"), events::add);

        assertThat(events).containsExactly(
                new MessageStart("c1", "m"), Usage.of(5, 0), Finish.of(FinishReason.END_TURN));
    }

    @Test
    void a_stream_cut_after_the_finish_reason_still_finishes() {
        ChatStreamDecoder decoder = new ChatStreamDecoder("b", "requested");
        decoder.onEvent(data(START), event -> {});
        decoder.onEvent(data(STOP), event -> {});

        assertThat(decoder.onEnd(false)).isEqualTo(Finish.of(FinishReason.END_TURN));
    }

    @Test
    void a_broken_connection_before_the_finish_says_so() {
        ChatStreamDecoder decoder = new ChatStreamDecoder("b", "requested");
        decoder.onEvent(data(START), event -> {});

        assertThat(decoder.onEnd(false)).isEqualTo(Failed.of(
                ErrorKind.UPSTREAM, "backend 'b': the upstream stream ended before its finish (the connection broke)"));
    }

    @Test
    void done_before_any_finish_reason_fails() {
        assertThat(replay(START, "[DONE]")).last().isEqualTo(
                Failed.of(ErrorKind.UPSTREAM, "backend 'b': the upstream stream ended before its finish"));
    }

    @Test
    void a_chunk_that_is_not_json_fails_the_stream() {
        assertThat(replay(START, "{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"Hi")).last().isEqualTo(Failed.of(
                ErrorKind.UPSTREAM,
                "backend 'b': the upstream sent a chunk that is not a JSON object: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"Hi"));
    }

    @Test
    void usage_on_every_chunk_is_sent_between_blocks_only_and_the_last_counts() {
        assertThat(replay(
                        "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}",
                        "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2}}",
                        "[DONE]"))
                .containsExactly(
                        new MessageStart("c1", "m"),
                        BlockStart.text(0),
                        new TextDelta(0, "A"),
                        new BlockStop(0),
                        Usage.of(4, 1),
                        Usage.of(4, 2),
                        Finish.of(FinishReason.END_TURN));
    }

    @Test
    void a_tool_call_without_an_id_gets_one_and_its_name_may_come_later() {
        List<ChatEvent> events = replay(
                START,
                tool("{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}"),
                tool("{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\":1}\"}}"),
                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                "[DONE]");

        BlockStart start = (BlockStart) events.get(1);
        assertThat(start.toolCallId()).matches("call_[0-9a-f]{24}");
        assertThat(events).containsExactly(
                new MessageStart("c1", "m"),
                BlockStart.toolCall(0, start.toolCallId(), "f"),
                new ToolArgumentsDelta(0, "{\"a\""),
                new ToolArgumentsDelta(0, ":1}"),
                new BlockStop(0),
                Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void arguments_for_a_tool_call_that_already_ended_fail_the_stream() {
        assertThat(replay(
                        START,
                        tool("{\"index\":0,\"id\":\"x\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1\"}}"),
                        "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"text between\"}}]}",
                        tool("{\"index\":0,\"function\":{\"arguments\":\"}\"}}")))
                .last()
                .isEqualTo(Failed.of(
                        ErrorKind.UPSTREAM, "backend 'b': the upstream sent more arguments for tool call 0 after it had ended"));
    }

    @Test
    void a_tool_call_that_never_gets_a_name_fails_at_the_finish() {
        assertThat(replay(
                        START,
                        tool("{\"index\":0,\"id\":\"x\",\"function\":{\"arguments\":\"{}\"}}"),
                        "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"))
                .last()
                .isEqualTo(Failed.of(ErrorKind.UPSTREAM, "backend 'b': the upstream sent tool call 0 without a name"));
    }

    @Test
    void reasoning_sent_in_both_fields_is_read_once() {
        assertThat(replay(
                        "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Hm\",\"reasoning\":\"Hm\"}}]}",
                        "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"\",\"reasoning\":\".\"}}]}",
                        STOP,
                        "[DONE]"))
                .containsExactly(
                        new MessageStart("c1", "m"),
                        BlockStart.thinking(0),
                        new ChatEvent.ThinkingDelta(0, "Hm", null),
                        new ChatEvent.ThinkingDelta(0, ".", null),
                        new BlockStop(0),
                        Finish.of(FinishReason.END_TURN));
    }

    @Test
    void only_the_first_choice_is_read() {
        assertThat(replay(
                        "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"}},{\"index\":0,\"delta\":{\"content\":\"A\"}}]}",
                        STOP,
                        "[DONE]"))
                .containsExactly(
                        new MessageStart("c1", "m"),
                        BlockStart.text(0),
                        new TextDelta(0, "A"),
                        new BlockStop(0),
                        Finish.of(FinishReason.END_TURN));
    }

    @Test
    void a_message_without_a_model_names_the_requested_one() {
        assertThat(replay("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{}}]}", STOP, "[DONE]"))
                .first()
                .isEqualTo(new MessageStart("c1", "requested"));
    }

    @Test
    void an_error_before_any_chunk_fails_without_a_start() {
        assertThat(replay("{\"error\":\"model 'llama9' not found\"}")).containsExactly(Failed.of(
                ErrorKind.UPSTREAM, "backend 'b': the upstream failed mid-stream: model 'llama9' not found"));
    }

    private static String tool(String call) {
        return "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[" + call + "]}}]}";
    }

    private static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    /** The events of these {@code data:} payloads, with the decoder's end when none was terminal. */
    private static List<ChatEvent> replay(String... payloads) {
        List<ChatEvent> events = new ArrayList<>();
        ChatStreamDecoder decoder = new ChatStreamDecoder("b", "requested");
        for (String payload : payloads) {
            if (!events.isEmpty() && events.get(events.size() - 1).terminal()) {
                break;
            }
            decoder.onEvent(data(payload), events::add);
        }
        if (events.isEmpty() || !events.get(events.size() - 1).terminal()) {
            events.add(decoder.onEnd(true));
        }
        return events;
    }
}
