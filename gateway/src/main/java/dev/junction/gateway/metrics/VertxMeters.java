package dev.junction.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.http.HttpServerConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.QuicEndpointConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TcpClientConfig;
import io.vertx.core.net.TcpServerConfig;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TransportMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;

/**
 * Vert.x's own meters: vertx-micrometer-metrics' pool, JVM and server connection meters as they
 * are, the HTTP server's requests from {@link HttpServerMeters} under the library's names. The
 * library's own HTTP server meters (5.1.6) keep a request active until both its body and its
 * response have ended: a request answered before its body came (a refused key) whose client then
 * hangs up stays in {@code vertx_http_server_active_requests} for good (eclipse-vertx/vert.x#6328,
 * still so with 5.1.6); ours end it with its response. The event bus has no meters: they cost a
 * fifth of the gateway's CPU per request (every answer event is a bus message), and the gateway's
 * own meters count requests per backend. Nor have the HTTP and TCP clients (the plugins' upstream
 * calls): the library registers their meters per request, and {@code junction_*} counts those calls
 * per backend.
 */
final class VertxMeters implements VertxMetrics {

    private final VertxMetrics micrometer;
    private final HttpServerMeters httpServer;

    private VertxMeters(VertxMetrics micrometer, MeterRegistry registry) {
        this.micrometer = micrometer;
        this.httpServer = new HttpServerMeters(registry);
    }

    /** The factory that gives Vert.x these meters, all in {@code registry}. */
    static VertxMetricsFactory factory(MeterRegistry registry) {
        MicrometerMetricsFactory micrometer = new MicrometerMetricsFactory(registry);
        return new VertxMetricsFactory() {
            @Override
            public VertxMetrics metrics(VertxOptions options) {
                return new VertxMeters(micrometer.metrics(options), registry);
            }

            @Override
            public MetricsOptions newOptions() {
                return micrometer.newOptions();
            }

            @Override
            public MetricsOptions newOptions(MetricsOptions options) {
                return micrometer.newOptions(options);
            }

            @Override
            public MetricsOptions newOptions(JsonObject json) {
                return micrometer.newOptions(json);
            }
        };
    }

    @Override
    public HttpServerMetrics<?, ?> createHttpServerMetrics(
            HttpServerConfig config, SocketAddress tcpAddress, SocketAddress udpAddress) {
        return httpServer;
    }

    @Override
    public EventBusMetrics createEventBusMetrics() {
        return null;
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
        return micrometer.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?> createHttpClientMetrics(HttpClientConfig config) {
        return null;
    }

    @Override
    public TransportMetrics<?> createTcpServerMetrics(
            TcpServerConfig config, String protocol, SocketAddress localAddress) {
        return micrometer.createTcpServerMetrics(config, protocol, localAddress);
    }

    @Override
    public TransportMetrics<?> createTcpClientMetrics(TcpClientConfig config, String protocol) {
        return null;
    }

    @Override
    public TransportMetrics<?> createQuicEndpointMetrics(
            QuicEndpointConfig config, String protocol, SocketAddress localAddress) {
        return micrometer.createQuicEndpointMetrics(config, protocol, localAddress);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
        return micrometer.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
        return micrometer.createPoolMetrics(poolType, poolName, maxPoolSize);
    }

    @Override
    public void vertxCreated(Vertx vertx) {
        micrometer.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
        return micrometer.isMetricsEnabled();
    }

    @Override
    public void close() {
        micrometer.close();
    }
}
