/**
 * The {@code openai} plugin: OpenAI's API and every OpenAI-compatible server (vLLM, Ollama, Groq,
 * OpenRouter, ...) through streamed Chat Completions, or OpenAI's Responses API
 * ({@code options.api: responses}).
 *
 * <p>{@link dev.junction.plugins.openai.ChatRequestEncoder} turns the canonical request into the
 * body, {@link dev.junction.plugins.openai.ChatStreamDecoder} the streamed chunks into canonical
 * events; {@link dev.junction.plugins.openai.ResponsesRequestEncoder} (with
 * {@link dev.junction.plugins.openai.ResponsesInput}) and
 * {@link dev.junction.plugins.openai.ResponsesStreamDecoder} do the same for the Responses API. All
 * are pure and proven by the golden fixtures under {@code src/test/resources/golden}.
 * {@link dev.junction.plugins.openai.OpenAiBackend} wires them to http-support's upstream client.
 */
package dev.junction.plugins.openai;
