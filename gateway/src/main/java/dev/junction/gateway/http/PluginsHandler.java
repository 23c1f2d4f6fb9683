package dev.junction.gateway.http;

import dev.junction.gateway.backend.PluginInfo;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.openai.OpenAiFamily;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/plugins} and {@code POST /admin/plugins/reload}: each JAR of the plugin folder
 * as {@code {"plugins":[{"id","version","state","file","backends","error"}]}}, where
 * {@code backends} are the configured backends whose {@code plugin} is that id; the reload rescans
 * the folder first ({@link PluginAdmin#rescan}). The work runs off the event loop.
 */
final class PluginsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PluginsHandler.class);

    private final PluginAdmin plugins;
    private final List<BackendConfig> backends;

    PluginsHandler(PluginAdmin plugins, Collection<BackendConfig> backends) {
        this.plugins = plugins;
        this.backends = List.copyOf(backends);
    }

    void list(RoutingContext ctx) {
        answer(ctx, plugins.plugins(), "listed");
    }

    void reload(RoutingContext ctx) {
        answer(ctx, plugins.rescan(), "reloaded");
    }

    private void answer(RoutingContext ctx, Future<List<PluginInfo>> listed, String done) {
        listed.onComplete(result -> {
            if (ctx.response().closed()) {
                return;
            }
            if (result.succeeded()) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body(result.result()).toBuffer());
            } else {
                LOG.error("The plugins could not be {}", done, result.cause());
                ErrorResponses.send(ctx, OpenAiFamily.INSTANCE, ApiError.of(500,
                        "The plugins could not be " + done + ": " + result.cause().getMessage()));
            }
        });
    }

    private JsonObject body(List<PluginInfo> listed) {
        JsonArray entries = new JsonArray();
        listed.forEach(plugin -> entries.add(new JsonObject()
                .put("id", plugin.id())
                .put("version", plugin.version())
                .put("state", plugin.state())
                .put("file", plugin.file())
                .put("backends", new JsonArray(backends.stream()
                        .filter(backend -> backend.plugin().equals(plugin.id()))
                        .map(BackendConfig::id)
                        .toList()))
                .put("error", plugin.error())));
        return new JsonObject().put("plugins", entries);
    }
}
