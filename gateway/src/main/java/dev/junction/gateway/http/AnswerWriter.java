package dev.junction.gateway.http;

import dev.junction.plugin.ChatEvent;

/** Writes one backend answer to the HTTP response as its events arrive, on the request's context. */
interface AnswerWriter {

    void write(ChatEvent event);

    /** The client went away: release what the writer holds (timers). Does nothing by default. */
    default void close() {}
}
