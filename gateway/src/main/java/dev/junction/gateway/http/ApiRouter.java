package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.bus.BackendDirectory;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.anthropic.AnthropicDialect;
import dev.junction.gateway.dialect.openai.OpenAiDialect;
import dev.junction.gateway.policy.limit.RateLimiter;
import dev.junction.gateway.resilience.ResilientCalls;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP surface: which path speaks which dialect. */
final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final List<String> OPENAI_BASES = List.of("/v1", "/openai/v1");
    private static final List<String> ANTHROPIC_BASES = List.of("/anthropic/v1");

    private final OpenAiDialect openAi = new OpenAiDialect();
    private final AnthropicDialect anthropic = new AnthropicDialect();
    private final GatewayConfig config;
    private final ModelsHandler models;
    private final HealthHandler health;
    private final ModelRouter modelRouter;
    private final BackendCalls calls;
    private final RateLimiter limiter;
    private final ResilientCalls chats;

    private ApiRouter(Vertx vertx, GatewayConfig config, LongLived lasting) {
        this.config = config;
        this.limiter = lasting.limiter();
        Map<String, List<String>> backendModels = new LinkedHashMap<>();
        config.backends().forEach((id, backend) -> backendModels.put(id, backend.models()));
        this.modelRouter = new ModelRouter(backendModels);
        BackendDirectory directory = new BackendDirectory(vertx);
        this.calls = new BackendCalls(vertx);
        this.chats = new ResilientCalls(
                vertx, config.backends(), lasting.breakers(), lasting.deadlines(), lasting.recoveries());
        List<BackendConfig> backends = new ArrayList<>(config.backends().values());
        this.models = new ModelsHandler(modelRouter, directory, new ArrayList<>(config.backends().keySet()));
        this.health = new HealthHandler(backends, directory, lasting.host(), lasting.breakers());
    }

    /**
     * Adds the routes of {@code config}'s HTTP surface to {@code router}, after whatever it routes
     * first (one router rather than a sub-router: every request crosses it).
     */
    static Router addTo(Router router, Vertx vertx, GatewayConfig config, LongLived lasting) {
        return new ApiRouter(vertx, config, lasting).build(router);
    }

    private Router build(Router router) {
        router.get("/health").handler(health);
        router.route().handler(AuthHandler.create(config.auth()));
        router.post().handler(new JsonContent());
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.server().maxBodyBytes());
        long keepAliveMillis = config.server().keepAliveSeconds() * 1000L;

        ModelEndpoints openAiEndpoints = new ModelEndpoints(
                router, body, openAi, new RateLimitHandler(limiter, openAi, RateLimitHeaders.OPENAI));
        for (String base : OPENAI_BASES) {
            openAiEndpoints.add(base + "/chat/completions", new ChatHandler(openAi, modelRouter, chats, keepAliveMillis));
            openAiEndpoints.add(base + "/embeddings", new EmbeddingsHandler(openAi, modelRouter, calls));
        }
        ModelEndpoints anthropicEndpoints = new ModelEndpoints(
                router, body, anthropic, new RateLimitHandler(limiter, anthropic, RateLimitHeaders.ANTHROPIC));
        for (String path : List.of("/v1/messages", "/anthropic/v1/messages")) {
            anthropicEndpoints.add(path, new ChatHandler(anthropic, modelRouter, chats, keepAliveMillis));
            anthropicEndpoints.add(path + "/count_tokens", new CountTokensHandler(anthropic, modelRouter, calls));
        }

        // GET /v1/models serves both SDK families: Anthropic's always sends anthropic-version.
        router.get("/v1/models").handler(ctx -> models.list(ctx, dialectOf(ctx)));
        router.getWithRegex("/v1/models/(?<id>.+)").handler(ctx -> models.get(ctx, dialectOf(ctx), ctx.pathParam("id")));
        modelRoutes(router, "/openai/v1", openAi);
        ANTHROPIC_BASES.forEach(base -> modelRoutes(router, base, anthropic));

        router.route("/anthropic/*").handler(notFound(anthropic));
        router.route().handler(notFound(openAi));
        return router;
    }

    /**
     * How a model-serving {@code POST} is routed in one dialect: the key's limits before the body is
     * read (a route of their own: a route may not read its body after a handler of its own), then
     * the body, then the endpoint's handler, with failures in the dialect.
     */
    private final class ModelEndpoints {

        private final Router router;
        private final BodyHandler body;
        private final Dialect dialect;
        private final RateLimitHandler limits;

        ModelEndpoints(Router router, BodyHandler body, Dialect dialect, RateLimitHandler limits) {
            this.router = router;
            this.body = body;
            this.dialect = dialect;
            this.limits = limits;
        }

        void add(String path, Handler<RoutingContext> handler) {
            router.post(path).handler(limits);
            router.post(path).handler(body).handler(handler).failureHandler(failures(dialect));
        }
    }

    private void modelRoutes(Router router, String base, Dialect dialect) {
        router.get(base + "/models").handler(ctx -> models.list(ctx, dialect));
        router.getWithRegex(Pattern.quote(base) + "/models/(?<id>.+)")
                .handler(ctx -> models.get(ctx, dialect, ctx.pathParam("id")));
    }

    private Dialect dialectOf(RoutingContext ctx) {
        return ctx.request().headers().contains("anthropic-version") ? anthropic : openAi;
    }

    private static Handler<RoutingContext> notFound(Dialect dialect) {
        return ctx -> ErrorResponses.send(ctx, dialect, ApiError.of(
                404, "Unknown endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    }

    private Handler<RoutingContext> failures(Dialect dialect) {
        return ctx -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return; // answered already (a stalled body's 408), or the client left mid-body
            }
            if (ctx.statusCode() == 413) {
                ErrorResponses.send(ctx, dialect, ApiError.of(
                        413, "The request body is larger than the limit of " + config.server().maxBodyBytes() + " bytes."));
                return;
            }
            LOG.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            ErrorResponses.send(ctx, dialect, ApiError.of(500, "The gateway failed to handle the request."));
        };
    }
}
