package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Answers a WebSocket upgrade on the Responses endpoint with 426 Upgrade Required, in OpenAI's
 * error shape; any other request goes on to the routes.
 *
 * <p>Codex tries the Responses API's WebSocket mode first when its provider allows it
 * ({@code supports_websockets}). It reads a 426 to its handshake as "this server streams Responses
 * over HTTP only" and sends the same request as {@code POST /v1/responses} at once, without a
 * second handshake and without a warning; a 404 or 405 instead costs a second handshake and shows
 * "Falling back from WebSockets to HTTPS transport" as an error item of the turn.
 */
final class WebSocketRefusal implements Handler<RoutingContext> {

    /** The paths of the Responses endpoint ({@code POST}), where a WebSocket handshake ({@code GET}) is refused this way. */
    static final List<String> PATHS = ApiEndpoints.ALL.stream()
            .filter(endpoint -> endpoint.name().equals("responses"))
            .map(ApiEndpoints.Endpoint::path)
            .toList();

    private static final ApiError REFUSAL = ApiError.of(
            426, "This gateway serves the Responses API over HTTP only: send the request as POST with an SSE stream.");

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().canUpgradeToWebSocket()) {
            ErrorResponses.send(ctx, ApiEndpoints.OPENAI_DIALECT, REFUSAL);
        } else {
            ctx.next();
        }
    }
}
