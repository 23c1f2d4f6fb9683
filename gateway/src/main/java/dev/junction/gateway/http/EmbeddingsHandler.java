package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.DecodedEmbeddingRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.openai.OpenAiDialect;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST embeddings}: decode the OpenAI request, route the model, and ask the backend to
 * embed; answer the vectors as numbers or base64, as the client asked. A backend that does not
 * embed answers 400 naming the model. Errors in the OpenAI shape.
 */
final class EmbeddingsHandler implements Handler<RoutingContext> {

    private final OpenAiDialect dialect;
    private final ModelRouter router;
    private final BackendCalls calls;

    EmbeddingsHandler(OpenAiDialect dialect, ModelRouter router, BackendCalls calls) {
        this.dialect = dialect;
        this.router = router;
        this.calls = calls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        DecodedEmbeddingRequest decoded;
        try {
            decoded = dialect.decodeEmbeddings(JsonBody.read(ctx));
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
        DecodedEmbeddingRequest routed = decoded.withModel(route.model());
        calls.embed(route.backendId(), routed.request())
                .onSuccess(embeddings -> {
                    if (!ctx.response().closed()) {
                        ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .end(dialect.encodeEmbeddings(embeddings, routed).toBuffer());
                    }
                })
                .onFailure(failure -> ErrorResponses.send(ctx, dialect, ErrorResponses.of(dialect, failure)));
    }
}
