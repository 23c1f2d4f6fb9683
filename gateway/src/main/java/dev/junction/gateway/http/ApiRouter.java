package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.Endpoint;
import dev.junction.gateway.dialect.Service;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.http.ApiEndpoints.Declared;
import dev.junction.gateway.resilience.ResilientCalls;
import dev.junction.gateway.route.ModelRouter;
import dev.junction.gateway.state.ResponseHistory;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: {@code /health}, the {@link AdminEndpoints} (before the API keys are asked for),
 * the routes of {@link ApiEndpoints}, each with the handler its kind names, then 405 and 404 for
 * what no endpoint serves and one failure handler, all in the dialect of the path's family.
 */
final class ApiRouter {

    private static final String ROOT_BODY =
            "{\"name\":\"junction\",\"openai\":\"/v1\",\"anthropic\":\"/anthropic/v1\"}";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final GatewayConfig config;
    private final ModelsHandler models;
    private final HealthHandler health;
    private final ModelRouter modelRouter;
    private final BackendCalls calls;
    private final ResilientCalls chats;
    private final Map<ApiFamily, RateLimitHandler> limits = new HashMap<>();
    private final ResponsesHandler responses;
    private final ResponseHistory history;
    private final DroppedTools droppedTools;
    private final PluginAdmin plugins;

    private ApiRouter(Vertx vertx, GatewayConfig config, NodeServices node) {
        this.config = config;
        Map<String, List<String>> backendModels = new LinkedHashMap<>();
        config.backends().forEach((id, backend) -> backendModels.put(id, backend.models()));
        this.modelRouter = new ModelRouter(backendModels);
        this.calls = new BackendCalls(vertx, node.nodes());
        this.chats = new ResilientCalls(
                vertx, node.nodes(), config.backends(), node.breakers(), node.deadlines(), node.metrics(),
                node.signatures());
        List<BackendConfig> backends = new ArrayList<>(config.backends().values());
        this.models = new ModelsHandler(modelRouter, node.cluster(), new ArrayList<>(config.backends().keySet()));
        this.health = new HealthHandler(backends, node.cluster(), node.breakers(), node.host()::plugins);
        ApiEndpoints.families().forEach(family ->
                limits.put(family, new RateLimitHandler(node.limiter(), family, RateLimitHeaders.of(family))));
        this.responses = new ResponsesHandler(node.responses());
        this.history = new ResponseHistory(vertx, node.responses());
        this.droppedTools = DroppedTools.of(config.backends());
        this.plugins = node.plugins();
    }

    /**
     * Adds the routes of {@code config}'s HTTP surface to {@code router}, after whatever it routes
     * first (one router rather than a sub-router: every request crosses it).
     */
    static Router addTo(Router router, Vertx vertx, GatewayConfig config, NodeServices node) {
        return new ApiRouter(vertx, config, node).build(router);
    }

