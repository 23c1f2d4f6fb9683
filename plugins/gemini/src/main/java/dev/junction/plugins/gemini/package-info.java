/**
 * The {@code gemini} plugin: the Google Gemini API ({@code generateContent} family) as a backend.
 *
 * <p>{@link dev.junction.plugins.gemini.GeminiRequestEncoder} and
 * {@link dev.junction.plugins.gemini.GeminiContents} turn a canonical request into Gemini's body;
 * {@link dev.junction.plugins.gemini.GeminiStreamDecoder} turns the chunks of
 * {@code streamGenerateContent?alt=sse} into canonical events;
 * {@link dev.junction.plugins.gemini.GeminiBackend} does the calls through the shared upstream
 * client. The README of the plugin lists its options and every translation decision.
 */
package dev.junction.plugins.gemini;
