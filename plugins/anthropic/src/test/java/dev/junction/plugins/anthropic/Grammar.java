package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import java.util.List;

/**
 * Asserts the stream grammar of plugin-api: {@code MessageStart (BlockStart deltas BlockStop |
 * Usage)* (Finish | Failed)}, blocks numbered from 0 in order and not interleaved; a failure may
 * come at any point.
 */
final class Grammar {

    private Grammar() {}

    static void assertWellFormed(List<ChatEvent> events) {
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).terminal()).as("ends with Finish or Failed").isTrue();
        assertThat(events.stream().filter(ChatEvent::terminal)).as("one terminal event").hasSize(1);
        boolean started = false;
        Integer open = null;
        int next = 0;
        for (ChatEvent event : events) {
            if (event instanceof ChatEvent.Failed) {
                return;
            }
            if (event instanceof ChatEvent.MessageStart) {
                assertThat(started).as("one MessageStart").isFalse();
                started = true;
                continue;
            }
            assertThat(started).as("MessageStart before %s", event).isTrue();
            if (event instanceof ChatEvent.BlockStart start) {
                assertThat(open).as("no block open at %s", event).isNull();
                assertThat(start.index()).isEqualTo(next++);
                open = start.index();
            } else if (event instanceof ChatEvent.BlockStop stop) {
                assertThat(stop.index()).isEqualTo(open);
                open = null;
            } else if (event instanceof ChatEvent.TextDelta delta) {
                assertThat(delta.index()).isEqualTo(open);
            } else if (event instanceof ChatEvent.ThinkingDelta delta) {
                assertThat(delta.index()).isEqualTo(open);
            } else if (event instanceof ChatEvent.ToolArgumentsDelta delta) {
                assertThat(delta.index()).isEqualTo(open);
            } else {
                assertThat(open).as("no block open at %s", event).isNull();
            }
        }
    }
}
