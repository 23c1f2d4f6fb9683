package dev.junction.plugins.openai;

import dev.junction.http.SseHandler;
import dev.junction.http.SseParser;
import dev.junction.plugin.ChatEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds a recorded stream through http-support's {@link SseParser} into a decoder (a
 * {@link ChatStreamDecoder} unless told) as {@code UpstreamClient} does: in small chunks that split
 * lines and characters, stopping at the first terminal event, and asking {@link SseHandler#onEnd}
 * when there was none.
 */
final class Replay {

    static final String BACKEND = "openai";

    private Replay() {}

    static List<ChatEvent> of(String fixture) {
        return of(Golden.text("streams/" + fixture).getBytes(StandardCharsets.UTF_8), 7);
    }

    static List<ChatEvent> of(byte[] transcript, int chunkSize) {
        return of(transcript, chunkSize, new ChatStreamDecoder(BACKEND, "requested-model"));
    }

    /** A Responses API stream, {@code golden/streams/responses/<fixture>}. */
    static List<ChatEvent> responses(String fixture) {
        return responses(Golden.text("streams/responses/" + fixture).getBytes(StandardCharsets.UTF_8), 7);
    }

    static List<ChatEvent> responses(byte[] transcript, int chunkSize) {
        return of(transcript, chunkSize, new ResponsesStreamDecoder(BACKEND, "requested-model"));
    }

    private static List<ChatEvent> of(byte[] transcript, int chunkSize, SseHandler decoder) {
        List<ChatEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(sse -> {
            if (!ended(events)) {
                decoder.onEvent(sse, events::add);
            }
        });
        for (int at = 0; at < transcript.length && !ended(events); at += chunkSize) {
            parser.feed(Arrays.copyOfRange(transcript, at, Math.min(transcript.length, at + chunkSize)));
        }
        parser.end();
        if (!ended(events)) {
            events.add(decoder.onEnd(true));
        }
        return events;
    }

    private static boolean ended(List<ChatEvent> events) {
        return !events.isEmpty() && events.get(events.size() - 1).terminal();
    }
}
