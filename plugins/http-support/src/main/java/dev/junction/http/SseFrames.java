package dev.junction.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a stream of server-sent events into whole events without changing a byte, for a relay that
 * passes them on: each event's bytes (up to and including the blank line that ends it) and its
 * {@code data}, joined as {@link SseParser} joins it. Lines end with {@code \n}, {@code \r\n} or
 * {@code \r}; the bytes of an unfinished event wait for the next chunk ({@link #rest()}).
 *
 * <p>Not thread-safe: one per stream, fed on one thread at a time.
 */
public final class SseFrames {

    /** Takes the events {@link #feed} completes. */
    public interface Events {
        /**
         * @param bytes the event's bytes, exactly as they came
         * @param data its data lines joined with {@code \n}; {@code null} when it has none
         */
        void event(Buffer bytes, String data);
    }

    private Buffer pending = Buffer.buffer();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private int lineStart;
    private boolean afterCarriageReturn;

    /** Reads the next chunk; hands on each event it completes, in order. */
    public void feed(Buffer chunk, Events events) {
        int from = pending.length();
        Buffer bytes = from == 0 ? chunk : pending.appendBuffer(chunk);
        int eventStart = 0;
        for (int i = from; i < bytes.length(); i++) {
            byte b = bytes.getByte(i);
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    lineStart = i + 1;
                    continue;
                }
            }
            if (b != '\n' && b != '\r') {
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (i == lineStart) {
                events.event(bytes.getBuffer(eventStart, i + 1), hasData ? data.toString() : null);
                data.setLength(0);
                hasData = false;
                eventStart = i + 1;
            } else {
                line(bytes, lineStart, i);
            }
            lineStart = i + 1;
        }
        pending = bytes.getBuffer(eventStart, bytes.length());
        lineStart -= eventStart;
    }

    /** The bytes of the event that has not ended yet (all of them when the stream ends now). */
    public Buffer rest() {
        return pending;
    }

    private void line(Buffer bytes, int start, int end) {
        if (end - start < 4 || bytes.getByte(start) != 'd' || !"data".equals(bytes.getString(start, start + 4))) {
            return;
        }
        int value = start + 4;
        if (value < end && bytes.getByte(value) != ':') {
            return; // a field named data-something
        }
        value = Math.min(end, value + 1);
        if (value < end && bytes.getByte(value) == ' ') {
            value++;
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(bytes.getString(value, end, StandardCharsets.UTF_8.name()));
        hasData = true;
    }
}
