package dev.junction.gateway.backend;

import dev.junction.gateway.bus.Addresses;
import dev.junction.gateway.bus.NodeAnnouncement;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.plugin.Availability;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Tells the cluster what this node serves ({@link NodeAnnouncement}): every second, and at once when
 * the backends it runs change or it starts draining. A running backend whose availability says so
 * (asked each time, off the event loop when the backend blocks) is announced with its answers in
 * flight and the client dialects it relays; the other configured backends with why they are not served here. This node's own
 * {@link NodeDirectory} takes each announcement directly, the other nodes' over the bus.
 * {@link #announce} and {@link #drain} may be called from any thread.
 */
final class NodeAnnouncer extends VerticleBase {

    /** How often a node announces itself. */
    static final long EVERY_MS = 1_000;

    private final NodeDirectory nodes;
    private final Supplier<Map<String, BackendVerticle>> running;
    private final Supplier<Map<String, String>> failures;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile boolean draining;

    /**
     * @param running the backends this node runs, by id
     * @param failures the configured backends this node could not start, by id: why
     */
    NodeAnnouncer(
            NodeDirectory nodes, Supplier<Map<String, BackendVerticle>> running, Supplier<Map<String, String>> failures) {
        this.nodes = nodes;
        this.running = running;
        this.failures = failures;
    }

    /**
     * Announces the node once (the node's own directory has it when this completes), then every
     * second, and at once to a node that joins.
     */
    @Override
    public Future<?> start() {
        nodes.onNewcomer(this::announce);
        vertx.setPeriodic(EVERY_MS, tick -> {
            if (ticking.compareAndSet(false, true)) {
                announce().onComplete(done -> ticking.set(false));
            }
        });
        return announce();
    }

    /** The node stops: from now on it is announced as draining, chosen for nothing new. */
    void drain() {
        draining = true;
        announce();
    }

    /** Announces what the node serves now; completes once its own directory has it. Never fails. */
    Future<Void> announce() {
        Map<String, BackendVerticle> backends = running.get();
        Map<String, Future<Availability>> checks = new HashMap<>();
        backends.forEach((id, verticle) -> checks.put(id, verticle.availability()));
        return Future.join(List.copyOf(checks.values())).transform(checked -> {
            Map<String, Integer> inFlight = new HashMap<>();
            Map<String, Set<String>> relays = new HashMap<>();
            Map<String, String> unavailable = new HashMap<>(failures.get());
            checks.forEach((id, check) -> {
                if (check.succeeded() && check.result().available()) {
                    inFlight.put(id, backends.get(id).inFlight());
                    Set<String> dialects = backends.get(id).relays();
                    if (!dialects.isEmpty()) {
                        relays.put(id, dialects);
                    }
                } else {
                    unavailable.put(id, check.failed()
                            ? "its availability could not be checked: " + check.cause().getMessage()
                            : Objects.requireNonNullElse(check.result().reason(), "it says it is unavailable"));
                }
            });
            NodeAnnouncement announcement = new NodeAnnouncement(nodes.self(), draining, inFlight, unavailable, relays);
            nodes.heard(announcement);
            vertx.eventBus().publish(Addresses.nodes(), announcement.encode());
            return Future.succeededFuture();
        });
    }
}
