package dev.junction.plugin.testkit;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockKind;
import java.util.List;

/**
 * Checks a recorded answer against the grammar documented on {@link ChatEvent}:
 *
 * <pre>
 * MessageStart (BlockStart (TextDelta | ToolArgumentsDelta | ThinkingDelta)* BlockStop | Usage)* (Finish | Failed)
 * </pre>
 *
 * with blocks numbered from 0 in order, deltas of the open block's kind, and {@link ChatEvent.Failed}
 * allowed at any point (also alone, or inside an open block). A violation fails with an
 * {@link AssertionError} naming the event's index, the event and the rule it breaks.
 *
 * @since 1.0.0
 */
public final class StreamGrammar {

    private final List<ChatEvent> events;
    private boolean started;
    private BlockKindAt open;
    private int nextBlock;

    private record BlockKindAt(int index, BlockKind kind) {}

    private StreamGrammar(List<ChatEvent> events) {
        this.events = events;
    }

    /** Fails unless {@code events} is one whole, well-formed answer. */
    public static void assertValid(List<ChatEvent> events) {
        new StreamGrammar(events).check();
    }

    private void check() {
        if (events.isEmpty()) {
            throw new AssertionError("an answer has at least its terminal event, but there are no events");
        }
        for (int at = 0; at < events.size(); at++) {
            ChatEvent event = events.get(at);
            if (event.terminal()) {
                if (at != events.size() - 1) {
                    fail(at + 1, "nothing may follow the terminal event " + event);
                }
                if (event instanceof ChatEvent.Finish) {
                    require(at, started, "a Finish needs a MessageStart before it");
                    require(at, open == null, "a Finish comes after block " + indexOfOpen() + " stopped");
                }
                return;
            }
            accept(at, event);
        }
        fail(events.size() - 1, "the answer ends without a Finish or Failed");
    }

    private void accept(int at, ChatEvent event) {
        if (event instanceof ChatEvent.MessageStart) {
            require(at, !started, "MessageStart comes once");
            require(at, at == 0, "MessageStart comes first");
            started = true;
            return;
        }
        require(at, started, "MessageStart comes first");
        if (event instanceof ChatEvent.BlockStart start) {
            require(at, open == null, "block " + indexOfOpen() + " is still open");
            require(at, start.index() == nextBlock, "blocks are numbered from 0 in order: expected " + nextBlock);
            open = new BlockKindAt(start.index(), start.kind());
            nextBlock++;
        } else if (event instanceof ChatEvent.BlockStop stop) {
            require(at, open != null && open.index() == stop.index(), "no block " + stop.index() + " is open");
            open = null;
        } else if (event instanceof ChatEvent.TextDelta delta) {
            delta(at, delta.index(), BlockKind.TEXT);
        } else if (event instanceof ChatEvent.ToolArgumentsDelta delta) {
            delta(at, delta.index(), BlockKind.TOOL_CALL);
        } else if (event instanceof ChatEvent.ThinkingDelta delta) {
            require(at, open != null && open.index() == delta.index(), "a delta belongs to the open block");
            require(
                    at,
                    open.kind() == BlockKind.THINKING || open.kind() == BlockKind.REDACTED_THINKING,
                    "a ThinkingDelta belongs in a thinking block, not " + open.kind());
        } else if (event instanceof ChatEvent.Usage) {
            require(at, open == null, "Usage comes outside blocks, but block " + indexOfOpen() + " is open");
        }
    }

    private void delta(int at, int index, BlockKind kind) {
        require(at, open != null && open.index() == index, "a delta belongs to the open block");
        require(at, open.kind() == kind, "this delta belongs in a " + kind + " block, not " + open.kind());
    }

    private String indexOfOpen() {
        return open == null ? "none" : String.valueOf(open.index());
    }

    private void require(int at, boolean holds, String rule) {
        if (!holds) {
            fail(at, rule);
        }
    }

    private void fail(int at, String rule) {
        StringBuilder message = new StringBuilder("event ").append(at).append(" (").append(events.get(at));
        message.append(") breaks the stream grammar: ").append(rule).append("\nevents:");
        for (int i = 0; i < events.size(); i++) {
            message.append(i == at ? "\n>> " : "\n   ").append(i).append(": ").append(events.get(i));
        }
        throw new AssertionError(message.toString());
    }
}
