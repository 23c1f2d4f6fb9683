package dev.junction.gateway.http;

import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.metrics.EndedRequest;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request: settles its id (echoed in {@code X-Request-Id}), opens its
 * {@link RequestFacts}, and when the response ends or the connection closes runs the request's
 * clean-ups ({@link RequestFacts#onEnd}), counts it in the metrics ({@link RequestMeters}) and hands
 * one JSON line ({@link JsonLine}) to its sink, the logger {@code junction.access} (whose bundled
 * configuration hands it to a thread of Logback's, never blocking the event loop); not for
 * {@code /health} and {@code /metrics}. It owns the response's end and close handlers: others use
 * {@link RequestFacts#onEnd}. The line never holds a prompt, a key or a header.
 */
final class AccessLog implements Handler<RoutingContext> {

    /** The logger operators route the access log with. */
    static final Logger LOG = LoggerFactory.getLogger("junction.access");

    /** Where lines go by default: the {@code junction.access} logger at INFO. */
    static final Consumer<String> TO_LOGGER = LOG::info;

    private final Consumer<String> sink;
    private final RequestMeters meters;

    AccessLog(Consumer<String> sink, GatewayMetrics metrics) {
        this.sink = sink;
        this.meters = new RequestMeters(metrics);
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestFacts facts = new RequestFacts(RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER)));
        ctx.put(RequestFacts.KEY, facts);
        ctx.response()
                .putHeader(RequestIds.HEADER, facts.requestId)
                .endHandler(ended -> end(ctx, facts))
                .closeHandler(closed -> end(ctx, facts));
        ctx.next();
    }

    /**
     * The response ended or its connection closed (first of the two only): clean up, then count and
     * log once a stream's last part is written (a client that left before counts as cancelled).
     */
    private void end(RoutingContext ctx, RequestFacts facts) {
        if (!facts.end()) {
            return;
        }
        String path = ctx.request().path();
        if (path.equals("/health") || path.equals("/metrics")) {
            return;
        }
        Future<Void> lastPartWritten = facts.lastPartWritten;
        if (ctx.response().ended() && lastPartWritten != null) {
            lastPartWritten.onComplete(written -> record(ctx, facts, written.succeeded()));
        } else {
            record(ctx, facts, ctx.response().ended());
        }
    }

    private void record(RoutingContext ctx, RequestFacts facts, boolean completed) {
        try {
            meters.ended(ctx, facts, completed);
        } catch (RuntimeException e) {
            LOG.warn("Metrics of request {} failed: {}", facts.requestId, e.toString());
        }
        try {
            sink.accept(line(ctx, facts, completed));
        } catch (RuntimeException e) {
            LOG.warn("Access log line for request {} failed: {}", facts.requestId, e.toString());
        }
    }

    static String line(RoutingContext ctx, RequestFacts facts, boolean completed) {
        long now = System.nanoTime();
        int status = ctx.response().getStatusCode();
        return new JsonLine()
                .put("ts", Instant.now().toString())
                .put("requestId", facts.requestId)
                .put("key", ctx.<String>get(AuthHandler.KEY_NAME))
                .put("dialect", facts.dialect)
                .put("method", ctx.request().method().name())
                .put("path", UserText.shorten(ctx.request().path()))
                .put("model", facts.model)
                .put("backend", facts.backend)
                .put("retries", facts.retries)
                .put("fallbackFrom", facts.fallbackFrom)
                .put("status", status)
                .put("ttftMs", facts.firstEventNanos < 0 ? null : millis(facts.firstEventNanos - facts.startNanos))
                .put("durationMs", millis(now - facts.startNanos))
                .put("inputTokens", facts.inputTokens)
                .put("outputTokens", facts.outputTokens)
                .put("outcome", outcome(facts, status, completed))
                .end();
    }

    /** "ok", a failure's kind in lower case, or "cancelled" when the client left first. */
    static String outcome(RequestFacts facts, int status, boolean completed) {
        if (facts.failure != null) {
            return facts.failure.name().toLowerCase(Locale.ROOT);
        }
        if (!completed) {
            return EndedRequest.CANCELLED;
        }
        return switch (status) {
            case 401 -> "authentication";
            case 403 -> "permission";
            case 404 -> "not_found";
            case 429 -> "rate_limited";
            case 502 -> "upstream";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            case 529 -> "overloaded";
            default -> status >= 500 ? "internal" : status >= 400 ? "invalid_request" : "ok";
        };
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