    private Router build(Router router) {
        router.get(RouteCoverage.HEALTH).handler(health);
        AdminEndpoints.addTo(router, config, plugins);
        UnreadBody unread = new UnreadBody(config.server().maxBodyBytes());
        router.route().handler(AuthHandler.create(config.auth(), unread));
        router.get().handler(new WebSocketRefusal());
        router.post().handler(new JsonContent(unread));
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.server().maxBodyBytes());
        for (Declared declared : ApiEndpoints.routes()) {
            Handler<RoutingContext> handler = handler(declared);
            if (declared.first().jsonBody()) {
                // The key's limits before the body is read: a route of their own, as a route may not
                // read its body after a handler of its own.
                route(router, declared).handler(ctx -> limits.get(ApiEndpoints.familyOf(ctx)).handle(ctx));
                route(router, declared).handler(body).handler(JsonBody::parseLargeOffLoop).handler(handler);
            } else {
                route(router, declared).handler(handler);
            }
        }
        router.route().handler(ApiRouter::unknownEndpoint);
        router.route().failureHandler(this::failed);
        return router;
    }

    private static Route route(Router router, Declared declared) {
        Endpoint endpoint = declared.first();
        Route route = endpoint.takesId()
                ? router.routeWithRegex(endpoint.method(), endpoint.pathRegex())
                : router.route(endpoint.method(), endpoint.path());
        return route.setName(declared.routeName());
    }

    /** The handler of a route: its one endpoint's, or the one of the endpoint whose family claims the request. */
    private Handler<RoutingContext> handler(Declared route) {
        if (route.endpoints().size() == 1) {
            return handler(route.first());
        }
        Map<Endpoint, Handler<RoutingContext>> handlers = new HashMap<>();
        route.endpoints().forEach(endpoint -> handlers.put(endpoint, handler(endpoint)));
        return ctx -> handlers.get(route.endpoint(ctx.request().headers())).handle(ctx);
    }

    private Handler<RoutingContext> handler(Endpoint endpoint) {
        Service service = endpoint.service();
        long keepAliveMillis = config.server().keepAliveSeconds() * 1000L;
        if (service instanceof Service.Chat chat) {
            return new ChatHandler(chat.dialect(), modelRouter, chats, keepAliveMillis, droppedTools);
        } else if (service instanceof Service.StoredChat stored) {
            return new ChatHandler(stored.dialect(), modelRouter, chats, keepAliveMillis, droppedTools,
                    new ResponseContinuation(history, endpoint.family()));
        } else if (service instanceof Service.Embeddings embeddings) {
            return new EmbeddingsHandler(embeddings.dialect(), modelRouter, calls);
        } else if (service instanceof Service.CountTokens count) {
            return new CountTokensHandler(count.dialect(), modelRouter, calls);
        }
        ApiFamily family = endpoint.family();
        return switch ((Service.Fixed) service) {
            case MODEL_LIST -> ctx -> models.list(ctx, family);
            case MODEL -> ctx -> models.get(ctx, family, ctx.pathParam("id"));
            case ROOT -> ApiRouter::root;
            case RESPONSE -> ctx -> responses.get(ctx, family, ctx.pathParam("id"));
            case DELETE_RESPONSE -> ctx -> responses.delete(ctx, family, ctx.pathParam("id"));
            case RESPONSE_INPUT_ITEMS -> ctx -> responses.inputItems(ctx, family, ctx.pathParam("id"));
        };
    }

    /** The base URL: 200 and where each API lives (HEAD gets the headers alone). */
    private static void root(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(ROOT_BODY);
    }

    /** No route served the request: 405 naming the allowed methods for a known path, else 404. */
    private static void unknownEndpoint(RoutingContext ctx) {
        String allowed = ApiEndpoints.at(ctx.normalizedPath()).stream()
                .map(endpoint -> endpoint.method().name())
                .distinct()
                .collect(Collectors.joining(", "));
        refuseUnknown(ctx, ApiEndpoints.familyOf(ctx), allowed);
    }

    /** 405 naming the {@code allowed} methods (comma-separated), or 404 when there are none, in {@code family}'s shape. */
    static void refuseUnknown(RoutingContext ctx, ApiFamily family, String allowed) {
        String asked = ctx.request().method().name() + " " + UserText.shorten(ctx.request().path());
        if (allowed.isEmpty()) {
            ErrorResponses.send(ctx, family, ApiError.of(404, "Unknown endpoint: " + asked));
            return;
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
        ErrorResponses.send(ctx, family, ApiError.of(405, "Method not allowed: " + asked + " (allowed: " + allowed + ")."));
    }

    /**
     * A route failed: a client error (a body over the limit, a body whose framing broke) is that
     * 4xx, logged without a stack trace; anything else is a 500, logged once.
     */
    private void failed(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return; // answered already (a stalled body's 408), or the client left mid-body
        }
        ApiFamily family = ApiEndpoints.familyOf(ctx);
        int status = ctx.statusCode();
        if (status == 413) {
            ErrorResponses.send(ctx, family, ApiError.of(
                    413, "The request body is larger than the limit of " + config.server().maxBodyBytes() + " bytes."));
        } else if (MalformedRequests.bodyUnreadable(ctx)) {
            LOG.debug("Request {} {}: its body could not be read: {}", ctx.request().method(),
                    UserText.shorten(ctx.request().path()), String.valueOf(ctx.failure()));
            MalformedRequests.refuse(ctx, family,
                    ApiError.invalidRequest("The request body is malformed: its framing is not valid HTTP.", null));
        } else if (status >= 400 && status < 500) {
            ErrorResponses.send(ctx, family, ApiError.of(status, "The request was refused (HTTP " + status + ")."));
        } else {
            LOG.error("Request {} {} failed", ctx.request().method(), UserText.shorten(ctx.request().path()), ctx.failure());
            ErrorResponses.send(ctx, family, ApiError.of(500, "The gateway failed to handle the request."));
        }
    }
}
