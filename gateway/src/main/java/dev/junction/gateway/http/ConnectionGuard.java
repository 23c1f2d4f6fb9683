package dev.junction.gateway.http;

import dev.junction.gateway.config.ConnectionLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP/1.1 connection's deadlines, in its Netty pipeline between the HTTP codec and Vert.x:
 * the complete headers of a request within {@code headerTimeoutSeconds} of the connection opening
 * or of the first byte of a later request (else 408 and closed; closed quietly when nothing came at
 * all), the next request within {@code idleTimeoutSeconds} of the last answer (else closed), and no
 * more than {@code maxConnections} open (the next get 503 and are closed). While a request is being
 * served no deadline runs here (its body has {@link BodyTimeout}; its answer the backend's timeouts).
 *
 * <p>One timer per connection, set when it changes phase (a request arrives, an answer ends), never
 * per byte. Runs on the connection's event loop.
 */
final class ConnectionGuard extends ChannelDuplexHandler {

    private enum Phase {
        /** Waiting for a request's headers. */
        HEADERS,
        /** Serving requests: some have not been answered yet. */
        SERVING,
        /** Kept alive, waiting for the next request. */
        IDLE,
        /** Refused: what still comes is dropped. */
        CLOSING
    }

    private final ConnectionLimits limits;
    private final AtomicInteger open;
    private ChannelHandlerContext ctx;
    private Phase phase;
    /** Requests read whose answers have not ended. */
    private int unanswered;
    /** Whether a byte of a request came in the {@link Phase#HEADERS} phase. */
    private boolean partialRequest;
    /** Whether the codec made a request or body part of what the socket last delivered. */
    private boolean decodedInRead;
    private ScheduledFuture<?> timer;

    /** @param open the node's open connections, counted here */
    ConnectionGuard(ConnectionLimits limits, AtomicInteger open) {
        this.limits = limits;
        this.open = open;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        int count = open.incrementAndGet();
        ctx.channel().closeFuture().addListener(closed -> {
            open.decrementAndGet();
            cancelTimer();
        });
        if (count > limits.maxConnections()) {
            answerAndClose(HttpResponseStatus.SERVICE_UNAVAILABLE, "The gateway has its maximum of "
                    + limits.maxConnections() + " connections open; try again shortly.\n");
            return;
        }
        enter(Phase.HEADERS, limits.headerTimeoutSeconds());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.CLOSING) {
            ReferenceCountUtil.release(msg);
            return;
        }
        decodedInRead = true;
        if (msg instanceof HttpRequest) {
            unanswered++;
            if (phase != Phase.SERVING) {
                enter(Phase.SERVING, 0);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!decodedInRead) {
            // Bytes came that are not a whole request head yet.
            if (phase == Phase.IDLE) {
                enter(Phase.HEADERS, limits.headerTimeoutSeconds());
            }
            partialRequest = partialRequest || phase == Phase.HEADERS;
        }
        decodedInRead = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && !isInterim(msg) && phase == Phase.SERVING && --unanswered == 0) {
            enter(Phase.IDLE, limits.idleTimeoutSeconds());
        }
        ctx.write(msg, promise);
    }

    /** A {@code 100 Continue}: the request's answer is still to come. */
    private static boolean isInterim(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private void enter(Phase next, int timeoutSeconds) {
        cancelTimer();
        phase = next;
        partialRequest = false;
        if (next != Phase.SERVING) {
            timer = ctx.executor().schedule(this::expired, timeoutSeconds, TimeUnit.SECONDS);
        }
    }

    private void expired() {
        timer = null;
        if (phase == Phase.HEADERS && partialRequest) {
            answerAndClose(HttpResponseStatus.REQUEST_TIMEOUT, "The request headers did not arrive within "
                    + limits.headerTimeoutSeconds() + " s.\n");
        } else if (phase == Phase.HEADERS || phase == Phase.IDLE) {
            ctx.close();
        }
    }

    /** Writes a short plain-text answer ahead of Vert.x (no request is being answered) and closes. */
    private void answerAndClose(HttpResponseStatus status, String text) {
        phase = Phase.CLOSING;
        ctx.channel().config().setAutoRead(false);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status == HttpResponseStatus.SERVICE_UNAVAILABLE) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
