package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnEventsTest {

    private final TurnEvents turn = new TurnEvents();
    private final List<ChatEvent> events = new ArrayList<>();

    @Test
    void reasoning_goes_to_a_thinking_block_before_the_text_block() {
        turn.start("turn_1", "gpt-x", events::add);
        turn.thinking("Let me think.", events::add);
        turn.thinking(" Done.", events::add);
        turn.text("msg_1", "Hi", events::add);
        turn.complete(new JsonObject().put("status", "completed"), events::add);

        assertThat(events).containsExactly(
                new ChatEvent.MessageStart("turn_1", "gpt-x"),
                ChatEvent.BlockStart.thinking(0),
                new ChatEvent.ThinkingDelta(0, "Let me think.", null),
                new ChatEvent.ThinkingDelta(0, " Done.", null),
                new ChatEvent.BlockStop(0),
                ChatEvent.BlockStart.text(1),
                new ChatEvent.TextDelta(1, "Hi"),
                new ChatEvent.BlockStop(1),
                ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @Test
    void agent_messages_share_the_text_block_separated_by_a_blank_line() {
        turn.text("msg_1", "Let me read the file.", events::add);
        turn.agentMessage("msg_1", "Let me read the file.", events::add);
        turn.text("msg_2", "Hello", events::add);

        assertThat(events).containsExactly(
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Let me read the file."),
                new ChatEvent.TextDelta(0, "\n\nHello"));
    }

    @Test
    void completed_agent_message_without_deltas_is_emitted_whole() {
        turn.agentMessage("msg_1", "Hello from stub", events::add);

        assertThat(events).containsExactly(ChatEvent.BlockStart.text(0), new ChatEvent.TextDelta(0, "Hello from stub"));
    }

    @Test
    void message_starts_once() {
        turn.start("turn_1", "gpt-x", events::add);
        turn.start("turn_1", "gpt-x", events::add);

        assertThat(events).containsExactly(new ChatEvent.MessageStart("turn_1", "gpt-x"));
    }

    @Test
    void cached_input_is_counted_apart_from_input_and_reasoning_inside_output() {
        turn.usage(new JsonObject()
                .put("inputTokens", 100)
                .put("cachedInputTokens", 60)
                .put("cacheWriteInputTokens", 10)
                .put("outputTokens", 7)
                .put("reasoningOutputTokens", 3));
        turn.complete(new JsonObject().put("status", "completed"), events::add);

        assertThat(events).containsExactly(new ChatEvent.Usage(30, 7, 60, 10, 3), ChatEvent.Finish.of(FinishReason.END_TURN));
    }
}
