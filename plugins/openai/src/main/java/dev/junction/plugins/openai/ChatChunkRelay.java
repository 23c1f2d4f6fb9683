package dev.junction.plugins.openai;

import dev.junction.http.BodyReader;
import dev.junction.http.SseFrames;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Relays a Chat Completions stream as it came: each upstream read's whole events go on as one
 * {@link ChatEvent.Relayed}, with the usage and the finish read on the way ({@link CompletionScan}).
 * Leaves out the usage-only chunk a client that did not ask for it would not get, and an error
 * event (its failure ends the answer, which the gateway writes in the client's dialect, as for any
 * failure). One per answer; called on one thread at a time.
 */
final class ChatChunkRelay implements BodyReader {

    private final String backendId;
    private final boolean dropUsageChunk;
    private final SseFrames frames = new SseFrames();
    private final CompletionScan scan = new CompletionScan();
    private Buffer kept;
    private ChatEvent.Usage usage;
    private ChatEvent.Failed failed;

    /** @param dropUsageChunk whether the usage-only chunk stays out (the client did not ask for it) */
    ChatChunkRelay(String backendId, boolean dropUsageChunk) {
        this.backendId = backendId;
        this.dropUsageChunk = dropUsageChunk;
    }

    @Override
    public void chunk(Buffer chunk, Consumer<ChatEvent> events) {
        frames.feed(chunk, this::event);
        if (kept != null) {
            events.accept(new ChatEvent.Relayed(kept));
            kept = null;
        }
        if (usage != null) {
            events.accept(usage);
            usage = null;
        }
        if (failed != null) {
            events.accept(failed);
        }
    }

    @Override
    public ChatEvent end(boolean clean, Consumer<ChatEvent> events) {
        Buffer rest = frames.rest();
        if (rest.length() > 0) {
            events.accept(new ChatEvent.Relayed(rest));
        }
        FinishReason finish = scan.finish();
        if (finish != null) {
            return ChatEvent.Finish.of(finish);
        }
        return ChatEvent.Failed.of(
                ErrorKind.UPSTREAM,
                "backend '" + backendId + "': the upstream stream ended before its finish"
                        + (clean ? "" : " (the connection broke)"));
    }

    private void event(Buffer bytes, String data) {
        if (failed != null) {
            return;
        }
        String json = data == null ? "" : data.strip();
        if (!json.isEmpty() && !json.equals("[DONE]")) {
            Object error = CompletionScan.error(json);
            if (error != null) {
                failed = StreamErrors.failure(backendId, error);
                return;
            }
            ChatEvent.Usage counted = scan.read(json);
            if (counted != null) {
                usage = counted;
                if (dropUsageChunk && CompletionScan.usageOnly(json)) {
                    return;
                }
            }
        }
        kept = kept == null ? bytes : kept.appendBuffer(bytes);
    }
}
