package dev.junction.gateway.http;

import dev.junction.gateway.bus.Demand;
import dev.junction.plugin.ChatEvent;

/** Writes one backend answer to the HTTP response as its events arrive, on the request's context. */
interface AnswerWriter {

    void write(ChatEvent event);

    /**
     * Lets the writer slow {@code source} down while the client does not keep up. Does nothing by
     * default: a writer that collects the whole answer takes events as fast as they come.
     */
    default void paceWith(Demand source) {}

    /** The client went away: release what the writer holds (timers). Does nothing by default. */
    default void close() {}
}
