package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.dialect.TokenCountDialect;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST messages/count_tokens}: decode like a messages request (without requiring
 * {@code max_tokens}), route the model, and ask the backend to count. Answers
 * {@code {"input_tokens": N}} with {@value #COUNT_HEADER} saying whether the backend's upstream
 * counted ({@code exact}) or the count is an {@code estimate}. Errors in the Anthropic shape.
 */
final class CountTokensHandler implements Handler<RoutingContext> {

    /** The response header that tells an exact count from an estimate. */
    static final String COUNT_HEADER = "x-junction-token-count";

    private final TokenCountDialect dialect;
    private final ModelRouter router;
    private final BackendCalls calls;

    CountTokensHandler(TokenCountDialect dialect, ModelRouter router, BackendCalls calls) {
        this.dialect = dialect;
        this.router = router;
        this.calls = calls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestIntake.accept(
                        ctx,
                        dialect.family(),
                        dialect.name(),
                        router,
                        body -> dialect.decodeCountTokens(body)
                                .fromClient(dialect.name(), ProviderHeaders.of(ctx.request().headers())),
                        decoded -> decoded.request().model())
                .ifPresent(routed -> calls.countTokens(
                                routed.route().backendId(),
                                routed.request().withModel(routed.route().model()).request())
                        .onSuccess(count -> {
                            ctx.response().putHeader(COUNT_HEADER, count.exact() ? "exact" : "estimate");
                            RequestIntake.reply(ctx, dialect.tokenCount(count));
                        })
                        .onFailure(failure -> ErrorResponses.send(ctx, dialect.family(), ErrorResponses.of(dialect.family(), failure))));
    }
}
