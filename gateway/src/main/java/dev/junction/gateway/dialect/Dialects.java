package dev.junction.gateway.dialect;

import dev.junction.gateway.dialect.anthropic.AnthropicApi;
import dev.junction.gateway.dialect.openai.OpenAiApi;
import dev.junction.gateway.dialect.responses.ResponsesApi;
import java.util.List;
import java.util.stream.Stream;

/**
 * The registration of every dialect: one line each. Routing, error shapes, metrics and the access
 * log read the endpoints from here ({@code http.ApiEndpoints}); nothing else names a dialect.
 */
public final class Dialects {

    /**
     * Every declared endpoint. Where several families declare the same method and path
     * ({@code GET /v1/models}), the family that {@linkplain ApiFamily#claims claims} the request
     * answers, else the first one listed here.
     */
    public static final List<Endpoint> ENDPOINTS = Stream.of(
                    OpenAiApi.ENDPOINTS,
                    AnthropicApi.ENDPOINTS,
                    ResponsesApi.ENDPOINTS)
            .flatMap(List::stream)
            .toList();

    private Dialects() {}
}
