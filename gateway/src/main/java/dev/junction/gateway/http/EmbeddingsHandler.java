package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.dialect.DecodedEmbeddingRequest;
import dev.junction.gateway.dialect.EmbeddingsDialect;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST embeddings}: decode the request, route the model, and ask the backend to
 * embed; answer the vectors as numbers or base64, as the client asked. A backend that does not
 * embed answers 400 naming the model. Errors in the endpoint family's shape.
 */
final class EmbeddingsHandler implements Handler<RoutingContext> {

    private final EmbeddingsDialect dialect;
    private final ModelRouter router;
    private final BackendCalls calls;

    EmbeddingsHandler(EmbeddingsDialect dialect, ModelRouter router, BackendCalls calls) {
        this.dialect = dialect;
        this.router = router;
        this.calls = calls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestIntake.accept(ctx, dialect.family(), dialect.family().name(), router, dialect::decodeEmbeddings, decoded -> decoded.request().model())
                .ifPresent(routed -> {
                    DecodedEmbeddingRequest request = routed.request().withModel(routed.route().model());
                    calls.embed(routed.route().backendId(), request.request())
                            .onSuccess(embeddings -> {
                                RequestFacts.of(ctx).inputTokens = embeddings.inputTokens();
                                RequestIntake.reply(ctx, dialect.encodeEmbeddings(embeddings, request));
                            })
                            .onFailure(failure -> ErrorResponses.send(ctx, dialect.family(), ErrorResponses.of(dialect.family(), failure)));
                });
    }
}
