package dev.junction.gateway.http;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.bus.BackendDirectory;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.resilience.CircuitBreakers;
import dev.junction.plugin.Availability;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /health}: 200 while the gateway serves, with each backend's plugin, status, circuit
 * ({@code closed}, {@code open}, {@code half_open}: this node's circuit breaker) and, when
 * unavailable, the reason. A backend this node could not start reports this node's reason unless
 * another node runs it; an open circuit makes a backend unavailable (with the circuit's reason when
 * the backend has none of its own).
 */
final class HealthHandler implements Handler<RoutingContext> {

    private final List<BackendConfig> backends;
    private final BackendDirectory directory;
    private final BackendHost host;
    private final CircuitBreakers breakers;

    HealthHandler(List<BackendConfig> backends, BackendDirectory directory, BackendHost host, CircuitBreakers breakers) {
        this.backends = List.copyOf(backends);
        this.directory = directory;
        this.host = host;
        this.breakers = breakers;
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<Future<JsonObject>> states = backends.stream().map(this::state).toList();
        Future.all(states).onSuccess(done -> {
            JsonObject byId = new JsonObject();
            for (int i = 0; i < backends.size(); i++) {
                byId.put(backends.get(i).id(), states.get(i).result());
            }
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("status", "ok").put("backends", byId).toBuffer());
        });
    }

    private Future<JsonObject> state(BackendConfig backend) {
        return directory.info(backend.id()).map(info -> {
            Availability availability = info.availability();
            String reason = !info.hosted() ? host.failure(backend.id()).orElse(availability.reason()) : availability.reason();
            CircuitBreakerState circuit = breakers.state(backend.id());
            boolean open = circuit == CircuitBreakerState.OPEN;
            JsonObject state = new JsonObject()
                    .put("plugin", backend.plugin())
                    .put("status", availability.available() && !open ? "available" : "unavailable")
                    .put("circuit", circuit.name().toLowerCase(Locale.ROOT));
            if (open && availability.available()) {
                return state.put("reason", breakers.openReason(backend.id()) + "; a trial request goes through "
                        + backend.resilience().circuitBreaker().resetSeconds() + " s after it opened");
            }
            return availability.available() && !open ? state : state.put("reason", reason);
        });
    }
}
