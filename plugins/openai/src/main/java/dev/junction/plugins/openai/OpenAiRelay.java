package dev.junction.plugins.openai;

import dev.junction.http.BodyReader;
import dev.junction.http.UpstreamClient;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.RawRequest;
import dev.junction.plugin.Relay;
import java.util.Map;

/**
 * OpenAI clients' fast path to a Chat Completions upstream: their body goes on with the model
 * mapped ({@code modelMap}), the token limit under the name the upstream's flavor reads (as
 * {@link ChatRequestEncoder} names it) and, when streaming, the usage asked for; the answer comes
 * back as the upstream sent it ({@link ChatChunkRelay}, {@link CompletionRelay}). Relays nothing
 * for a backend on the Responses API, nor with {@code options.relay: false}. Thread-safe.
 */
final class OpenAiRelay implements Relay {

    private final String id;
    private final OpenAiSettings settings;
    private final UpstreamClient client;

    OpenAiRelay(String id, OpenAiSettings settings, UpstreamClient client) {
        this.id = id;
        this.settings = settings;
        this.client = client;
    }

    @Override
    public boolean relays(String dialect) {
        return settings.relay() && ClientDialect.OPENAI.equals(dialect) && settings.api() == OpenAiSettings.Api.CHAT;
    }

    @Override
    public void relay(RawRequest request, ChatSink sink) {
        Map<String, String> renames = settings.flavor() == OpenAiSettings.Flavor.OPENAI
                ? Map.of("max_tokens", "max_completion_tokens")
                : Map.of("max_completion_tokens", "max_tokens");
        BodyReader reader = request.stream()
                ? new ChatChunkRelay(id, !request.usageAsked())
                : new CompletionRelay(id);
        client.relay(
                "/chat/completions",
                Extras.headers(request.headers()),
                request.upstreamBody(settings.http().upstreamModel(request.model()), renames),
                request.stream() ? "text/event-stream" : "application/json",
                reader,
                sink);
    }
}
