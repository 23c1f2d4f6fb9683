package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.http.SseEvent;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockKind;
import dev.junction.plugin.ChatEvent.BlockStart;
import dev.junction.plugin.ChatEvent.BlockStop;
import dev.junction.plugin.ChatEvent.Failed;
import dev.junction.plugin.ChatEvent.Finish;
import dev.junction.plugin.ChatEvent.MessageStart;
import dev.junction.plugin.ChatEvent.TextDelta;
import dev.junction.plugin.ChatEvent.ThinkingDelta;
import dev.junction.plugin.ChatEvent.ToolArgumentsDelta;
import dev.junction.plugin.ChatEvent.Usage;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.testkit.Golden;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each Responses API stream under {@code golden/streams/responses} (in the event shapes OpenAI
 * sends, with {@code sequence_number}, {@code obfuscation} and the bookkeeping events) decodes to
 * exactly the canonical events listed here.
 */
class ResponsesStreamGoldenTest {

    private static final String ENCRYPTED = "gAAAAABpNf3kQ2xR7vYtN1bq8ZJm0cW5uE4sD9aH6fG3kL2pO1iU8yT7rE5wQ4zX3cV2bN1mA0sD9fG8hJ7kL6_pO5iU4yT3rE2wQ1zX0cV9bN8mA7sD6fG5hJ4kL3==";

    @Test
    void text_streams_as_one_text_block_and_cached_tokens_leave_the_input() {
        assertThat(Replay.responses("text.sse")).containsExactly(
                new MessageStart("resp_68f1a2b3c4d5e6f70123456789abcdef0", "gpt-5-mini-2025-08-07"),
                BlockStart.text(0),
                new TextDelta(0, "Hello"),
                new TextDelta(0, "!"),
                new TextDelta(0, " How can I help?"),
                new BlockStop(0),
                new Usage(2094 - 1920, 12, 1920, 0, 0),
                Finish.of(FinishReason.END_TURN));
    }

