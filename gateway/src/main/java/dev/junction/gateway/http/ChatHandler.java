package dev.junction.gateway.http;

import dev.junction.gateway.bus.ChatCall;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.resilience.ResilientCall;
import dev.junction.gateway.resilience.ResilientCalls;
import dev.junction.gateway.route.ModelRouter;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.RawRequest;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A chat endpoint ({@code POST chat/completions}, {@code messages}, {@code responses}): decode in
 * the caller's dialect, mark the request with that dialect and the provider headers it may forward,
 * route the model, name the built-in tools its backend goes without ({@link DroppedTools}), call the
 * backend (with its timeouts, retries, fallbacks and circuit breaker), and write the answer back as
 * JSON or SSE. For an endpoint whose answers are kept ({@code responses}), the conversation a
 * request continues goes in front of it first, and the complete answer is kept. A client that
 * disconnects cancels the call.
 *
 * <p>Pass-through: a body the dialect can relay as it is ({@link ChatDialect#peek}) is not decoded;
 * a backend that relays the dialect gets the client's bytes and answers with the upstream's, which
 * go to the client untouched, and the body is decoded only for a fallback to a backend that does not.
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
        Optional<RawRequest> raw = peek(ctx);
        if (raw.isPresent()) {
            Optional<ModelRouter.Route> relayed = router.route(raw.get().model())
                    .filter(route -> calls.relays(route.backendId(), dialect.name()));
            if (relayed.isPresent()) {
                RequestIntake.route(ctx, dialect.family(), dialect.name(), router, raw.get().model())
                        .ifPresent(route -> relay(ctx, drain, raw.get(), route));
                return;
            }
        }
        RequestIntake.accept(
                        ctx,
                        dialect.family(),
                        dialect.name(),
                        router,
                        body -> dialect.decode(body)
                                .fromClient(dialect.name(), ProviderHeaders.of(ctx.request().headers())),
                        decoded -> decoded.request().model())
                .ifPresent(routed -> {
                    DecodedRequest request = routed.request().withModel(routed.route().model());
                    if (droppedTools.mark(ctx, dialect.family(), request.request(), routed.route().backendId())) {
                        answer(ctx, drain, request.stream(), routed.route(), () -> request, ChatCall.of(request.request()));
                    }
                });
    }

    /** Relays the client's bytes to the routed backend; a fallback that does not relay them decodes them then. */
    private void relay(RoutingContext ctx, Drain drain, RawRequest raw, ModelRouter.Route route) {
        DecodedOnce decoded = new DecodedOnce(ctx, dialect, route.model());
        ChatCall call = ChatCall.relayed(raw.withModel(route.model()), () -> decoded.get().request());
        answer(ctx, drain, raw.stream(), route, decoded, call);
    }

    /**
     * What relaying the body as it is takes, when the dialect can say (see {@link ChatDialect#peek});
     * never for answers that are kept, nor for a body large enough to be parsed off the event loop.
     */
    private Optional<RawRequest> peek(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (kept != null || body == null || body.length() >= JsonBody.OFF_LOOP_BYTES) {
            return Optional.empty();
        }
        return dialect.peek(body, ProviderHeaders.of(ctx.request().headers()));
    }

    /**
     * Calls the backend and writes its answer back.
     *
     * @param request the request decoded, on demand for a relayed one
     * @param call what goes to the backends
     */
    private void answer(
            RoutingContext ctx,
            Drain drain,
            boolean stream,
            ModelRouter.Route route,
            Supplier<DecodedRequest> request,
            ChatCall call) {
        AnswerWriter client = stream
                ? new StreamAnswer(ctx, dialect, request, keepAliveMillis)
                : new JsonAnswer(ctx, dialect, request, route.model());
        AnswerWriter answer = kept == null || !kept.keeps(ctx)
                ? client
                : new KeptAnswer(client, dialect, request.get(), whole -> kept.record(ctx, whole));
        RequestFacts facts = RequestFacts.of(ctx);
        Handler<ChatEvent> events = event -> {
            facts.event(event);
            answer.write(event);
        };
        ResilientCall resilient = calls.open(route.backendId(), route.model(), call, events);
        answer.paceWith(resilient);
        Runnable untrack = drain == null
                ? () -> {}
                : drain.register(() -> resilient.abort(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "gateway shutting down")));
        // The access log owns the response's end and close handlers and runs this at either.
        facts.onEnd(() -> {
            untrack.run();
            answer.close();
            resilient.cancel();
            facts.backend = resilient.backend();
            facts.retries = resilient.retries();
            facts.fallbackFrom = resilient.fallbackFrom();
        });
        resilient.start();
    }
}
