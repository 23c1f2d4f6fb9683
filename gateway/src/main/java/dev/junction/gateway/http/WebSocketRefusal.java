package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.Endpoint;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Answers a WebSocket handshake on a chat endpoint (the Responses API's, which has a WebSocket
 * mode) with 426 Upgrade Required, in the endpoint family's error shape; any other request goes on
 * to the routes.
 *
 * <p>Codex tries the Responses API's WebSocket mode first when its provider allows it
 * ({@code supports_websockets}). It reads a 426 to its handshake as "this server streams Responses
 * over HTTP only" and sends the same request as {@code POST /v1/responses} at once, without a
 * second handshake and without a warning; a 404 or 405 instead costs a second handshake and shows
 * "Falling back from WebSockets to HTTPS transport" as an error item of the turn.
 */
final class WebSocketRefusal implements Handler<RoutingContext> {

    private static final ApiError REFUSAL = ApiError.of(
            426, "This gateway serves the Responses API over HTTP only: send the request as POST with an SSE stream.");

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().canUpgradeToWebSocket()) {
            Optional<Endpoint> chat = ApiEndpoints.at(ctx.normalizedPath()).stream()
                    .filter(endpoint -> endpoint.chat() != null)
                    .findFirst();
            if (chat.isPresent()) {
                ErrorResponses.send(ctx, chat.get().family(), REFUSAL);
                return;
            }
        }
        ctx.next();
    }
}
