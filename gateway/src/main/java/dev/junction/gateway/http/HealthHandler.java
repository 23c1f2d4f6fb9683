package dev.junction.gateway.http;

import dev.junction.gateway.backend.PluginInfo;
import dev.junction.gateway.cluster.ClusterHealth;
import dev.junction.gateway.cluster.ClusterView;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.resilience.CircuitBreakers;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /health}: 200 while the gateway serves, with the cluster's view of each backend and
 * of each live node ({@link ClusterHealth}), asked of every node within
 * {@link ClusterView#HEALTH_TIMEOUT}. The circuit of a backend is this node's circuit breaker
 * ({@code closed}, {@code open}, {@code half_open}); an open one makes the backend unavailable here.
 * {@code plugins}: each JAR of this node's plugin folder with its plugin id, version, state and, when
 * it does not serve, the reason ({@link PluginInfo}).
 */
final class HealthHandler implements Handler<RoutingContext> {

    private final List<BackendConfig> backends;
    private final ClusterView cluster;
    private final Function<String, String> openCircuit;
    private final Supplier<List<PluginInfo>> plugins;

    HealthHandler(
            List<BackendConfig> backends, ClusterView cluster, CircuitBreakers breakers, Supplier<List<PluginInfo>> plugins) {
        this.backends = List.copyOf(backends);
        this.cluster = cluster;
        this.plugins = plugins;
        Map<String, Integer> resetSeconds = backends.stream().collect(Collectors.toMap(
                BackendConfig::id, backend -> backend.resilience().circuitBreaker().resetSeconds()));
        this.openCircuit = id -> breakers.openReason(id) + "; a trial request goes through "
                + resetSeconds.get(id) + " s after it opened";
    }

    @Override
    public void handle(RoutingContext ctx) {
        cluster.ask(ClusterView.HEALTH_TIMEOUT).onSuccess(snapshot -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(ClusterHealth.of(backends, snapshot, openCircuit)
                        .put("plugins", plugins())
                        .toBuffer()));
    }

    private JsonArray plugins() {
        JsonArray plugins = new JsonArray();
        this.plugins.get().forEach(plugin -> {
            JsonObject json = new JsonObject().put("file", plugin.file()).put("state", plugin.state());
            putIfPresent(json, "id", plugin.id());
            putIfPresent(json, "version", plugin.version());
            putIfPresent(json, "error", plugin.error());
            plugins.add(json);
        });
        return plugins;
    }

    private static void putIfPresent(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
