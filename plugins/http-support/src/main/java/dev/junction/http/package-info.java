/**
 * Support shared by the HTTP provider plugins (openai, anthropic, gemini).
 *
 * <p>A provider plugin translates the canonical request into its API's body, and its API's
 * server-sent events into canonical events ({@link dev.junction.http.SseHandler}). An
 * {@link dev.junction.http.UpstreamClient} does the HTTP: non-blocking on Vert.x's client, with
 * connect, first-byte and total timeouts, cancellation, and failures classified once by
 * {@link dev.junction.http.UpstreamFailures}. Options common to every provider are
 * {@link dev.junction.http.HttpOptions}.
 */
package dev.junction.http;
