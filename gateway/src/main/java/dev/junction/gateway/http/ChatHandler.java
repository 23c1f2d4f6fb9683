package dev.junction.gateway.http;

import dev.junction.gateway.bus.BusExchange;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST chat/completions} and {@code POST messages}: decode in the caller's dialect, mark the
 * request with that dialect and the provider headers it may forward, route the model, open an
 * exchange with the backend, and write its events back as JSON or SSE. A client that disconnects
 * cancels the exchange.
 */
final class ChatHandler implements Handler<RoutingContext> {

    private final Dialect dialect;
    private final ModelRouter router;
    private final long keepAliveMillis;

    /** @param keepAliveMillis the silence after which a stream gets a keep-alive; 0 for none */
    ChatHandler(Dialect dialect, ModelRouter router, long keepAliveMillis) {
        this.dialect = dialect;
        this.router = router;
        this.keepAliveMillis = keepAliveMillis;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestIntake.accept(
                        ctx,
                        dialect,
                        router,
                        body -> dialect.decode(body)
                                .fromClient(dialect.name(), ProviderHeaders.of(ctx.request().headers())),
                        decoded -> decoded.request().model())
                .ifPresent(routed -> answer(ctx, routed.request().withModel(routed.route().model()), routed.route()));
    }

    private void answer(RoutingContext ctx, DecodedRequest request, ModelRouter.Route route) {
        AnswerWriter answer = request.stream()
                ? new StreamAnswer(ctx, dialect, request, keepAliveMillis)
                : new JsonAnswer(ctx, dialect, request);
        BusExchange exchange = BusExchange.with(ctx.vertx(), route.backendId(), answer::write);
        ctx.response().closeHandler(closed -> {
            answer.close();
            exchange.cancel();
        });
        exchange.send(request.request());
    }
}
