package dev.junction.gateway.http;

import dev.junction.gateway.bus.BusExchange;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.route.ModelRouter;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
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
        Drain drain = ctx.get(Drain.KEY);
        if (drain != null && drain.draining()) {
            ErrorResponses.send(ctx, dialect, ApiError.of(503, "The gateway is shutting down."));
            return;
        }
        RequestIntake.accept(
                        ctx,
                        dialect,
                        router,
                        body -> dialect.decode(body)
                                .fromClient(dialect.name(), ProviderHeaders.of(ctx.request().headers())),
                        decoded -> decoded.request().model())
                .ifPresent(routed -> answer(ctx, drain, routed.request().withModel(routed.route().model()), routed.route()));
    }

    private void answer(RoutingContext ctx, Drain drain, DecodedRequest request, ModelRouter.Route route) {
        AnswerWriter answer = request.stream()
                ? new StreamAnswer(ctx, dialect, request, keepAliveMillis)
                : new JsonAnswer(ctx, dialect, request);
        RequestFacts facts = RequestFacts.of(ctx);
        Handler<ChatEvent> events = event -> {
            facts.event(event);
            answer.write(event);
        };
        BusExchange exchange = BusExchange.with(ctx.vertx(), route.backendId(), events);
        Runnable untrack = drain == null ? () -> {} : drain.register(() -> {
            exchange.cancel();
            events.handle(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "gateway shutting down"));
        });
        // The access log owns the response's end and close handlers and runs this at either.
        facts.onEnd(() -> {
            untrack.run();
            answer.close();
            exchange.cancel();
        });
        exchange.send(request.request());
    }
}
