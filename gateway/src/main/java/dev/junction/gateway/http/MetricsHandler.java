package dev.junction.gateway.http;

import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: every meter in Prometheus text format. Needs no key. The scrape runs on a
 * worker thread, so that a large registry never holds up the event loop.
 */
final class MetricsHandler implements Handler<RoutingContext> {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);

    private final GatewayMetrics metrics;

    MetricsHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(scraped -> {
            if (ctx.response().closed()) {
                return;
            }
            if (scraped.failed()) {
                LOG.warn("Scraping the metrics failed", scraped.cause());
                ctx.response().setStatusCode(500).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                        .end("The metrics could not be read.\n");
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE).end(scraped.result());
        });
    }
}