    @Test
    void reasoning_summary_is_a_thinking_block_signed_with_the_encrypted_content_before_the_tool_call() {
        assertThat(Replay.responses("reasoning-tool-call.sse")).containsExactly(
                new MessageStart("resp_0a9b8c7d6e5f40312233445566778899a", "gpt-5-2025-08-07"),
                BlockStart.thinking(0),
                new ThinkingDelta(0, "**Checking the weather**", null),
                new ThinkingDelta(0, "\n\nThe user wants Paris.", null),
                new ThinkingDelta(0, "\n\nI'll call get_weather.", null),
                new ThinkingDelta(0, null, ENCRYPTED),
                new BlockStop(0),
                BlockStart.toolCall(1, "call_Xq2Lr8Vn4Tb6Wd0Yk1Jc3Hs5", "get_weather"),
                new ToolArgumentsDelta(1, "{\""),
                new ToolArgumentsDelta(1, "city"),
                new ToolArgumentsDelta(1, "\":\""),
                new ToolArgumentsDelta(1, "Paris"),
                new ToolArgumentsDelta(1, "\"}"),
                new BlockStop(1),
                new Usage(312, 214, 0, 0, 192),
                Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void encrypted_reasoning_without_text_is_redacted_and_a_freeform_call_streams_as_an_input_argument() {
        List<ChatEvent> events = Replay.responses("encrypted-reasoning-custom-tool.sse");

        assertThat(events).startsWith(
                new MessageStart("resp_1b2c3d4e5f60718293a4b5c6d7e8f9012", "gpt-5-codex"),
                new BlockStart(0, BlockKind.REDACTED_THINKING, null, null),
                new ThinkingDelta(0, null, "gAAAAABpNf4AZ9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF9eD8cB7aZ6yX5wV4uT3sR2qP1oN0mL9kJ8iH7gF6eD5cB4aZ3yX2wV1uT0sR9qP8oN7mL6kJ5iH4=="),
                new BlockStop(0),
                BlockStart.toolCall(1, "call_Pt7Mz2Kq9Lw4Nx6Rv1Ys8Bd3", "apply_patch"));
        assertThat(events).endsWith(new BlockStop(1), new Usage(512, 96, 4608, 0, 64), Finish.of(FinishReason.TOOL_USE));
        StringBuilder arguments = new StringBuilder();
        events.stream()
                .filter(ToolArgumentsDelta.class::isInstance)
                .forEach(delta -> arguments.append(((ToolArgumentsDelta) delta).json()));
        assertThat(new JsonObject(arguments.toString()).getString("input"))
                .isEqualTo("*** Begin Patch\n*** Add File: hello.txt\n+hello \"world\"\n*** End Patch");
    }

    @Test
    void incomplete_at_max_output_tokens_finishes_as_max_tokens() {
        assertThat(Replay.responses("incomplete-max-output-tokens.sse")).containsExactly(
                new MessageStart("resp_2c3d4e5f6071829304b5c6d7e8f901234", "gpt-4.1-mini-2025-04-14"),
                BlockStart.text(0),
                new TextDelta(0, "One, two,"),
                new TextDelta(0, " three"),
                new BlockStop(0),
                new Usage(4, 16, 16, 0, 0),
                Finish.of(FinishReason.MAX_TOKENS));
    }

    @Test
    void a_built_in_tool_item_is_skipped_and_the_answer_after_it_streams() {
        assertThat(Replay.responses("web-search-then-text.sse")).containsExactly(
                new MessageStart("resp_5f60718293a4b5c6d7e8f901234567890", "gpt-5-2025-08-07"),
                BlockStart.text(0),
                new TextDelta(0, "Junction is an LLM gateway."),
                new BlockStop(0),
                new Usage(8000, 40, 0, 0, 0),
                Finish.of(FinishReason.END_TURN));
    }

    @Test
    void response_failed_mid_stream_fails_with_the_upstream_message() {
        assertThat(Replay.responses("failed-mid-stream.sse")).containsExactly(
                new MessageStart("resp_3d4e5f60718293a4b5c6d7e8f90123456", "gpt-4.1-2025-04-14"),
                BlockStart.text(0),
                new TextDelta(0, "Once upon"),
                Failed.of(
                        ErrorKind.UPSTREAM,
                        "backend 'openai': the upstream failed mid-stream: The model produced invalid content. "
                                + "Consider modifying your prompt if you are seeing this error persistently."));
    }

    @Test
    void an_error_event_is_classified_by_its_code() {
        List<ChatEvent> events = Replay.responses("error-rate-limited.sse");

        assertThat(events).hasSize(1);
        Failed failed = (Failed) events.get(0);
        assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failed.message()).contains("backend 'openai'", "Rate limit reached for gpt-5");
    }

    @Test
    void an_error_event_with_an_error_object_is_classified_by_it() {
        List<ChatEvent> events = new ArrayList<>();

        new ResponsesStreamDecoder(Replay.BACKEND, "requested-model").onEvent(
                new SseEvent("error", """
                        {"type":"error","sequence_number":3,"error":{"type":"invalid_request_error",
                         "code":"context_length_exceeded","message":"Your input exceeds the context window of this model."}}"""),
                events::add);

        assertThat(events).containsExactly(
                Failed.of(ErrorKind.INVALID_REQUEST, "Your input exceeds the context window of this model."));
    }

    @Test
    void a_stream_cut_before_response_completed_fails() {
        assertThat(Replay.responses("cut-before-completed.sse")).endsWith(
                new TextDelta(0, "Once upon"),
                Failed.of(ErrorKind.UPSTREAM, "backend 'openai': the upstream stream ended before its finish"));
    }

    @Test
    void a_whole_response_gives_the_events_its_stream_gives() {
        for (String fixture : new String[] {"reasoning-tool-call.sse", "text.sse", "encrypted-reasoning-custom-tool.sse"}) {
            String transcript = Golden.text("streams/responses/" + fixture);
            String last = transcript.substring(transcript.lastIndexOf("data: ") + 6).strip();
            JsonObject response = new JsonObject(last).getJsonObject("response");
            List<ChatEvent> events = new ArrayList<>();

            new ResponsesStreamDecoder(Replay.BACKEND, "requested-model").response(response, events::add);

            assertThat(merged(events)).as(fixture).isEqualTo(merged(Replay.responses(fixture)));
        }
    }

    @Test
    void a_call_of_a_namespaced_tool_is_named_as_the_responses_dialect_names_it() {
        JsonObject response = new JsonObject("""
                {"id":"resp_9","object":"response","status":"completed","model":"gpt-5-codex","output":[
                  {"id":"fc_9","type":"function_call","status":"completed","namespace":"functions",
                   "name":"list_mcp_resources","arguments":"{}","call_id":"call_9"}],
                 "usage":{"input_tokens":10,"output_tokens":5}}""");
        List<ChatEvent> events = new ArrayList<>();

        new ResponsesStreamDecoder(Replay.BACKEND, "requested-model").response(response, events::add);

        assertThat(events).containsExactly(
                new MessageStart("resp_9", "gpt-5-codex"),
                BlockStart.toolCall(0, "call_9", "functions__list_mcp_resources"),
                new ToolArgumentsDelta(0, "{}"),
                new BlockStop(0),
                new Usage(10, 5, 0, 0, 0),
                Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void chunking_does_not_change_the_events() {
        for (String fixture : new String[] {"reasoning-tool-call.sse", "encrypted-reasoning-custom-tool.sse"}) {
            byte[] transcript = Golden.text("streams/responses/" + fixture).getBytes(StandardCharsets.UTF_8);
            List<ChatEvent> whole = Replay.responses(transcript, transcript.length);
            for (int size = 1; size <= 13; size++) {
                assertThat(Replay.responses(transcript, size)).as(fixture + " in chunks of " + size).isEqualTo(whole);
            }
        }
    }

    /** The events with each block's deltas joined: a whole response has one delta per block. */
    private static List<Object> merged(List<ChatEvent> events) {
        List<Object> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (ChatEvent event : events) {
            String piece = event instanceof TextDelta text ? text.text()
                    : event instanceof ToolArgumentsDelta args ? args.json()
                    : event instanceof ThinkingDelta thinking && thinking.text() != null ? thinking.text()
                    : null;
            if (piece != null) {
                pending.append(piece);
                continue;
            }
            if (!pending.isEmpty()) {
                out.add(pending.toString());
                pending.setLength(0);
            }
            out.add(event);
        }
        return out;
    }
}
