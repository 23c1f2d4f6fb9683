package dev.junction.gateway.bus;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.RawRequest;

/**
 * What a front end sends a backend to open an exchange: the request (decoded, or the client's own
 * bytes for a backend that relays its dialect), the exchange's id, from which both sides derive the
 * exchange's other addresses ({@link Addresses}), and the events the backend may send before it is
 * granted more ({@link Credit}), and the node it comes from (its origin), whose loss cancels the
 * exchange on the serving node.
 *
 * @param request the decoded request; null when {@code raw} is set
 * @param raw the client's request for the backend's relay; null when {@code request} is set
 */
public record ExchangeRequest(String exchange, ChatRequest request, RawRequest raw, int credit, String origin) {

    /** An exchange of a decoded request. */
    public ExchangeRequest(String exchange, ChatRequest request, int credit, String origin) {
        this(exchange, request, null, credit, origin);
    }
}
