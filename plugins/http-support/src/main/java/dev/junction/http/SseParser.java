package dev.junction.http;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
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
        for (byte b : chunk) {
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                endLine();
            } else if (b == '\r') {
                endLine();
                afterCarriageReturn = true;
            } else {
                line.write(b);
            }
        }
    }

    /** The stream ended: reads an unterminated last line and dispatches a pending event. */
    public void end() {
        if (line.size() > 0) {
            endLine();
        }
        dispatch();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
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
