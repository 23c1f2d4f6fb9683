package dev.junction.gateway.metrics;

import dev.junction.gateway.policy.limit.FallbackListener;
import dev.junction.gateway.resilience.RecoveryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The meters of one gateway, in a Prometheus registry of its own: Junction's meters
 * ({@code junction_*}, named and tagged here only) and those Vert.x keeps of its HTTP server and
 * pools ({@code vertx_*}, when Vert.x was built by {@link #vertxBuilder}).
 *
 * <p>Tags are bounded: configured backend ids, the configured model entry a request matched (its
 * route), dialect, endpoint, status class, outcome, plugin ids; {@value #NONE} where there is none.
 * Never a model name as the client sent it, never a key. Thread-safe.
 */
public final class GatewayMetrics implements RecoveryListener, FallbackListener {

    /** The tag value for "no such thing" (an unrouted request has backend and route {@code none}). */
    public static final String NONE = "none";

    /** Histogram buckets for LLM latencies: from a cached answer to a long agent run. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(10)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<RequestTags, EndedMeters> endedMeters = new ConcurrentHashMap<>();
    private final Map<String, BackendMeters> backends = new ConcurrentHashMap<>();
    private final MultiGauge plugins = MultiGauge.builder("junction.plugins")
            .description("1 for each plugin in the plugin folder, tagged with its PF4J state")
            .register(registry);

    private GatewayMetrics() {}

    /** Meters in a new, empty registry. */
    public static GatewayMetrics create() {
        return new GatewayMetrics();
    }

    /**
     * A builder for the Vert.x instance the gateway runs on, with Vert.x's own meters in this
     * registry ({@link VertxMeters}). They keep vertx-micrometer-metrics' default tags, which leave
     * out the request path and the event bus address (both unbounded).
     */
    public VertxBuilder vertxBuilder(VertxOptions options) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                // vertx-micrometer-metrics keeps registries in a static table by this name: one per gateway.
                .setRegistryName("junction-" + UUID.randomUUID());
        return Vertx.builder()
                .with(new VertxOptions(options).setMetricsOptions(metrics))
                .withMetrics(VertxMeters.factory(registry));
    }

    /** Every meter in Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts a request that ended, however it ended, with its latencies, tokens and a cancellation. */
    public void ended(EndedRequest request) {
        RequestTags tags = new RequestTags(
                orNone(request.endpoint()),
                orNone(request.dialect()),
                orNone(request.backend()),
                orNone(request.route()),
                request.status() / 100,
                orNone(request.outcome()));
        EndedMeters meters = endedMeters.get(tags);
        if (meters == null) {
            meters = endedMeters.computeIfAbsent(tags, EndedMeters::new);
        }
        meters.requests.increment();
        meters.duration.record(request.duration());
        if (request.timeToFirstToken() != null) {
            meters.timeToFirstToken.get().record(request.timeToFirstToken());
        }
        if (request.inputTokens() != null) {
            meters.inputTokens.get().increment(Math.max(0, request.inputTokens()));
        }
        if (request.outputTokens() != null) {
            meters.outputTokens.get().increment(Math.max(0, request.outputTokens()));
        }
        if (request.cancelled()) {
            counter(
                            "junction.cancellations",
                            "Requests whose client went away before the answer ended",
                            Tags.of(
                                    "backend", tags.backend(),
                                    "stage", request.timeToFirstToken() == null ? "before_first_token" : "after_first_token"))
                    .increment();
        }
    }

    /**
     * Names this node: {@code junction_node_info{node="<id>"} 1}, an info series to join on when a
     * query needs the cluster's node id. The id is not a label of every series: Prometheus's own
     * {@code instance} label already tells the nodes apart, and an id that changes at each restart
     * would start every series anew.
     */
    public void node(String nodeId) {
        Gauge.builder("junction.node.info", () -> 1)
                .description("1, labelled with this node's id in the cluster")
                .tag("node", nodeId)
                .strongReference(true)
                .register(registry);
    }

    /** The gauges of backend {@code id} on this node. */
    public BackendMeters backend(String id) {
        return backends.computeIfAbsent(id, key -> new BackendMeters(registry, key));
    }

    /** Counts a retry of a request on backend {@code backend}. */
    @Override
    public void retried(String backend) {
        counter("junction.retries", "Requests tried again on the same backend", Tags.of("backend", orNone(backend)))
                .increment();
    }

    /** Counts a request that backend {@code from} failed and backend {@code to} was asked instead. */
    @Override
    public void fellBack(String from, String to) {
        counter(
                        "junction.fallbacks",
                        "Requests passed from a failing backend to its fallback",
                        Tags.of("from", orNone(from), "to", orNone(to)))
                .increment();
    }

    /** Counts a rate-limit {@code operation} ({@code admit}, {@code end}) this node counted alone: the cluster's store did not answer in time. */
    @Override
    public void rateLimitFellBack(String operation) {
        counter(
                        "junction.rate.limit.fallbacks",
                        "Rate-limit operations counted by this node alone: the cluster's store did not answer in time",
                        Tags.of("operation", operation))
                .increment();
    }

    /** The plugins of the plugin folder and their states (plugin id to state), replacing the last ones. */
    public void plugins(Map<String, String> states) {
        plugins.register(
                states.entrySet().stream()
                        .map(plugin -> MultiGauge.Row.of(
                                Tags.of("plugin", plugin.getKey(), "state", plugin.getValue()), 1))
                        .toList(),
                true);
    }

    /** The counter {@code name} with {@code tags}: registered on first use, found in the registry after. */
    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private Timer latency(String name, String description, Tags tags) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .tags(tags)
                .register(registry);
    }

    /** The tags of an ended request, {@value #NONE} for none; the status as its class (2 for 2xx). */
    private record RequestTags(
            String endpoint, String dialect, String backend, String route, int statusClass, String outcome) {}

    /**
     * The meters of the requests that ended with the same tags, found with one map lookup per
     * request: registering them per request would build and sort their tags each time. Those not every request feeds (time to first token,
     * tokens) are registered when first fed, so that no empty series appears. Thread-safe.
     */
    private final class EndedMeters {

        final Counter requests;
        final Timer duration;
        final Lazy<Timer> timeToFirstToken;
        final Lazy<Counter> inputTokens;
        final Lazy<Counter> outputTokens;

        EndedMeters(RequestTags tags) {
            String statusClass = tags.statusClass() + "xx";
            Tags byRoute = Tags.of("backend", tags.backend(), "route", tags.route());
            requests = counter(
                    "junction.requests",
                    "Requests that ended, by endpoint, dialect, backend, route, status class and outcome",
                    byRoute.and(
                            "endpoint", tags.endpoint(),
                            "dialect", tags.dialect(),
                            "status_class", statusClass,
                            "outcome", tags.outcome()));
            duration = latency(
                    "junction.request.duration",
                    "From the request's arrival to its end",
                    byRoute.and("endpoint", tags.endpoint(), "status_class", statusClass));
            timeToFirstToken = new Lazy<>(() -> latency(
                    "junction.time.to.first.token", "From the request's arrival to the backend's first event", byRoute));
            inputTokens = new Lazy<>(() -> tokens(byRoute, "input"));
            outputTokens = new Lazy<>(() -> tokens(byRoute, "output"));
        }

        private Counter tokens(Tags byRoute, String direction) {
            return counter(
                    "junction.tokens",
                    "Tokens the backends reported, by direction (input: prompt, output: completion)",
                    byRoute.and("direction", direction));
        }
    }

    /** A meter looked up when first needed, then held. Thread-safe: a race looks it up twice, finding the same. */
    private static final class Lazy<M> {

        private final Supplier<M> lookup;
        private volatile M meter;

        Lazy(Supplier<M> lookup) {
            this.lookup = lookup;
        }

        M get() {
            M found = meter;
            if (found == null) {
                found = lookup.get();
                meter = found;
            }
            return found;
        }
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
