package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamEncoderTest {

    static final List<ChatEvent> TEXT_ANSWER = List.of(
            new ChatEvent.MessageStart("msg_01", "claude-sonnet-4-5"),
            ChatEvent.Usage.of(25, 1),
            ChatEvent.BlockStart.text(0),
            new ChatEvent.TextDelta(0, "Hello"),
            new ChatEvent.TextDelta(0, " there"),
            new ChatEvent.BlockStop(0),
            ChatEvent.Usage.of(25, 7),
            ChatEvent.Finish.of(FinishReason.END_TURN));

    static final List<ChatEvent> TWO_TOOL_CALLS = List.of(
            new ChatEvent.MessageStart("msg_02", "claude-sonnet-4-5"),
            ChatEvent.BlockStart.toolCall(0, "toolu_01A", "get_weather"),
            new ChatEvent.ToolArgumentsDelta(0, "{\"city\":"),
            new ChatEvent.ToolArgumentsDelta(0, "\"Paris\"}"),
            new ChatEvent.BlockStop(0),
            ChatEvent.BlockStart.toolCall(1, "toolu_01B", "get_time"),
            new ChatEvent.ToolArgumentsDelta(1, "{\"zone\":"),
            new ChatEvent.ToolArgumentsDelta(1, "\"CET\"}"),
            new ChatEvent.BlockStop(1),
            ChatEvent.Finish.of(FinishReason.TOOL_USE));

    static List<SseFrame> encode(List<ChatEvent> events) {
        StreamEncoder encoder = new AnthropicDialect()
                .streamEncoder(new AnthropicDialect().decode(AnthropicRequestDecoderTest.minimal()));
        List<SseFrame> frames = new ArrayList<>();
        events.forEach(event -> frames.addAll(encoder.encode(event)));
        return frames;
    }

    private static List<String> names(List<SseFrame> frames) {
        return frames.stream().map(SseFrame::event).toList();
    }

    private static List<JsonObject> data(List<SseFrame> frames, String event) {
        return frames.stream()
                .filter(f -> f.event().equals(event))
                .map(f -> new JsonObject(f.data()))
                .toList();
    }

    @Test
    void streams_a_text_answer_in_the_api_event_order() {
        assertThat(names(encode(TEXT_ANSWER)))
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
    }

    @Test
    void every_frame_names_its_event_in_the_data_type() {
        encode(TEXT_ANSWER).forEach(frame -> assertThat(new JsonObject(frame.data()).getString("type"))
                .isEqualTo(frame.event()));
    }

    @Test
    void message_start_carries_the_input_tokens_of_a_usage_that_follows_message_start() {
        JsonObject start = data(encode(TEXT_ANSWER), "message_start").get(0);

        assertThat(start).isEqualTo(new JsonObject("""
            {"type": "message_start", "message": {
              "id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
              "content": [], "stop_reason": null, "stop_sequence": null,
              "usage": {"input_tokens": 25, "output_tokens": 1,
                        "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}}\
            """));
    }

    @Test
    void message_delta_carries_the_stop_reason_and_the_latest_usage() {
        List<ChatEvent> events = new ArrayList<>(TEXT_ANSWER);
        events.add(events.size() - 1, new ChatEvent.Usage(25, 9, 100, 50, 0));

        JsonObject delta = data(encode(events), "message_delta").get(0);

        assertThat(delta).isEqualTo(new JsonObject("""
            {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null},
             "usage": {"input_tokens": 25, "output_tokens": 9,
                       "cache_creation_input_tokens": 50, "cache_read_input_tokens": 100}}\
            """));
    }

    @Test
    void streams_text_deltas_in_order_at_their_block_index() {
        assertThat(data(encode(TEXT_ANSWER), "content_block_delta"))
                .containsExactly(
                        new JsonObject("{\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}"),
                        new JsonObject("{\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}"));
    }

    @Test
    void sends_ping_after_the_first_content_block_start_only() {
        assertThat(names(encode(TWO_TOOL_CALLS)))
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
    }

    @Test
    void streams_two_tool_calls_without_merging_their_argument_pieces() {
        List<SseFrame> frames = encode(TWO_TOOL_CALLS);

        assertThat(data(frames, "content_block_start"))
                .extracting(start -> start.getInteger("index"), start -> start.getJsonObject("content_block"))
                .containsExactly(tuple(0, new JsonObject("""
                    {"type": "tool_use", "id": "toolu_01A", "name": "get_weather", "input": {},
                     "caller": {"type": "direct"}}\
                    """)), tuple(1, new JsonObject("""
                                     {"type": "tool_use", "id": "toolu_01B", "name": "get_time", "input": {},
                                      "caller": {"type": "direct"}}\
                                     """)));
        assertThat(data(frames, "content_block_delta"))
                .extracting(
                        delta -> delta.getInteger("index"),
                        delta -> delta.getJsonObject("delta").getString("type"),
                        delta -> delta.getJsonObject("delta").getString("partial_json"))
                .containsExactly(
                        tuple(0, "input_json_delta", "{\"city\":"),
                        tuple(0, "input_json_delta", "\"Paris\"}"),
                        tuple(1, "input_json_delta", "{\"zone\":"),
                        tuple(1, "input_json_delta", "\"CET\"}"));
        assertThat(data(frames, "message_delta").get(0).getJsonObject("delta").getString("stop_reason"))
                .isEqualTo("tool_use");
    }

    @Test
    void streams_thinking_and_its_signature_as_separate_deltas() {
        List<SseFrame> frames = encode(List.of(
                new ChatEvent.MessageStart("msg_03", "m"),
                ChatEvent.BlockStart.thinking(0),
                new ChatEvent.ThinkingDelta(0, "Let me think", null),
                new ChatEvent.ThinkingDelta(0, null, "EqQBCgIYAhIM"),
                new ChatEvent.BlockStop(0),
                ChatEvent.Finish.of(FinishReason.END_TURN)));

        assertThat(data(frames, "content_block_start").get(0).getJsonObject("content_block"))
                .isEqualTo(new JsonObject("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"));
        assertThat(data(frames, "content_block_delta"))
                .extracting(delta -> delta.getJsonObject("delta"))
                .containsExactly(
                        new JsonObject("{\"type\":\"thinking_delta\",\"thinking\":\"Let me think\"}"),
                        new JsonObject("{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}"));
    }

    @Test
    void makes_up_message_start_when_the_stream_begins_without_one() {
        List<SseFrame> frames = encode(List.of(
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hi"),
                new ChatEvent.BlockStop(0),
                ChatEvent.Finish.of(FinishReason.END_TURN)));

        assertThat(names(frames)).startsWith("message_start", "content_block_start", "ping");
        JsonObject message = data(frames, "message_start").get(0).getJsonObject("message");
        assertThat(message.getString("id")).matches("msg_[0-9A-Za-z]{24}");
        assertThat(message.getString("model")).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void closes_blocks_left_open_before_message_delta() {
        List<SseFrame> frames = encode(List.of(
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hi"),
                ChatEvent.Finish.of(FinishReason.MAX_TOKENS)));

        assertThat(names(frames)).endsWith("content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void sends_one_error_event_and_nothing_else_when_the_answer_fails_mid_stream() {
        List<SseFrame> frames = encode(List.of(
                new ChatEvent.MessageStart("msg_04", "m"),
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hel"),
                ChatEvent.Failed.of(ErrorKind.OVERLOADED, "Overloaded"),
                new ChatEvent.TextDelta(0, "lo"),
                ChatEvent.Finish.of(FinishReason.END_TURN)));

        assertThat(names(frames))
                .containsExactly("message_start", "content_block_start", "ping", "content_block_delta", "error");
        assertThat(data(frames, "error").get(0)).isEqualTo(new JsonObject("""
            {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\
            """));
    }

    @Test
    void sends_only_the_error_event_when_the_answer_fails_before_any_content() {
        List<SseFrame> frames = encode(List.of(
                new ChatEvent.MessageStart("msg_05", "m"), ChatEvent.Failed.of(ErrorKind.RATE_LIMITED, "Slow down")));

        assertThat(names(frames)).containsExactly("error");
        assertThat(data(frames, "error").get(0).getJsonObject("error").getString("type"))
                .isEqualTo("rate_limit_error");
    }

    @Test
    void sends_nothing_after_message_stop() {
        List<ChatEvent> events = new ArrayList<>(TEXT_ANSWER);
        events.add(new ChatEvent.TextDelta(0, "late"));
        events.add(ChatEvent.Failed.of(ErrorKind.INTERNAL, "late"));

        assertThat(names(encode(events))).endsWith("message_delta", "message_stop");
    }
}
