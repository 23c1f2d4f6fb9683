package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds a recorded server-sent event stream into a provider's {@link SseHandler} as
 * {@link UpstreamClient} does, for the provider plugins' decoder tests (shipped in this module's
 * test JAR): through {@link SseParser}, in small chunks that split lines and characters, until the
 * first terminal event, asking {@link SseHandler#onEnd} when none came.
 */
public final class TranscriptReplay {

    /** The chunk size that cuts events, lines and characters anywhere. */
    public static final int CHUNK = 7;

    private TranscriptReplay() {}

    /** The events {@code decoder} makes of {@code transcript}, a stream that ended cleanly. */
    public static List<ChatEvent> decode(String transcript, SseHandler decoder) {
        return decode(transcript.getBytes(StandardCharsets.UTF_8), CHUNK, decoder, true);
    }

    /**
     * The events {@code decoder} makes of {@code transcript} fed in chunks of {@code chunkSize}
     * bytes, the stream ending as {@code clean} says.
     */
    public static List<ChatEvent> decode(byte[] transcript, int chunkSize, SseHandler decoder, boolean clean) {
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
            events.add(decoder.onEnd(clean));
        }
        return events;
    }

    /** The events {@code decoder} makes of already parsed {@code stream} events, ending as {@code clean} says. */
    public static List<ChatEvent> decode(List<SseEvent> stream, SseHandler decoder, boolean clean) {
        List<ChatEvent> events = new ArrayList<>();
        for (SseEvent event : stream) {
            if (ended(events)) {
                return events;
            }
            decoder.onEvent(event, events::add);
        }
        if (!ended(events)) {
            events.add(decoder.onEnd(clean));
        }
        return events;
    }

    private static boolean ended(List<ChatEvent> events) {
        return !events.isEmpty() && events.get(events.size() - 1).terminal();
    }
}
