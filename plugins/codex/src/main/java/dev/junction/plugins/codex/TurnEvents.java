package dev.junction.plugins.codex;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockKind;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns what Codex reports about one turn into chat events: the message start, a text block for the
 * agent's messages, a thinking block for its reasoning, usage, and the end. Consecutive agent
 * messages (Codex may say something, run a command, then answer) share the text block, separated by
 * a blank line. Not thread-safe: it belongs to one {@link CodexRun}.
 */
final class TurnEvents {

    private boolean started;
    private int nextIndex;
    private BlockKind openKind;
    private String textItem;
    private final Set<String> streamedItems = new HashSet<>();
    private ChatEvent.Usage usage;

    /** The turn began: the answer starts, once. */
    void start(String turnId, String model, Consumer<ChatEvent> events) {
        if (!started) {
            started = true;
            events.accept(new ChatEvent.MessageStart(turnId, model));
        }
    }

    /** A piece of an agent message ({@code item/agentMessage/delta}). */
    void text(String itemId, String delta, Consumer<ChatEvent> events) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        streamedItems.add(itemId);
        boolean newItemInOpenBlock = openKind == BlockKind.TEXT && !itemId.equals(textItem);
        textItem = itemId;
        int index = open(BlockKind.TEXT, events);
        events.accept(new ChatEvent.TextDelta(index, newItemInOpenBlock ? "\n\n" + delta : delta));
    }

    /** An agent message is complete: its text is emitted here only if no delta carried it. */
    void agentMessage(String itemId, String text, Consumer<ChatEvent> events) {
        if (!streamedItems.contains(itemId)) {
            text(itemId, text, events);
        }
    }

    /** A piece of reasoning, summary or raw. */
    void thinking(String delta, Consumer<ChatEvent> events) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        int index = open(BlockKind.THINKING, events);
        events.accept(new ChatEvent.ThinkingDelta(index, delta, null));
    }

    /**
     * The thread's token usage ({@code tokenUsage.total} of {@code thread/tokenUsage/updated}). The
     * thread is new and holds this turn only, so its total is the turn's usage over all its model
     * calls. Codex counts cached input inside {@code inputTokens}; the event counts it apart. Its
     * {@code outputTokens} include {@code reasoningOutputTokens}, as the event's do.
     */
    void usage(JsonObject total) {
        int cacheRead = total.getInteger("cachedInputTokens", 0);
        int cacheWrite = total.getInteger("cacheWriteInputTokens", 0);
        int input = Math.max(0, total.getInteger("inputTokens", 0) - cacheRead - cacheWrite);
        usage = new ChatEvent.Usage(
                input,
                total.getInteger("outputTokens", 0),
                cacheRead,
                cacheWrite,
                total.getInteger("reasoningOutputTokens", 0));
    }

    /** The turn ended ({@code turn/completed}): closes the open block, reports usage, ends the stream. */
    void complete(JsonObject turn, Consumer<ChatEvent> events) {
        close(events);
        if (usage != null) {
            events.accept(usage);
        }
        String status = turn.getString("status");
        if ("completed".equals(status)) {
            events.accept(ChatEvent.Finish.of(FinishReason.END_TURN));
        } else if ("interrupted".equals(status)) {
            events.accept(ChatEvent.Failed.of(ErrorKind.UPSTREAM, "Codex interrupted the turn"));
        } else {
            events.accept(failure(turn.getJsonObject("error")));
        }
    }

    /** The failure a Codex {@code TurnError} ({@code message}, {@code codexErrorInfo}) stands for. */
    static ChatEvent.Failed failure(JsonObject error) {
        String message = error == null ? null : error.getString("message");
        if (message == null || message.isBlank()) {
            message = "Codex failed the turn without a message";
        }
        Object info = error == null ? null : error.getValue("codexErrorInfo");
        return ChatEvent.Failed.of(CodexErrors.classify(message, info), message);
    }

    private int open(BlockKind kind, Consumer<ChatEvent> events) {
        if (openKind != kind) {
            close(events);
            openKind = kind;
            events.accept(kind == BlockKind.TEXT
                    ? ChatEvent.BlockStart.text(nextIndex)
                    : ChatEvent.BlockStart.thinking(nextIndex));
            nextIndex++;
        }
        return nextIndex - 1;
    }

    private void close(Consumer<ChatEvent> events) {
        if (openKind != null) {
            events.accept(new ChatEvent.BlockStop(nextIndex - 1));
            openKind = null;
        }
    }
}
