package dev.junction.gateway.dialect;

/**
 * One server-sent event: an optional {@code event:} name and one {@code data:} line.
 *
 * @param event the event name, or {@code null} for a data-only frame (OpenAI)
 */
public record SseFrame(String event, String data) {

    /** The frame as it goes on the wire, with its closing blank line. */
    public String wire() {
        return event == null ? "data: " + data + "\n\n" : "event: " + event + "\ndata: " + data + "\n\n";
    }
}
