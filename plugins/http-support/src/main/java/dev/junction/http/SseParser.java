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
 * without data is not dispatched. A field's value is decoded as UTF-8 once its line is whole, so a
 * character split across chunks is kept intact; the field's name is matched as bytes. Unlike a
 * browser, {@link #end()} also dispatches a last event that lacks its closing blank line.
 *
 * <p>Not thread-safe: one parser per stream, fed on one thread at a time.
 */
public final class SseParser {

    private static final byte[] BYTE_ORDER_MARK = "\uFEFF".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    private final Consumer<SseEvent> events;
    private byte[] line = new byte[256];
    private int lineLength;
    /** The first data line's value, or {@code null} before the event's first data line. */
    private String data;
    /** The data lines joined, from an event's second data line on (most events have one). */
    private final StringBuilder joinedData = new StringBuilder();
    private boolean multiline;
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

    /**
     * Reads the line in {@link #line}. Only a field's value is decoded into a string: the name is
     * matched as bytes (a UTF-8 multibyte sequence holds no ASCII byte, so the value decodes alone as
     * it would within the whole line).
     */
    private void endLine() {
        int start = 0;
        int end = lineLength;
        lineLength = 0;
        if (firstLine) {
            firstLine = false;
            if (is(BYTE_ORDER_MARK, 0, Math.min(end, BYTE_ORDER_MARK.length))) {
                start = BYTE_ORDER_MARK.length;
            }
        }
        if (start == end) {
            dispatch();
            return;
        }
        if (line[start] == ':') {
            return; // a comment
        }
        int colon = start;
        while (colon < end && line[colon] != ':') {
            colon++;
        }
        int valueStart = colon == end ? end : colon + 1 < end && line[colon + 1] == ' ' ? colon + 2 : colon + 1;
        if (is(DATA, start, colon)) {
            data(new String(line, valueStart, end - valueStart, StandardCharsets.UTF_8));
        } else if (is(EVENT, start, colon)) {
            eventName = valueStart == end ? null : new String(line, valueStart, end - valueStart, StandardCharsets.UTF_8);
        }
        // id, retry and unknown fields mean nothing to an upstream client
    }

    private void data(String value) {
        if (data == null) {
            data = value;
            return;
        }
        if (!multiline) {
            multiline = true;
            joinedData.setLength(0);
            joinedData.append(data);
        }
        joinedData.append('\n').append(value);
    }

    /** Whether the line's bytes from {@code start} to {@code end} are {@code bytes}. */
    private boolean is(byte[] bytes, int start, int end) {
        return Arrays.equals(line, start, end, bytes, 0, bytes.length);
    }

    private void dispatch() {
        if (data != null) {
            events.accept(new SseEvent(eventName, multiline ? joinedData.toString() : data));
        }
        data = null;
        multiline = false;
        eventName = null;
    }
}
