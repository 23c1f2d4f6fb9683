package dev.junction.gateway.http;

import dev.junction.gateway.config.ConnectionLimits;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a {@link ConnectionGuard} on every connection the HTTP server accepts, and counts them for
 * it. Vert.x has no public way into a connection's pipeline, so this reaches it through Vert.x's
 * connection class ({@link ConnectionBase}, internal): should a Vert.x upgrade change that, the
 * connection goes unguarded rather than refused, and the guard's tests fail.
 */
final class ConnectionGuards implements Handler<HttpConnection> {

    /** The name Vert.x gives its own handler, the last of an HTTP/1.x pipeline. */
    private static final String VERTX_HANDLER = "handler";

    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionGuards(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Override
    public void handle(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get(VERTX_HANDLER) != null) {
                pipeline.addBefore(VERTX_HANDLER, "junctionGuard", new ConnectionGuard(limits, open));
            }
        }
    }
}
