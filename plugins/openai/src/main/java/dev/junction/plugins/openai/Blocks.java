package dev.junction.plugins.openai;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockKind;
import java.util.function.Consumer;

/**
 * The content blocks of one answer: numbers them from 0 in the order they start and keeps at most
 * one open, so that blocks never interleave. Not thread-safe: one per stream.
 */
final class Blocks {

    private int next;
    private int openIndex = -1;
    private BlockKind openKind;

    /** Appends text to the open text block, or closes the open block and starts one. */
    void text(String text, Consumer<ChatEvent> out) {
        int index = ensureOpen(BlockKind.TEXT, out);
        out.accept(new ChatEvent.TextDelta(index, text));
    }

    /** Appends reasoning to the open thinking block, or closes the open block and starts one. */
    void thinking(String text, Consumer<ChatEvent> out) {
        int index = ensureOpen(BlockKind.THINKING, out);
        out.accept(new ChatEvent.ThinkingDelta(index, text, null));
    }

    /**
     * Signs the open thinking block with {@code data} (reasoning the provider encrypted); with no
     * thinking block open, the data is a redacted thinking block of its own. Either way the block
     * is closed after.
     */
    void signature(String data, Consumer<ChatEvent> out) {
        if (openIndex < 0 || openKind != BlockKind.THINKING) {
            ensureOpen(BlockKind.REDACTED_THINKING, out);
        }
        out.accept(new ChatEvent.ThinkingDelta(openIndex, null, data));
        close(out);
    }

    /** Closes the open block and starts a tool call block; returns its index. */
    int startToolCall(String id, String name, Consumer<ChatEvent> out) {
        close(out);
        openIndex = next++;
        openKind = BlockKind.TOOL_CALL;
        out.accept(ChatEvent.BlockStart.toolCall(openIndex, id, name));
        return openIndex;
    }

    /** Whether a text or thinking block is open (tool call blocks are the caller's to track). */
    boolean textOrThinkingOpen() {
        return openIndex >= 0 && openKind != BlockKind.TOOL_CALL;
    }

    /** Closes the open block, if any. */
    void close(Consumer<ChatEvent> out) {
        if (openIndex >= 0) {
            out.accept(new ChatEvent.BlockStop(openIndex));
            openIndex = -1;
            openKind = null;
        }
    }

    private int ensureOpen(BlockKind kind, Consumer<ChatEvent> out) {
        if (openIndex < 0 || openKind != kind) {
            close(out);
            openIndex = next++;
            openKind = kind;
            out.accept(new ChatEvent.BlockStart(openIndex, kind, null, null));
        }
        return openIndex;
    }
}
