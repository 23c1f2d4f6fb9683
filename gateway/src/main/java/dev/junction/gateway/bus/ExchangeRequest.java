package dev.junction.gateway.bus;

import dev.junction.plugin.ChatRequest;

/**
 * What a front end sends a backend to open an exchange: the request and the exchange's id, from
 * which both sides derive the reply and cancel addresses ({@link Addresses}).
 */
public record ExchangeRequest(String exchange, ChatRequest request) {}
