package dev.junction.http;

/**
 * One server-sent event as the upstream wrote it.
 *
 * @param event the {@code event:} name, or {@code null} when the event had none (OpenAI, Gemini)
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {}
