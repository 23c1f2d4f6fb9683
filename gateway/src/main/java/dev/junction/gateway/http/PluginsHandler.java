package dev.junction.gateway.http;

import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.openai.OpenAiFamily;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/plugins} and {@code POST /admin/plugins/reload}: each JAR of the plugin folder
 * as {@code {"plugins":[{"id","version","state","file","backends","error"}]}}, where
 * {@code backends} are the backends of the configuration in force whose {@code plugin} is that id;
 * the reload rescans the folder first ({@link PluginAdmin#rescan}). The work runs off the event
 * loop. Both wait for a reload under way; one that takes too long does not hold the caller: a
 * listing not done within {@link #LIST_WAIT} is 503 with {@code Retry-After}, a rescan not done
 * within {@link #RESCAN_WAIT} 504 (it goes on; a later listing shows its outcome).
 */
final class PluginsHandler {

    static final Duration LIST_WAIT = Duration.ofSeconds(10);
    static final Duration RESCAN_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(PluginsHandler.class);

    private final PluginAdmin plugins;

    PluginsHandler(PluginAdmin plugins) {
        this.plugins = plugins;
    }

    void list(RoutingContext ctx) {
        answer(ctx, plugins.plugins(), LIST_WAIT, "listed", new ApiError(503,
                "The plugins could not be listed within " + LIST_WAIT.toSeconds() + " s: a reload is under way.", null, 1));
    }

    void reload(RoutingContext ctx) {
        answer(ctx, plugins.rescan(), RESCAN_WAIT, "reloaded", ApiError.of(504,
                "The rescan did not finish within " + RESCAN_WAIT.toSeconds() + " s; it goes on, and GET /admin/plugins"
                        + " shows its outcome once it is done."));
    }

    /** Answers with {@code listed} once done, or {@code late} after {@code wait}. */
    private void answer(RoutingContext ctx, Future<PluginAdmin.Listing> listed, Duration wait, String done, ApiError late) {
        listed.timeout(wait.toMillis(), TimeUnit.MILLISECONDS).onComplete(result -> {
            if (ctx.response().closed()) {
                return;
            }
            if (result.succeeded()) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body(result.result()).toBuffer());
            } else if (result.cause() instanceof TimeoutException) {
                ErrorResponses.send(ctx, OpenAiFamily.INSTANCE, late);
            } else {
                LOG.error("The plugins could not be {}", done, result.cause());
                ErrorResponses.send(ctx, OpenAiFamily.INSTANCE, ApiError.of(500,
                        "The plugins could not be " + done + ": " + result.cause().getMessage()));
            }
        });
    }

    private static JsonObject body(PluginAdmin.Listing listing) {
        JsonArray entries = new JsonArray();
        listing.plugins().forEach(plugin -> entries.add(new JsonObject()
                .put("id", plugin.id())
                .put("version", plugin.version())
                .put("state", plugin.state())
                .put("file", plugin.file())
                .put("backends", new JsonArray(listing.backends().stream()
                        .filter(backend -> backend.plugin().equals(plugin.id()))
                        .map(BackendConfig::id)
                        .toList()))
                .put("error", plugin.error())));
        return new JsonObject().put("plugins", entries);
    }
}
