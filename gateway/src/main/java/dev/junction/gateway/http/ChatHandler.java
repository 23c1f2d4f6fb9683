package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.resilience.ResilientCall;
import dev.junction.gateway.resilience.ResilientCalls;
import dev.junction.gateway.route.ModelRouter;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A chat endpoint ({@code POST chat/completions}, {@code messages}, {@code responses}): decode in
 * the caller's dialect, mark the request with that dialect and the provider headers it may forward,
 * route the model, name the built-in tools its backend goes without ({@link DroppedTools}), call the
 * backend (with its timeouts, retries, fallbacks and circuit breaker), and write the answer back as
 * JSON or SSE. For an endpoint whose answers are kept ({@code responses}), the conversation a
 * request continues goes in front of it first, and the complete answer is kept. A client that
 * disconnects cancels the call.
 */
final class ChatHandler implements Handler<RoutingContext> {

    private final ChatDialect dialect;
    private final ModelRouter router;
    private final ResilientCalls calls;
    private final long keepAliveMillis;
    private final DroppedTools droppedTools;
    private final ResponseContinuation kept;

    /** @param keepAliveMillis the silence after which a stream gets a keep-alive; 0 for none */
    ChatHandler(ChatDialect dialect, ModelRouter router, ResilientCalls calls, long keepAliveMillis,
            DroppedTools droppedTools) {
        this(dialect, router, calls, keepAliveMillis, droppedTools, null);
    }

    /**
     * A handler whose answers are kept for the client to continue ({@code Service.StoredChat}).
     *
     * @param kept continues the conversation a request names before it is decoded, and keeps each
     *     complete answer
     */
    ChatHandler(ChatDialect dialect, ModelRouter router, ResilientCalls calls, long keepAliveMillis,
            DroppedTools droppedTools, ResponseContinuation kept) {
        this.dialect = dialect;
        this.router = router;
        this.calls = calls;
        this.keepAliveMillis = keepAliveMillis;
        this.droppedTools = droppedTools;
        this.kept = kept;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (kept == null) {
            serve(ctx);
        } else {
            kept.expand(ctx, this::serve);
        }
    }

    private void serve(RoutingContext ctx) {
        Drain drain = ctx.get(Drain.KEY);
        if (drain != null && drain.draining()) {
            ErrorResponses.send(ctx, dialect.family(), ApiError.of(503, "The gateway is shutting down."));
            return;
        }
        RequestIntake.accept(
                        ctx,
                        dialect.family(),
                        dialect.name(),
                        router,
                        body -> dialect.decode(body)
                                .fromClient(dialect.name(), ProviderHeaders.of(ctx.request().headers())),
                        decoded -> decoded.request().model())
                .ifPresent(routed -> answer(ctx, drain, routed.request().withModel(routed.route().model()), routed.route()));
    }

    private void answer(RoutingContext ctx, Drain drain, DecodedRequest request, ModelRouter.Route route) {
        if (!droppedTools.mark(ctx, dialect.family(), request.request(), route.backendId())) {
            return;
        }
        AnswerWriter client = request.stream()
                ? new StreamAnswer(ctx, dialect, request, keepAliveMillis)
                : new JsonAnswer(ctx, dialect, request);
        AnswerWriter answer = kept == null || !kept.keeps(ctx)
                ? client
                : new KeptAnswer(client, dialect, request, whole -> kept.record(ctx, whole));
        RequestFacts facts = RequestFacts.of(ctx);
        Handler<ChatEvent> events = event -> {
            facts.event(event);
            answer.write(event);
        };
        ResilientCall call = calls.open(route.backendId(), route.model(), request.request(), events);
        answer.paceWith(call);
        Runnable untrack = drain == null
                ? () -> {}
                : drain.register(() -> call.abort(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "gateway shutting down")));
        // The access log owns the response's end and close handlers and runs this at either.
        facts.onEnd(() -> {
            untrack.run();
            answer.close();
            call.cancel();
            facts.backend = call.backend();
            facts.retries = call.retries();
            facts.fallbackFrom = call.fallbackFrom();
        });
        call.start();
    }
}
