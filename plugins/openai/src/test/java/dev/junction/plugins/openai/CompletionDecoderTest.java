package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockStart;
import dev.junction.plugin.ChatEvent.BlockStop;
import dev.junction.plugin.ChatEvent.Finish;
import dev.junction.plugin.ChatEvent.MessageStart;
import dev.junction.plugin.ChatEvent.TextDelta;
import dev.junction.plugin.ChatEvent.ThinkingDelta;
import dev.junction.plugin.ChatEvent.ToolArgumentsDelta;
import dev.junction.plugin.ChatEvent.Usage;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole, non-streamed chat.completion gives the same events as its stream. */
class CompletionDecoderTest {

    private static List<ChatEvent> decode(String completion) {
        List<ChatEvent> events = new ArrayList<>();
        new ChatStreamDecoder("openai", "gpt-4.1").completion(new JsonObject(completion), events::add);
        return events;
    }

    @Test
    void two_tool_calls_come_whole_in_their_own_blocks_with_ids_usage_and_finish() {
        assertThat(decode("""
                {"id": "chatcmpl-BzT6", "object": "chat.completion", "created": 1753967522, "model": "gpt-4.1-2025-04-14",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "refusal": null,
                   "tool_calls": [
                     {"id": "call_7hQk", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                     {"id": "call_Qe3n", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Rome\\"}"}}]},
                   "logprobs": null, "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": 1187, "completion_tokens": 46, "total_tokens": 1233,
                           "prompt_tokens_details": {"cached_tokens": 1024}}}"""))
                .containsExactly(
                        new MessageStart("chatcmpl-BzT6", "gpt-4.1-2025-04-14"),
                        BlockStart.toolCall(0, "call_7hQk", "get_weather"),
                        new ToolArgumentsDelta(0, "{\"city\":\"Paris\"}"),
                        new BlockStop(0),
                        BlockStart.toolCall(1, "call_Qe3n", "get_weather"),
                        new ToolArgumentsDelta(1, "{\"city\":\"Rome\"}"),
                        new BlockStop(1),
                        new Usage(1187 - 1024, 46, 1024, 0, 0),
                        Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void reasoning_and_text_become_a_thinking_block_then_a_text_block() {
        assertThat(decode("""
                {"id": "c1", "model": "deepseek-reasoner",
                 "choices": [{"index": 0, "message": {"role": "assistant", "reasoning_content": "Short.", "content": "Hi!"},
                              "finish_reason": "length"}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 4}}"""))
                .containsExactly(
                        new MessageStart("c1", "deepseek-reasoner"),
                        BlockStart.thinking(0),
                        new ThinkingDelta(0, "Short.", null),
                        new BlockStop(0),
                        BlockStart.text(1),
                        new TextDelta(1, "Hi!"),
                        new BlockStop(1),
                        new Usage(10, 4, 0, 0, 0),
                        Finish.of(FinishReason.MAX_TOKENS));
    }

    @Test
    void an_answer_without_a_finish_reason_fails_clearly() {
        List<ChatEvent> events = decode("{\"id\": \"c2\", \"model\": \"m\", \"choices\": []}");
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(ChatEvent.Failed.class,
                failed -> assertThat(failed.message()).contains("before its finish"));
    }
}
