package dev.junction.gateway.http;

import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.responses.ResponsesBuiltInTools;
import dev.junction.gateway.dialect.responses.ResponsesDialect;
import dev.junction.plugin.ChatRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in tools of a Responses request ({@code web_search}, {@code file_search}, ...) on their
 * way to a backend: only a Responses upstream (the openai plugin with {@code options.api:
 * responses}) runs them. Any other backend goes without them, and the answer names them in
 * {@value #HEADER} (agents such as Codex always send {@code web_search}); a {@code tool_choice}
 * that forces one is a 400 naming it. Decided for the backend the model routes to. Thread-safe.
 */
final class DroppedTools {

    static final String HEADER = "x-junction-dropped-tools";

    private final Set<String> responsesBackends;

    private DroppedTools(Set<String> responsesBackends) {
        this.responsesBackends = responsesBackends;
    }

    static DroppedTools of(Map<String, BackendConfig> backends) {
        return new DroppedTools(backends.values().stream()
                .filter(backend -> backend.plugin().equals("openai") && "responses".equals(backend.options().getValue("api")))
                .map(BackendConfig::id)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * Names what {@code backendId} drops of {@code request} in the answer's header; answers 400 in
     * {@code family}'s shape instead when the request forces a tool it drops.
     *
     * @return whether the request may go on
     */
    boolean mark(RoutingContext ctx, ApiFamily family, ChatRequest request, String backendId) {
        if (!ResponsesDialect.NAME.equals(request.dialect()) || responsesBackends.contains(backendId)) {
            return true;
        }
        try {
            ResponsesBuiltInTools.requireNotForced(request);
        } catch (InvalidRequestException e) {
            ErrorResponses.send(ctx, family, ApiError.invalidRequest(e.getMessage(), e.param()));
            return false;
        }
        List<String> dropped = ResponsesBuiltInTools.types(request);
        if (!dropped.isEmpty()) {
            ctx.response().putHeader(HEADER, String.join(", ", dropped));
        }
        return true;
    }
}
