package dev.junction.plugins.anthropic;

import dev.junction.http.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a recorded server-sent event stream as the HTML standard's parser does: lines end with
 * CRLF, LF or CR; {@code event:} names, {@code data:} lines join with LF; one space after the colon
 * is dropped; a line starting with a colon is a comment; a blank line dispatches an event that has data.
 */
final class SseTranscript {

    private SseTranscript() {}

    static List<SseEvent> parse(String text) {
        List<SseEvent> events = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        for (String line : text.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(event, data.toString()));
                }
                event = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }
}
