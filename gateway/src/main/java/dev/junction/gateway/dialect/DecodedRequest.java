package dev.junction.gateway.dialect;

import dev.junction.plugin.ChatRequest;
import java.util.Map;

/**
 * A decoded chat request with what the dialect needs to answer it.
 *
 * @param stream whether the client asked for server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk (OpenAI's
 *     {@code stream_options.include_usage}; Anthropic streams always carry usage)
 */
public record DecodedRequest(ChatRequest request, boolean stream, boolean includeUsage) {

    /** The same request sent on to another model name (routing's {@code backend/model}). */
    public DecodedRequest withModel(String model) {
        return new DecodedRequest(request.withModel(model), stream, includeUsage);
    }

    /**
     * The same request marked with the client's dialect ({@link ChatDialect#name()}), the provider
     * headers it sent that a same-dialect upstream may receive (lower-case names), and whether the
     * client streams.
     */
    public DecodedRequest fromClient(String dialect, Map<String, String> headers) {
        return new DecodedRequest(
                request.toBuilder().dialect(dialect).headers(headers).stream(stream).build(),
                stream,
                includeUsage);
    }
}
