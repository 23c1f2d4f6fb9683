package dev.junction.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.http.SseEvent;
import dev.junction.http.TranscriptReplay;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.testkit.Golden;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiStreamDecoderTest {

    /** Feeds parsed events as the upstream client does: until the first terminal event, then the end. */
    private static List<ChatEvent> decode(List<SseEvent> stream, boolean clean) {
        return TranscriptReplay.decode(stream, decoder(), clean);
    }

    /** Feeds {@code golden/streams/<name>.sse} as the upstream client does, in small chunks. */
    private static List<ChatEvent> replay(String name, boolean clean) {
        byte[] transcript = Golden.text("streams/" + name + ".sse").getBytes(StandardCharsets.UTF_8);
        return TranscriptReplay.decode(transcript, TranscriptReplay.CHUNK, decoder(), clean);
    }

    private static GeminiStreamDecoder decoder() {
        return new GeminiStreamDecoder("gemini-requested", "gem");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "text",
        "thoughts",
        "two_function_calls",
        "function_calls_across_chunks",
        "safety",
        "prompt_blocked",
        "cached_usage",
        "max_tokens",
        "overloaded_mid_stream",
        "malformed_function_call",
        "cut_off"
    })
    void decodes_recorded_streams_into_the_canonical_events(String name) {
        List<ChatEvent> events = replay(name, true);
        Golden.assertEvents("streams/" + name + ".events.json", events);
    }

    @Test
    void a_cut_connection_without_a_finish_reason_fails() {
        List<ChatEvent> events = replay("cut_off", false);
        assertThat(events.get(events.size() - 1)).isEqualTo(ChatEvent.Failed.of(
                ErrorKind.UPSTREAM, "The Gemini stream broke off before the answer was complete."));
    }

    @Test
    void a_cut_connection_after_the_finish_reason_still_finishes() {
        List<ChatEvent> events = replay("max_tokens", false);
        assertThat(events.get(events.size() - 1)).isEqualTo(ChatEvent.Finish.of(FinishReason.MAX_TOKENS));
    }

    @Test
    void data_that_is_not_a_json_object_fails_without_throwing() {
        List<ChatEvent> events = decode(List.of(new SseEvent(null, "{\"candidates\": [")), true);
        assertThat(events).containsExactly(
                ChatEvent.Failed.of(ErrorKind.UPSTREAM, "Gemini sent a stream chunk that is not a JSON object."));
        assertThat(decode(List.of(new SseEvent(null, "[1]")), true)).hasSize(1);
    }

    @Test
    void reports_the_requested_model_when_gemini_names_none() {
        List<ChatEvent> events = decode(List.of(new SseEvent(null,
                "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}],\"role\": \"model\"},\"finishReason\": \"STOP\"}]}")),
                true);
        assertThat(events).containsExactly(
                new ChatEvent.MessageStart(null, "gemini-requested"),
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hi"),
                new ChatEvent.BlockStop(0),
                ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @Test
    void an_in_stream_rate_limit_carries_its_retry_delay() {
        List<ChatEvent> events = decode(List.of(new SseEvent(null, """
                {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED",
                 "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "36.5s"}]}}""")), true);
        assertThat(events).containsExactly(new ChatEvent.Failed(
                ErrorKind.RATE_LIMITED, "backend 'gem': Resource has been exhausted (e.g. check quota).", 37));
    }
}
