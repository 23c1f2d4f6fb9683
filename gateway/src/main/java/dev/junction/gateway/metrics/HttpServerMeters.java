package dev.junction.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's meters under the names and tags vertx-micrometer-metrics gives them
 * ({@code vertx_http_server_requests_total}, {@code _response_time_seconds}, {@code _active_requests},
 * {@code _request_bytes}, {@code _response_bytes}, {@code _request_resets_total}), tagged with the
 * method (an unusual one counts as {@code OTHER}) and the status code; never the path. Called by
 * Vert.x on the connections' event loops; thread-safe.
 */
final class HttpServerMeters implements HttpServerMetrics<HttpServerMeters.Request, Void> {

    private static final Set<HttpMethod> KNOWN_METHODS = Set.copyOf(HttpMethod.values());

    private final MeterRegistry registry;
    /** The meters of each method: one lookup per request. */
    private final Map<String, MethodMeters> methods = new ConcurrentHashMap<>();
    /** The three meters of each method and status code: one lookup per response. */
    private final Map<ResponseKey, ResponseMeters> responses = new ConcurrentHashMap<>();

    HttpServerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    private record ResponseKey(String method, int code) {}

    private record ResponseMeters(Counter requests, Timer time, DistributionSummary bytes) {}

    private record MethodMeters(AtomicInteger active, DistributionSummary requestBytes) {}

    /** One request, from its first byte to its response's last (or its reset). */
    static final class Request {

        private final String method;
        private final long startNanos = System.nanoTime();
        private boolean done;

        private Request(String method) {
            this.method = method;
        }

        /** True the first time only. */
        private synchronized boolean finish() {
            boolean first = !done;
            done = true;
            return first;
        }
    }

    @Override
    public Request requestBegin(SocketAddress remote, HttpRequest request) {
        Request metric = new Request(KNOWN_METHODS.contains(request.method()) ? request.method().name() : "OTHER");
        method(metric.method).active().incrementAndGet();
        return metric;
    }

    @Override
    public void requestEnd(Request request, HttpRequest httpRequest, long bytesRead) {
        method(request.method).requestBytes().record(bytesRead);
    }

    @Override
    public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
        if (!request.finish()) {
            return;
        }
        method(request.method).active().decrementAndGet();
        ResponseKey key = new ResponseKey(request.method, response.statusCode());
        ResponseMeters found = responses.get(key);
        if (found == null) {
            found = responses.computeIfAbsent(key, this::register);
        }
        found.requests().increment();
        found.time().record(System.nanoTime() - request.startNanos, TimeUnit.NANOSECONDS);
        found.bytes().record(bytesWritten);
    }

    @Override
    public void requestReset(Request request) {
        if (!request.finish()) {
            return;
        }
        method(request.method).active().decrementAndGet();
        // Rare: registered (or found) on each reset, so that no series shows before the first.
        Counter.builder("vertx.http.server.request.resets")
                .description("Number of request resets")
                .tag("method", request.method)
                .register(registry)
                .increment();
    }

    private ResponseMeters register(ResponseKey key) {
        Tags tags = Tags.of("method", key.method(), "code", Integer.toString(key.code()));
        return new ResponseMeters(
                Counter.builder("vertx.http.server.requests")
                        .description("Number of processed requests")
                        .tags(tags)
                        .register(registry),
                Timer.builder("vertx.http.server.response.time")
                        .description("Request processing time")
                        .tags(tags)
                        .register(registry),
                DistributionSummary.builder("vertx.http.server.response.bytes")
                        .description("Size of responses in bytes")
                        .baseUnit("bytes")
                        .tags(tags)
                        .register(registry));
    }

    private MethodMeters method(String method) {
        MethodMeters found = methods.get(method);
        return found != null ? found : methods.computeIfAbsent(method, this::register);
    }

    private MethodMeters register(String method) {
        AtomicInteger active = new AtomicInteger();
        Gauge.builder("vertx.http.server.active.requests", active, AtomicInteger::get)
                .description("Number of requests being processed")
                .tag("method", method)
                .strongReference(true)
                .register(registry);
        return new MethodMeters(
                active,
                DistributionSummary.builder("vertx.http.server.request.bytes")
                        .description("Size of requests in bytes")
                        .baseUnit("bytes")
                        .tag("method", method)
                        .register(registry));
    }
}
