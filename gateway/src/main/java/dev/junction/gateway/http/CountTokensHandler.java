package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.anthropic.AnthropicDialect;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
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

    private final AnthropicDialect dialect;
    private final ModelRouter router;
    private final BackendCalls calls;

    CountTokensHandler(AnthropicDialect dialect, ModelRouter router, BackendCalls calls) {
        this.dialect = dialect;
        this.router = router;
        this.calls = calls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        DecodedRequest decoded;
        try {
            decoded = dialect.decodeCountTokens(JsonBody.read(ctx))
                    .fromClient(dialect.name(), ProviderHeaders.of(ctx.request().headers()));
        } catch (JsonBody.Rejected e) {
            ErrorResponses.send(ctx, dialect, e.error);
            return;
        } catch (InvalidRequestException e) {
            ErrorResponses.send(ctx, dialect, ApiError.invalidRequest(e.getMessage(), e.param()));
            return;
        }
        String model = decoded.request().model();
        ModelRouter.Route route = router.route(model).orElse(null);
        if (route == null) {
            ErrorResponses.send(ctx, dialect, ErrorResponses.unknownModel(router, model));
            return;
        }
        calls.countTokens(route.backendId(), decoded.withModel(route.model()).request())
                .onSuccess(count -> {
                    if (!ctx.response().closed()) {
                        ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .putHeader(COUNT_HEADER, count.exact() ? "exact" : "estimate")
                                .end(dialect.tokenCount(count).toBuffer());
                    }
                })
                .onFailure(failure -> ErrorResponses.send(ctx, dialect, ErrorResponses.of(dialect, failure)));
    }
}
