package dev.junction.gateway.http;

import dev.junction.gateway.bus.BusExchange;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST chat/completions} and {@code POST messages}: decode in the caller's dialect, route
 * the model, open an exchange with the backend, and write its events back as JSON or SSE. A client
 * that disconnects cancels the exchange.
 */
final class ChatHandler implements Handler<RoutingContext> {

    private final Dialect dialect;
    private final ModelRouter router;

    ChatHandler(Dialect dialect, ModelRouter router) {
        this.dialect = dialect;
        this.router = router;
    }

    @Override
    public void handle(RoutingContext ctx) {
        DecodedRequest decoded;
        try {
            decoded = dialect.decode(JsonBody.read(ctx));
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
            ErrorResponses.send(ctx, dialect, unknownModel(model));
            return;
        }
        DecodedRequest routed = decoded.withModel(route.model());
        AnswerWriter answer = routed.stream()
                ? new StreamAnswer(ctx, dialect, routed)
                : new JsonAnswer(ctx, dialect, routed);
        BusExchange exchange = BusExchange.with(ctx.vertx(), route.backendId(), answer::write);
        ctx.response().closeHandler(closed -> exchange.cancel());
        exchange.send(routed.request());
    }

    private ApiError unknownModel(String model) {
        return new ApiError(
                404,
                "The model '" + model + "' does not exist. Available models: "
                        + String.join(", ", router.exactModels())
                        + " (or <backend>/<model>).",
                "model",
                null);
    }
}
