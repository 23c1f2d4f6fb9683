package dev.junction.gateway.jmh;

import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.support.ObservedHttp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerConfig;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Vert.x's HTTP server meters cost per request: one exchange (request begins, its body ends,
 * its response ends) as Vert.x reports it, through the gateway's meters ({@code gateway}: what
 * {@link GatewayMetrics#vertxBuilder} installs) or through vertx-micrometer-metrics' own
 * ({@code library}, its default labels: method and code), each in a Vert.x of its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HttpServerMetersBench {

    @Param({"gateway", "library"})
    public String meters;

    private final HttpRequest request = ObservedHttp.request(HttpMethod.POST, "/v1/chat/completions");
    private final HttpResponse response = ObservedHttp.response(200);
    private Vertx vertx;
    private HttpServerMetrics<Object, ?> metrics;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        vertx = switch (meters) {
            case "gateway" -> GatewayMetrics.create().vertxBuilder(new VertxOptions()).build();
            case "library" -> Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .setRegistryName("bench-" + UUID.randomUUID())))
                    .withMetrics(new MicrometerMetricsFactory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
                    .build();
            default -> throw new IllegalArgumentException("meters: gateway or library, not " + meters);
        };
        metrics = (HttpServerMetrics<Object, ?>) ((VertxInternal) vertx).metrics()
                .createHttpServerMetrics(new HttpServerConfig(), SocketAddress.inetSocketAddress(8080, "127.0.0.1"), null);
    }

    @TearDown
    public void tearDown() {
        vertx.close().await();
    }

    @Benchmark
    public Object exchange() {
        Object metric = metrics.requestBegin(request.remoteAddress(), request);
        metrics.requestEnd(metric, request, 700);
        metrics.responseEnd(metric, response, 900);
        return metric;
    }
}
