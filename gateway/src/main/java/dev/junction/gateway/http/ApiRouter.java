package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.http.ApiEndpoints.Endpoint;
import dev.junction.gateway.http.ApiEndpoints.Family;
import dev.junction.gateway.resilience.ResilientCalls;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: the routes of {@link ApiEndpoints}, each with the handler its kind names, then
 * 405 and 404 for what no endpoint serves and one failure handler, all in the dialect of the path's
 * family.
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
    private final RateLimitHandler openAiLimits;
    private final RateLimitHandler anthropicLimits;
    private final DroppedTools droppedTools;

    private ApiRouter(Vertx vertx, GatewayConfig config, NodeServices node) {
        this.config = config;
        Map<String, List<String>> backendModels = new LinkedHashMap<>();
        config.backends().forEach((id, backend) -> backendModels.put(id, backend.models()));
        this.modelRouter = new ModelRouter(backendModels);
        this.calls = new BackendCalls(vertx, node.nodes());
        this.chats = new ResilientCalls(
                vertx, node.nodes(), config.backends(), node.breakers(), node.deadlines(), node.metrics());
        List<BackendConfig> backends = new ArrayList<>(config.backends().values());
        this.models = new ModelsHandler(modelRouter, node.cluster(), new ArrayList<>(config.backends().keySet()));
        this.health = new HealthHandler(backends, node.cluster(), node.breakers());
        this.openAiLimits = new RateLimitHandler(node.limiter(), ApiEndpoints.OPENAI_DIALECT, RateLimitHeaders.OPENAI);
        this.anthropicLimits =
                new RateLimitHandler(node.limiter(), ApiEndpoints.ANTHROPIC_DIALECT, RateLimitHeaders.ANTHROPIC);
        this.droppedTools = DroppedTools.of(config.backends());
    }

    /**
     * Adds the routes of {@code config}'s HTTP surface to {@code router}, after whatever it routes
     * first (one router rather than a sub-router: every request crosses it).
     */
    static Router addTo(Router router, Vertx vertx, GatewayConfig config, NodeServices node) {
        return new ApiRouter(vertx, config, node).build(router);
    }

    private Router build(Router router) {
        router.get("/health").handler(health);
        router.route().handler(AuthHandler.create(config.auth()));
        WebSocketRefusal.PATHS.forEach(path -> router.get(path).handler(new WebSocketRefusal()));
        router.post().handler(new JsonContent());
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.server().maxBodyBytes());
        for (Endpoint endpoint : ApiEndpoints.ALL) {
            Handler<RoutingContext> handler = handler(endpoint);
            if (endpoint.jsonBody()) {
                // The key's limits before the body is read: a route of their own, as a route may not
                // read its body after a handler of its own.
                route(router, endpoint).handler(endpoint.family() == Family.ANTHROPIC ? anthropicLimits : openAiLimits);
                route(router, endpoint).handler(body).handler(JsonBody::parseLargeOffLoop).handler(handler);
            } else {
                route(router, endpoint).handler(handler);
            }
        }
        router.route().handler(ApiRouter::unknownEndpoint);
        router.route().failureHandler(this::failed);
        return router;
    }

    private static Route route(Router router, Endpoint endpoint) {
        return endpoint.takesId()
                ? router.routeWithRegex(endpoint.method(), endpoint.pathRegex())
                : router.route(endpoint.method(), endpoint.path());
    }

    private Handler<RoutingContext> handler(Endpoint endpoint) {
        long keepAliveMillis = config.server().keepAliveSeconds() * 1000L;
        return switch (endpoint.kind()) {
            case CHAT -> new ChatHandler(chatDialect(endpoint), modelRouter, chats, keepAliveMillis, droppedTools);
            case EMBEDDINGS -> new EmbeddingsHandler(ApiEndpoints.OPENAI_DIALECT, modelRouter, calls);
            case COUNT_TOKENS -> new CountTokensHandler(ApiEndpoints.ANTHROPIC_DIALECT, modelRouter, calls);
            case MODEL_LIST -> ctx -> models.list(ctx, endpoint.family().dialect(ctx.request()));
            case MODEL -> ctx -> models.get(ctx, endpoint.family().dialect(ctx.request()), ctx.pathParam("id"));
            case ROOT -> ApiRouter::root;
        };
    }

    /** The dialect of a chat endpoint (provisional until endpoints name their dialect: issue 12, point 1). */
    private static Dialect chatDialect(Endpoint endpoint) {
        if (endpoint.name().equals("responses")) {
            return ApiEndpoints.RESPONSES_DIALECT;
        }
        return endpoint.family() == Family.ANTHROPIC ? ApiEndpoints.ANTHROPIC_DIALECT : ApiEndpoints.OPENAI_DIALECT;
    }

    /** The base URL: 200 and where each API lives (HEAD gets the headers alone). */
    private static void root(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(ROOT_BODY);
    }

    /** No route served the request: 405 naming the allowed methods for a known path, else 404. */
    private static void unknownEndpoint(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Dialect dialect = ApiEndpoints.dialectOf(ctx);
        String allowed = ApiEndpoints.at(path).stream()
                .map(endpoint -> endpoint.method().name())
                .distinct()
                .collect(Collectors.joining(", "));
        String asked = ctx.request().method().name() + " " + UserText.shorten(ctx.request().path());
        if (allowed.isEmpty()) {
            ErrorResponses.send(ctx, dialect, ApiError.of(404, "Unknown endpoint: " + asked));
            return;
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
        ErrorResponses.send(ctx, dialect, ApiError.of(405, "Method not allowed: " + asked + " (allowed: " + allowed + ")."));
    }

    /**
     * A route failed: a client error (a body over the limit, a body whose framing broke) is that
     * 4xx, logged without a stack trace; anything else is a 500, logged once.
     */
    private void failed(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return; // answered already (a stalled body's 408), or the client left mid-body
        }
        Dialect dialect = ApiEndpoints.dialectOf(ctx);
        int status = ctx.statusCode();
        if (status == 413) {
            ErrorResponses.send(ctx, dialect, ApiError.of(
                    413, "The request body is larger than the limit of " + config.server().maxBodyBytes() + " bytes."));
        } else if (MalformedRequests.bodyUnreadable(ctx)) {
            LOG.debug("Request {} {}: its body could not be read: {}", ctx.request().method(),
                    UserText.shorten(ctx.request().path()), String.valueOf(ctx.failure()));
            MalformedRequests.refuse(ctx, dialect,
                    ApiError.invalidRequest("The request body is malformed: its framing is not valid HTTP.", null));
        } else if (status >= 400 && status < 500) {
            ErrorResponses.send(ctx, dialect, ApiError.of(status, "The request was refused (HTTP " + status + ")."));
        } else {
            LOG.error("Request {} {} failed", ctx.request().method(), UserText.shorten(ctx.request().path()), ctx.failure());
            ErrorResponses.send(ctx, dialect, ApiError.of(500, "The gateway failed to handle the request."));
        }
    }
}
