package dev.junction.gateway.http;

import dev.junction.gateway.cluster.ClusterHealth;
import dev.junction.gateway.cluster.ClusterView;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.resilience.CircuitBreakers;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /health}: 200 while the gateway serves, with the cluster's view of each backend and
 * of each live node ({@link ClusterHealth}), asked of every node within
 * {@link ClusterView#HEALTH_TIMEOUT}. The circuit of a backend is this node's circuit breaker
 * ({@code closed}, {@code open}, {@code half_open}); an open one makes the backend unavailable here.
 */
final class HealthHandler implements Handler<RoutingContext> {

    private final List<BackendConfig> backends;
    private final ClusterView cluster;
    private final Function<String, String> openCircuit;

    HealthHandler(List<BackendConfig> backends, ClusterView cluster, CircuitBreakers breakers) {
        this.backends = List.copyOf(backends);
        this.cluster = cluster;
        Map<String, Integer> resetSeconds = backends.stream().collect(Collectors.toMap(
                BackendConfig::id, backend -> backend.resilience().circuitBreaker().resetSeconds()));
        this.openCircuit = id -> breakers.openReason(id) + "; a trial request goes through "
                + resetSeconds.get(id) + " s after it opened";
    }

    @Override
    public void handle(RoutingContext ctx) {
        cluster.ask(ClusterView.HEALTH_TIMEOUT).onSuccess(snapshot -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(ClusterHealth.of(backends, snapshot, openCircuit).toBuffer()));
    }
}
