package dev.junction.plugins.openai;

import dev.junction.http.TranscriptReplay;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.testkit.Golden;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The events the plugin's decoders make of a recorded stream, replayed as the upstream client
 * feeds them ({@link TranscriptReplay}): a {@link ChatStreamDecoder}'s or a
 * {@link ResponsesStreamDecoder}'s.
 */
final class Replay {

    static final String BACKEND = "openai";

    private Replay() {}

    /** A Chat Completions stream, {@code golden/streams/<fixture>}. */
    static List<ChatEvent> of(String fixture) {
        return of(Golden.text("streams/" + fixture).getBytes(StandardCharsets.UTF_8), TranscriptReplay.CHUNK);
    }

    static List<ChatEvent> of(byte[] transcript, int chunkSize) {
        return TranscriptReplay.decode(transcript, chunkSize, new ChatStreamDecoder(BACKEND, "requested-model"), true);
    }

    /** A Responses API stream, {@code golden/streams/responses/<fixture>}. */
    static List<ChatEvent> responses(String fixture) {
        return responses(
                Golden.text("streams/responses/" + fixture).getBytes(StandardCharsets.UTF_8), TranscriptReplay.CHUNK);
    }

    static List<ChatEvent> responses(byte[] transcript, int chunkSize) {
        return TranscriptReplay.decode(
                transcript, chunkSize, new ResponsesStreamDecoder(BACKEND, "requested-model"), true);
    }
}
