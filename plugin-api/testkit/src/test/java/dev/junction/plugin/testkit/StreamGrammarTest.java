package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamGrammarTest {

    private static final MessageStart START = new MessageStart("msg_1", "m");
    private static final Finish END = Finish.of(FinishReason.END_TURN);
    private static final Failed FAILED = Failed.of(ErrorKind.UPSTREAM, "cut");

    @Test
    void accepts_blocks_of_every_kind_usage_between_them_and_a_failure_anywhere() {
        assertThatCode(() -> StreamGrammar.assertValid(List.of(
                        START,
                        new Usage(3, 0, 0, 0, 0),
                        BlockStart.thinking(0),
                        new ThinkingDelta(0, "hm", null),
                        new ThinkingDelta(0, null, "sig"),
                        new BlockStop(0),
                        BlockStart.text(1),
                        new TextDelta(1, "Hi"),
                        new BlockStop(1),
                        BlockStart.toolCall(2, "call_1", "f"),
                        new ToolArgumentsDelta(2, "{}"),
                        new BlockStop(2),
                        Usage.of(3, 4),
                        END)))
                .doesNotThrowAnyException();
        assertThatCode(() -> StreamGrammar.assertValid(List.of(FAILED))).doesNotThrowAnyException();
        assertThatCode(() -> StreamGrammar.assertValid(List.of(START, BlockStart.text(0), new TextDelta(0, "a"), FAILED)))
                .doesNotThrowAnyException();
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(List.of(), 0, "no events"),
                Arguments.of(List.of(BlockStart.text(0), new BlockStop(0), END), 0, "MessageStart comes first"),
                Arguments.of(List.of(START, START, END), 1, "MessageStart comes once"),
                Arguments.of(List.of(START, new TextDelta(0, "a"), END), 1, "belongs to the open block"),
                Arguments.of(List.of(START, BlockStart.text(1), new BlockStop(1), END), 1, "numbered from 0"),
                Arguments.of(List.of(START, BlockStart.text(0), BlockStart.text(1), END), 2, "block 0 is still open"),
                Arguments.of(List.of(START, BlockStart.text(0), new ToolArgumentsDelta(0, "{}"), END), 2, "TOOL_CALL block, not TEXT"),
                Arguments.of(List.of(START, BlockStart.text(0), new ThinkingDelta(0, "x", null), END), 2, "thinking block, not TEXT"),
                Arguments.of(List.of(START, BlockStart.text(0), Usage.of(1, 1), END), 2, "Usage comes outside blocks"),
                Arguments.of(List.of(START, BlockStart.text(0), END), 2, "after block 0 stopped"),
                Arguments.of(List.of(START, new BlockStop(0), END), 1, "no block 0 is open"),
                Arguments.of(List.of(START, END, END), 2, "nothing may follow"),
                Arguments.of(List.of(START, END, Usage.of(1, 1)), 2, "nothing may follow"),
                Arguments.of(List.of(START, Usage.of(1, 1)), 1, "ends without a Finish or Failed"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("violations")
    void names_the_event_and_the_rule_it_breaks(List<ChatEvent> events, int index, String rule) {
        assertThatThrownBy(() -> StreamGrammar.assertValid(events))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(events.isEmpty() ? rule : "event " + index + " (")
                .hasMessageContaining(rule);
    }
}
