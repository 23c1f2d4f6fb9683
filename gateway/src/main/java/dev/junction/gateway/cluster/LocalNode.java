package dev.junction.gateway.cluster;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.bus.Addresses;
import dev.junction.gateway.bus.BackendDirectory;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.resilience.CircuitBreakers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * This node as the cluster sees it: its id, HTTP address, start time, whether it drains, and each
 * configured backend as it runs here (from the {@link BackendHost} and the backends' own answers)
 * with this node's circuit for it. Once {@link #serve serving}, it answers on
 * {@link Addresses#nodeInfo} with its {@link NodeReport}, within the time the asker gives (a field
 * {@value #WITHIN_FIELD} in milliseconds), of the backends it names (a field {@value #BACKENDS_FIELD};
 * all when absent). Thread-safe.
 */
public final class LocalNode {

    /** The field of a request on {@link Addresses#nodeInfo} that bounds how long the report may take. */
    static final String WITHIN_FIELD = "withinMillis";

    /** The field of a request on {@link Addresses#nodeInfo} that names the backends to report, when not all. */
    static final String BACKENDS_FIELD = "backends";

    private static final Duration MAX_WITHIN = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final String id;
    private final Instant upSince = Instant.now();
    private final BackendHost host;
    private final CircuitBreakers breakers;
    private final BackendDirectory directory;
    private volatile List<BackendConfig> backends;
    private volatile String address = "";
    private volatile boolean draining;
    private volatile MessageConsumer<JsonObject> consumer;

    /** @param backends the configured backends, in configuration order */
    public LocalNode(Vertx vertx, String id, BackendHost host, CircuitBreakers breakers, Collection<BackendConfig> backends) {
        this.vertx = vertx;
        this.id = id;
        this.host = host;
        this.breakers = breakers;
        this.directory = new BackendDirectory(vertx);
        this.backends = List.copyOf(backends);
    }

    public String id() {
        return id;
    }

    /** Starts answering on this node's address, as the node whose HTTP server listens at {@code address} ({@code host:port}). */
    public Future<Void> serve(String address) {
        this.address = address;
        MessageConsumer<JsonObject> listening = vertx.eventBus().consumer(Addresses.nodeInfo(id), this::answer);
        consumer = listening;
        return listening.completion();
    }

    /** The backends of a reloaded configuration, reported from now on. */
    public void reconfigure(Collection<BackendConfig> next) {
        backends = List.copyOf(next);
    }

    /** Reports this node as draining from now on. */
    public void drain() {
        draining = true;
    }

    /** Stops answering on this node's address. */
    public Future<Void> close() {
        MessageConsumer<JsonObject> listening = consumer;
        return listening == null ? Future.succeededFuture() : listening.unregister();
    }

    /**
     * This node's report of the configured backends {@code wanted} accepts (by id), each backend's
     * answer bounded by {@code within}; never fails.
     */
    public Future<NodeReport> report(Duration within, Predicate<String> wanted) {
        List<BackendConfig> configured = backends.stream().filter(backend -> wanted.test(backend.id())).toList();
        List<Future<NodeReport.Hosting>> states = configured.stream().map(backend -> hosting(backend, within)).toList();
        return Future.join(states).map(done -> {
            Map<String, NodeReport.Hosting> byId = new LinkedHashMap<>();
            for (int i = 0; i < configured.size(); i++) {
                byId.put(configured.get(i).id(), states.get(i).result());
            }
            return new NodeReport(id, address, upSince, draining, byId);
        });
    }

    private Future<NodeReport.Hosting> hosting(BackendConfig backend, Duration within) {
        String circuit = breakers.state(backend.id()).name().toLowerCase(Locale.ROOT);
        return host.failure(backend.id())
                .map(failure -> Future.succeededFuture(new NodeReport.Hosting(backend.plugin(), false, failure, circuit, List.of())))
                .orElseGet(() -> directory.local(backend.id(), within).map(info -> new NodeReport.Hosting(
                        backend.plugin(),
                        info.availability().available(),
                        info.availability().available() ? null : info.availability().reason(),
                        circuit,
                        info.models())));
    }

    private void answer(Message<JsonObject> message) {
        long asked = message.body() != null && message.body().getValue(WITHIN_FIELD) instanceof Number millis
                ? millis.longValue()
                : 0;
        Duration within = Duration.ofMillis(Math.max(1, Math.min(asked, MAX_WITHIN.toMillis())));
        Predicate<String> wanted = message.body() != null && message.body().getValue(BACKENDS_FIELD) instanceof JsonArray named
                ? named.getList()::contains
                : id -> true;
        report(within, wanted).onSuccess(report -> message.reply(report.toJson()));
    }
}
