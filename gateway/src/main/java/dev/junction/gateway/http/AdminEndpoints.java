package dev.junction.gateway.http;

import dev.junction.gateway.config.AdminKey;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.dialect.openai.OpenAiFamily;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's endpoints under {@code /admin/}: {@code GET /admin/plugins} and
 * {@code POST /admin/plugins/reload} ({@link PluginsHandler}). They are served only when
 * {@code auth.adminKey} is set, and only to requests that present it ({@link AdminKeyCheck}); without
 * it no route is added, and {@code /admin/...} is an unknown path like any other. They are not API
 * endpoints: no API key opens them, and the keys' model lists and limits do not apply. Their errors
 * are in the OpenAI shape.
 */
final class AdminEndpoints {

    static final String PLUGINS = "/admin/plugins";
    static final String RELOAD = "/admin/plugins/reload";
    /** The paths of the routes {@link #addTo} adds ({@code /admin/*} is {@code /admin/} to the router). */
    static final Set<String> PATHS = Set.of("/admin/", PLUGINS, RELOAD);

    private static final String ALL = "/admin/*";
    /** The endpoint names of the access log and metrics, by path: each path has one method. */
    private static final Map<String, Named> ENDPOINTS = Map.of(
            PLUGINS, new Named(HttpMethod.GET, "admin_plugins"),
            RELOAD, new Named(HttpMethod.POST, "admin_plugins_reload"));

    private record Named(HttpMethod method, String name) {}

    private AdminEndpoints() {}

    /** Adds the admin routes to {@code router} when {@code config} sets an admin key; else nothing. */
    static void addTo(Router router, GatewayConfig config, PluginAdmin plugins) {
        Optional<AdminKey> key = config.auth().adminKey();
        if (key.isEmpty()) {
            return;
        }
        PluginsHandler handler = new PluginsHandler(plugins);
        router.route(ALL).handler(new AdminKeyCheck(key.get()));
        router.get(PLUGINS).handler(handler::list);
        router.post(RELOAD).handler(handler::reload);
        router.route(ALL).handler(AdminEndpoints::unknown);
    }

    /** The access log's and the metrics' name of an admin endpoint; empty for any other request. */
    static Optional<String> name(HttpMethod method, String normalizedPath) {
        return Optional.ofNullable(ENDPOINTS.get(normalizedPath))
                .filter(named -> named.method().equals(method))
                .map(Named::name);
    }

    /** 405 naming the method for a known admin path asked with another, else 404. */
    private static void unknown(RoutingContext ctx) {
        Named known = ENDPOINTS.get(ctx.normalizedPath());
        ApiRouter.refuseUnknown(ctx, OpenAiFamily.INSTANCE, known == null ? "" : known.method().name());
    }
}
