package dev.junction.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final MeterCache meters = new MeterCache();
    /** The three meters of each method and status code: one lookup per response. */
    private final Map<ResponseKey, ResponseMeters> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

    HttpServerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    private record ResponseKey(String method, int code) {}

    private record ResponseMeters(Counter requests, Timer time, DistributionSummary bytes) {}

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
        active(metric.method).incrementAndGet();
        return metric;
    }

    @Override
    public void requestEnd(Request request, HttpRequest httpRequest, long bytesRead) {
        meters.<DistributionSummary>get(
                        "vertx.http.server.request.bytes",
                        tags -> DistributionSummary.builder("vertx.http.server.request.bytes")
                                .description("Size of requests in bytes")
                                .baseUnit("bytes")
                                .tags(tags)
                                .register(registry),
                        "method", request.method)
                .record(bytesRead);
    }

    @Override
    public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
        if (!request.finish()) {
            return;
        }
        active(request.method).decrementAndGet();
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
        active(request.method).decrementAndGet();
        meters.<Counter>get(
                        "vertx.http.server.request.resets",
                        tags -> Counter.builder("vertx.http.server.request.resets")
                                .description("Number of request resets")
                                .tags(tags)
                                .register(registry),
                        "method", request.method)
                .increment();
    }

    private ResponseMeters register(ResponseKey key) {
        String code = Integer.toString(key.code());
        return new ResponseMeters(
                meters.get(
                        "vertx.http.server.requests",
                        tags -> Counter.builder("vertx.http.server.requests")
                                .description("Number of processed requests")
                                .tags(tags)
                                .register(registry),
                        "method", key.method(),
                        "code", code),
                meters.get(
                        "vertx.http.server.response.time",
                        tags -> Timer.builder("vertx.http.server.response.time")
                                .description("Request processing time")
                                .tags(tags)
                                .register(registry),
                        "method", key.method(),
                        "code", code),
                meters.get(
                        "vertx.http.server.response.bytes",
                        tags -> DistributionSummary.builder("vertx.http.server.response.bytes")
                                .description("Size of responses in bytes")
                                .baseUnit("bytes")
                                .tags(tags)
                                .register(registry),
                        "method", key.method(),
                        "code", code));
    }

    private AtomicInteger active(String method) {
        return active.computeIfAbsent(method, key -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("vertx.http.server.active.requests", count, AtomicInteger::get)
                    .description("Number of requests being processed")
                    .tag("method", key)
                    .strongReference(true)
                    .register(registry);
            return count;
        });
    }
}
