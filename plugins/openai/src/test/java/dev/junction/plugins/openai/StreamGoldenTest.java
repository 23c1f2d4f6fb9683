package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
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
import org.junit.jupiter.api.Test;

/**
 * Each stream under {@code golden/streams} (hand-written in the chunk shapes of OpenAI, Azure
 * OpenAI, vLLM, DeepSeek, Ollama and Groq) decodes to exactly the canonical events listed here.
 */
class StreamGoldenTest {

    @Test
    void text_streams_as_one_text_block_and_finishes_after_the_usage_chunk() {
        assertThat(Replay.of("text.sse")).containsExactly(
                new MessageStart("chatcmpl-BzT4kQ8d2VnXc7LmR1aWfPq9sHj3E", "gpt-4o-mini-2024-07-18"),
                BlockStart.text(0),
                new TextDelta(0, "Hello"),
                new TextDelta(0, "!"),
                new TextDelta(0, " How can I help?"),
                new BlockStop(0),
                new Usage(9, 8, 0, 0, 0),
                Finish.of(FinishReason.END_TURN));
    }

    @Test
    void two_tool_calls_in_one_turn_each_get_their_own_block_and_cached_tokens_leave_the_input() {
        assertThat(Replay.of("tool-calls-parallel.sse")).containsExactly(
                new MessageStart("chatcmpl-BzT6eG1mWqzY0tJx5aC3rVbN7uKdP", "gpt-4.1-2025-04-14"),
                BlockStart.toolCall(0, "call_7hQkVnB2xRzP4mLwT9sJcY1e", "get_weather"),
                new ToolArgumentsDelta(0, "{\""),
                new ToolArgumentsDelta(0, "city"),
                new ToolArgumentsDelta(0, "\":\""),
                new ToolArgumentsDelta(0, "Paris"),
                new ToolArgumentsDelta(0, "\"}"),
                new BlockStop(0),
                BlockStart.toolCall(1, "call_Qe3nF8yTmV0sKc6bXr2LhJ5w", "get_weather"),
                new ToolArgumentsDelta(1, "{\""),
                new ToolArgumentsDelta(1, "city"),
                new ToolArgumentsDelta(1, "\":\""),
                new ToolArgumentsDelta(1, "Rome"),
                new ToolArgumentsDelta(1, "\"}"),
                new BlockStop(1),
                new Usage(1187 - 1024, 46, 1024, 0, 0),
                Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void interleaved_tool_call_pieces_are_never_merged_and_the_text_block_closes_first() {
        assertThat(Replay.of("tool-calls-interleaved.sse")).containsExactly(
                new MessageStart("chatcmpl-4f0c2a9e8b7d4e61a3c5f1d2e9b8a7c6", "Qwen/Qwen2.5-7B-Instruct"),
                BlockStart.text(0),
                new TextDelta(0, "Checking both cities."),
                new BlockStop(0),
                BlockStart.toolCall(1, "chatcmpl-tool-9b1e5c7a2d", "get_weather"),
                new ToolArgumentsDelta(1, "{\"city\": "),
                new ToolArgumentsDelta(1, "\"Paris\"}"),
                new BlockStop(1),
                BlockStart.toolCall(2, "chatcmpl-tool-3f8a0d6e4c", "get_time"),
                new ToolArgumentsDelta(2, "{\"tz\": "),
                new ToolArgumentsDelta(2, "\"Europe/Rome\"}"),
                new BlockStop(2),
                new Usage(312, 44, 0, 0, 0),
                Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void reasoning_content_is_a_thinking_block_before_the_text_and_usage_may_share_the_finish_chunk() {
        assertThat(Replay.of("reasoning-content.sse")).containsExactly(
                new MessageStart("5d2f7a1c-3b9e-4c80-9a61-e4b7f0c2d813", "deepseek-reasoner"),
                BlockStart.thinking(0),
                new ThinkingDelta(0, "The user", null),
                new ThinkingDelta(0, " asks for 17", null),
                new ThinkingDelta(0, " times 3.", null),
                new ThinkingDelta(0, " 17*3 = 51.", null),
                new BlockStop(0),
                BlockStart.text(1),
                new TextDelta(1, "17 × 3"),
                new TextDelta(1, " = **51**."),
                new BlockStop(1),
                new Usage(16, 31, 64, 0, 22),
                Finish.of(FinishReason.END_TURN));
    }

    @Test
    void reasoning_field_and_a_whole_tool_call_in_one_chunk_finish_as_tool_use_even_when_the_server_says_stop() {
        assertThat(Replay.of("reasoning-tool-call-ollama.sse")).containsExactly(
                new MessageStart("chatcmpl-412", "qwen3:8b"),
                BlockStart.thinking(0),
                new ThinkingDelta(0, "I should look", null),
                new ThinkingDelta(0, " up the weather.", null),
                new BlockStop(0),
                BlockStart.toolCall(1, "call_ywq0x2lb", "get_weather"),
                new ToolArgumentsDelta(1, "{\"city\":\"Oslo\"}"),
                new BlockStop(1),
                new Usage(142, 38, 0, 0, 0),
                Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void content_filter_is_a_refusal_and_azure_prompt_filter_chunk_does_not_start_the_message() {
        assertThat(Replay.of("content-filter-azure.sse")).containsExactly(
                new MessageStart("chatcmpl-BzTPa2cRk0wXmYv3Ld8Qn5Ue1sGtH", "gpt-4o-2024-11-20"),
                BlockStart.text(0),
                new TextDelta(0, "Here is how"),
                new BlockStop(0),
                new Usage(21, 3, 0, 0, 0),
                Finish.of(FinishReason.REFUSAL));
    }

    @Test
    void a_refusal_streams_as_text_and_finishes_as_refusal() {
        assertThat(Replay.of("refusal.sse")).containsExactly(
                new MessageStart("chatcmpl-BzTRm9vXk2PcQ4nLw7Ya1Ef0dHsJu", "gpt-4o-2024-08-06"),
                BlockStart.text(0),
                new TextDelta(0, "I'm sorry"),
                new TextDelta(0, ", I can't"),
                new TextDelta(0, " help with that."),
                new BlockStop(0),
                new Usage(57, 10, 0, 0, 0),
                Finish.of(FinishReason.REFUSAL));
    }

    @Test
    void length_is_max_tokens_and_done_releases_the_finish_without_usage() {
        assertThat(Replay.of("length-no-usage.sse")).containsExactly(
                new MessageStart("chatcmpl-8c1d", "llama-3.1-8b-instant"),
                BlockStart.text(0),
                new TextDelta(0, "One, two,"),
                new TextDelta(0, " three"),
                new BlockStop(0),
                Finish.of(FinishReason.MAX_TOKENS));
    }

    @Test
    void an_error_inside_the_stream_fails_it() {
        assertThat(Replay.of("error-mid-stream.sse")).containsExactly(
                new MessageStart("chatcmpl-BzTUq3nWz8RkYc1Lv5Pd0Xa7Ef2Gh", "gpt-4o-mini-2024-07-18"),
                BlockStart.text(0),
                new TextDelta(0, "Once upon"),
                Failed.of(
                        ErrorKind.UPSTREAM,
                        "backend 'openai': the upstream failed mid-stream: "
                                + "The server had an error while processing your request. Sorry about that!"));
    }

    @Test
    void a_stream_that_ends_before_its_finish_fails() {
        assertThat(Replay.of("cut-before-finish.sse")).containsExactly(
                new MessageStart("chatcmpl-BzTUq3nWz8RkYc1Lv5Pd0Xa7Ef2Gh", "gpt-4o-mini-2024-07-18"),
                BlockStart.text(0),
                new TextDelta(0, "Once upon"),
                Failed.of(ErrorKind.UPSTREAM, "backend 'openai': the upstream stream ended before its finish"));
    }

    @Test
    void chunking_does_not_change_the_events() {
        for (String fixture : new String[] {"tool-calls-interleaved.sse", "reasoning-content.sse", "text.sse"}) {
            byte[] transcript = Golden.text("streams/" + fixture).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.util.List<ChatEvent> whole = Replay.of(transcript, transcript.length);
            for (int size = 1; size <= 13; size++) {
                assertThat(Replay.of(transcript, size)).as(fixture + " in chunks of " + size).isEqualTo(whole);
            }
        }
    }
}
