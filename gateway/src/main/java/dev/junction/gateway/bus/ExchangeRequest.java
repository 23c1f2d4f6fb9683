package dev.junction.gateway.bus;

import dev.junction.plugin.ChatRequest;

/**
 * What a front end sends a backend to open an exchange: the request, the exchange's id, from which
 * both sides derive the exchange's other addresses ({@link Addresses}), and the events the backend
 * may send before it is granted more ({@link Credit}), and the node it comes from (its origin), whose
 * loss cancels the exchange on the serving node.
 */
public record ExchangeRequest(String exchange, ChatRequest request, int credit, String origin) {}
