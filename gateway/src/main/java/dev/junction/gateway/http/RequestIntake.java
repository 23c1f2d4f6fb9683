package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps every model request takes first: read the JSON body, decode it in the caller's
 * dialect (or only peek at it, for a relayed request), check the API key may use its model, route
 * its model. A step that fails answers the client in that dialect (400, 403, 404,
 * 413) and the request goes no further.
 */
final class RequestIntake {

    /** A decoded request and the backend its model routes to. */
    record Routed<T>(T request, ModelRouter.Route route) {}

    private RequestIntake() {}

    /**
     * @param family whose error shape answers a refusal
     * @param dialect the endpoint's dialect name, for the access log and the metrics
     * @param decoder the dialect's decoder for this endpoint
     * @param model the model name a decoded request asks for
     * @return the routed request, or empty when the client has been answered with an error
     */
    static <T> Optional<Routed<T>> accept(
            RoutingContext ctx,
            ApiFamily family,
            String dialect,
            ModelRouter router,
            Function<JsonObject, T> decoder,
            Function<T, String> model) {
        RequestFacts facts = RequestFacts.of(ctx);
        facts.dialect = dialect;
        T decoded;
        try {
            decoded = decoder.apply(JsonBody.read(ctx));
        } catch (JsonBody.Rejected e) {
            ErrorResponses.send(ctx, family, e.error);
            return Optional.empty();
        } catch (InvalidRequestException e) {
            ErrorResponses.send(ctx, family, ApiError.invalidRequest(e.getMessage(), e.param()));
            return Optional.empty();
        }
        return route(ctx, family, router, model.apply(decoded)).map(route -> new Routed<>(decoded, route));
    }

    /**
     * The steps after decoding, for a request read without decoding it (a relayed one): check the
     * API key may use {@code model}, route it.
     *
     * @param dialect the endpoint's dialect name, for the access log and the metrics
     * @return the route, or empty when the client has been answered with an error
     */
    static Optional<ModelRouter.Route> route(
            RoutingContext ctx, ApiFamily family, String dialect, ModelRouter router, String model) {
        RequestFacts.of(ctx).dialect = dialect;
        return route(ctx, family, router, model);
    }

    private static Optional<ModelRouter.Route> route(RoutingContext ctx, ApiFamily family, ModelRouter router, String name) {
        RequestFacts facts = RequestFacts.of(ctx);
        facts.model = UserText.shorten(name);
        if (!AuthHandler.allows(ctx, family, name)) {
            return Optional.empty();
        }
        Optional<ModelRouter.Route> route = router.route(name);
        if (route.isEmpty()) {
            ErrorResponses.send(ctx, family, ErrorResponses.unknownModel(router, name));
            return Optional.empty();
        }
        facts.backend = route.get().backendId();
        facts.route = route.get().pattern();
        return route;
    }

    /** Answers {@code body} as JSON with status 200, unless the client has gone. */
    static void reply(RoutingContext ctx, JsonObject body) {
        if (!ctx.response().closed() && !ctx.response().ended()) {
            ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
        }
    }
}
