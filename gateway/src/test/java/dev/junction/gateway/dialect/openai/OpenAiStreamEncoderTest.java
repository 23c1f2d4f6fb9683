package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamEncoderTest {

    /** Thinking, text and two tool calls in one turn, as a backend streams them. */
    static final List<ChatEvent> TOOL_TURN = List.of(
            new ChatEvent.MessageStart("chatcmpl-s1", "gpt-test"),
            ChatEvent.BlockStart.thinking(0),
            new ChatEvent.ThinkingDelta(0, "Hmm.", null),
            new ChatEvent.ThinkingDelta(0, null, "sig"),
            new ChatEvent.BlockStop(0),
            ChatEvent.BlockStart.text(1),
            new ChatEvent.TextDelta(1, "Hel"),
            new ChatEvent.TextDelta(1, "lo"),
            new ChatEvent.BlockStop(1),
            ChatEvent.BlockStart.toolCall(2, "call_a", "get_weather"),
            new ChatEvent.ToolArgumentsDelta(2, "{\"ci"),
            new ChatEvent.ToolArgumentsDelta(2, "ty\":1}"),
            new ChatEvent.BlockStop(2),
            ChatEvent.BlockStart.toolCall(3, "toolu_b", "get_time"),
            new ChatEvent.ToolArgumentsDelta(3, "{}"),
            new ChatEvent.BlockStop(3),
            new ChatEvent.Usage(3, 4, 10, 0, 0),
            ChatEvent.Finish.of(FinishReason.TOOL_USE));

    static DecodedRequest request(boolean includeUsage) {
        return new DecodedRequest(OpenAiResponseEncoderTest.REQUEST.request(), true, includeUsage);
    }

    static List<SseFrame> encode(boolean includeUsage, List<ChatEvent> events) {
        StreamEncoder encoder = new OpenAiDialect().streamEncoder(request(includeUsage));
        List<SseFrame> frames = new ArrayList<>();
        events.forEach(event -> frames.addAll(encoder.encode(event)));
        return frames;
    }

    private static List<JsonObject> chunks(List<SseFrame> frames) {
        return frames.stream()
                .filter(frame -> !frame.data().equals("[DONE]"))
                .map(frame -> new JsonObject(frame.data()))
                .toList();
    }

    private static List<JsonObject> deltas(List<JsonObject> chunks) {
        return chunks.stream()
                .filter(chunk -> !chunk.getJsonArray("choices").isEmpty())
                .map(chunk -> chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta"))
                .toList();
    }

    @Test
    void streams_a_tool_turn_as_openai_chunks() {
        List<SseFrame> frames = encode(false, TOOL_TURN);

        assertThat(frames).allSatisfy(frame -> assertThat(frame.event()).isNull());
        assertThat(deltas(chunks(frames)))
                .containsExactly(
                        new JsonObject("{\"role\":\"assistant\",\"content\":\"\"}"),
                        new JsonObject("{\"reasoning_content\":\"Hmm.\"}"),
                        new JsonObject("{\"content\":\"Hel\"}"),
                        new JsonObject("{\"content\":\"lo\"}"),
                        new JsonObject("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}"),
                        new JsonObject("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}"),
                        new JsonObject("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":1}\"}}]}"),
                        new JsonObject("{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_b\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}"),
                        new JsonObject("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}"),
                        new JsonObject());
    }

    @Test
    void gives_every_chunk_the_same_envelope() {
        List<JsonObject> chunks = chunks(encode(false, TOOL_TURN));

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.getString("id")).isEqualTo("chatcmpl-s1");
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(chunk.getLong("created")).isEqualTo(chunks.get(0).getLong("created"));
            assertThat(chunk.getString("model")).isEqualTo("gpt-test");
            assertThat(chunk.containsKey("usage")).isFalse();
        });
    }

    @Test
    void sets_finish_reason_only_on_the_last_chunk() {
        List<JsonObject> chunks = chunks(encode(false, TOOL_TURN));

        List<Object> reasons = chunks.stream()
                .map(chunk -> chunk.getJsonArray("choices").getJsonObject(0).getValue("finish_reason"))
                .toList();
        assertThat(reasons.subList(0, reasons.size() - 1)).containsOnlyNulls();
        assertThat(reasons.get(reasons.size() - 1)).isEqualTo("tool_calls");
    }

    @Test
    void ends_with_done_and_no_usage_chunk_when_usage_was_not_asked_for() {
        List<SseFrame> frames = encode(false, TOOL_TURN);

        assertThat(frames.get(frames.size() - 1)).isEqualTo(new SseFrame(null, "[DONE]"));
        assertThat(frames.get(frames.size() - 1).wire()).isEqualTo("data: [DONE]\n\n");
        assertThat(frames).hasSize(11);
    }

    @Test
    void sends_a_usage_chunk_before_done_when_include_usage_is_set() {
        List<SseFrame> frames = encode(true, TOOL_TURN);
        List<JsonObject> chunks = chunks(frames);
        JsonObject usageChunk = chunks.get(chunks.size() - 1);

        assertThat(frames.get(frames.size() - 1).data()).isEqualTo("[DONE]");
        assertThat(usageChunk.getJsonArray("choices")).isEqualTo(new JsonArray());
        assertThat(usageChunk.getJsonObject("usage"))
                .isEqualTo(new JsonObject()
                        .put("prompt_tokens", 13)
                        .put("completion_tokens", 4)
                        .put("total_tokens", 17)
                        .put("prompt_tokens_details", new JsonObject().put("cached_tokens", 10))
                        .put("completion_tokens_details", new JsonObject().put("reasoning_tokens", 0)));
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
            assertThat(chunk.containsKey("usage")).isTrue();
            assertThat(chunk.getValue("usage")).isNull();
        });
    }

    @Test
    void ends_with_one_error_frame_when_the_answer_fails_mid_stream() {
        List<SseFrame> frames = encode(
                false,
                List.of(
                        new ChatEvent.MessageStart(null, null),
                        ChatEvent.BlockStart.text(0),
                        new ChatEvent.TextDelta(0, "partial"),
                        ChatEvent.Failed.of(ErrorKind.OVERLOADED, "backend overloaded"),
                        new ChatEvent.TextDelta(0, "late"),
                        ChatEvent.Finish.of(FinishReason.END_TURN)));

        assertThat(frames).hasSize(3);
        assertThat(new JsonObject(frames.get(2).data()))
                .isEqualTo(new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put("message", "backend overloaded")
                                        .put("type", "server_error")
                                        .put("param", null)
                                        .put("code", null)));
        assertThat(frames).noneMatch(frame -> frame.data().equals("[DONE]"));
    }

    @Test
    void sends_only_the_error_when_the_answer_fails_before_it_starts() {
        List<SseFrame> frames = encode(true, List.of(ChatEvent.Failed.of(ErrorKind.RATE_LIMITED, "slow down")));

        assertThat(frames).hasSize(1);
        assertThat(new JsonObject(frames.get(0).data()).getJsonObject("error").getString("code"))
                .isEqualTo("rate_limit_exceeded");
    }

    @Test
    void starts_the_message_itself_when_the_first_event_is_not_message_start() {
        List<JsonObject> chunks = chunks(encode(
                false,
                List.of(
                        ChatEvent.BlockStart.text(0),
                        new ChatEvent.TextDelta(0, "hi"),
                        ChatEvent.Finish.of(FinishReason.END_TURN))));

        assertThat(deltas(chunks))
                .containsExactly(
                        new JsonObject("{\"role\":\"assistant\",\"content\":\"\"}"),
                        new JsonObject("{\"content\":\"hi\"}"),
                        new JsonObject());
        assertThat(chunks.get(0).getString("id")).matches("chatcmpl-[0-9a-f]{32}");
        assertThat(chunks.get(0).getString("model")).isEqualTo("gpt-test");
    }

    @Test
    void emits_nothing_after_the_finish() {
        StreamEncoder encoder = new OpenAiDialect().streamEncoder(request(true));
        TOOL_TURN.forEach(encoder::encode);

        assertThat(encoder.encode(new ChatEvent.TextDelta(1, "late"))).isEmpty();
        assertThat(encoder.encode(ChatEvent.Failed.of(ErrorKind.INTERNAL, "late")))
                .isEmpty();
        assertThat(encoder.encode(ChatEvent.Finish.of(FinishReason.END_TURN))).isEmpty();
    }
}
