package dev.junction.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a stream of server-sent events incrementally, as the chunks of a response arrive, and hands
 * each complete event on.
 *
 * <p>Follows the WHATWG event-stream grammar: lines end with {@code \n}, {@code \r\n} or {@code \r}
 * (also when a chunk ends between {@code \r} and {@code \n}); {@code data:} lines join with
 * {@code \n}; {@code event:} names the event; lines starting with {@code :} are comments; one space
 * after the colon is dropped; {@code id:}, {@code retry:} and unknown fields are ignored; an event
 * without data is not dispatched. Bytes are decoded as UTF-8 per whole line, so a character split
 * across chunks is kept intact. Unlike a browser, {@link #end()} also dispatches a last event that
 * lacks its closing blank line.
 *
 * <p>Not thread-safe: one parser per stream, fed on one thread at a time.
 */
public final class SseParser {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Consumer<SseEvent> events;
    private byte[] line = new byte[256];
    private int lineLength;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventName;
    private boolean afterCarriageReturn;
    private boolean firstLine = true;

    /** A parser that passes each complete event to {@code events}. */
    public SseParser(Consumer<SseEvent> events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Reads the next chunk of the stream; dispatches every event it completes. */
    public void feed(Buffer chunk) {
        feed(chunk.getBytes());
    }

    /** Reads the next chunk of the stream; dispatches every event it completes. */
    public void feed(byte[] chunk) {
        int i = 0;
        if (afterCarriageReturn && chunk.length > 0) {
            afterCarriageReturn = false;
            if (chunk[0] == '\n') {
                i = 1;
            }
        }
        while (i < chunk.length) {
            int end = i;
            while (end < chunk.length && chunk[end] != '\n' && chunk[end] != '\r') {
                end++;
            }
            append(chunk, i, end - i);
            if (end == chunk.length) {
                return;
            }
            endLine();
            if (chunk[end] == '\r') {
                if (end + 1 == chunk.length) {
                    afterCarriageReturn = true;
                } else if (chunk[end + 1] == '\n') {
                    end++;
                }
            }
            i = end + 1;
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength += length;
    }

    /** The stream ended: reads an unterminated last line and dispatches a pending event. */
    public void end() {
        if (lineLength > 0) {
            endLine();
        }
        dispatch();
    }

    private void endLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (firstLine) {
            firstLine = false;
            if (text.startsWith(BYTE_ORDER_MARK)) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            dispatch();
        } else if (text.charAt(0) != ':') {
            field(text);
        }
    }

    private void field(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon >= 0) {
            int start = colon + 1 < text.length() && text.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
            value = text.substring(start);
        }
        switch (name) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> eventName = value.isEmpty() ? null : value;
            default -> {
                // id, retry and unknown fields mean nothing to an upstream client
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            events.accept(new SseEvent(eventName, data.toString()));
        }
        data.setLength(0);
        hasData = false;
        eventName = null;
    }
}
