package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request before its body is read (a missing or wrong key, a body that is not JSON): the
 * answer goes out at once and the body is never buffered. A body announced by {@code Content-Length}
 * within {@code server.maxBodyBytes} is dropped as it comes and the connection stays open (as it does
 * for a request without a body), so a client that sends its whole body before reading (the SDKs) gets
 * the refusal and keeps its connection. Any other unread body closes the connection once the answer is
 * written: one announced larger (it would get 413 anyway, and a caller without a key may not make the
 * gateway read more than it serves), one sent in chunks (no length to bound), and one whose client
 * waits for {@code 100 Continue} (it may send the body or the next request: only closing is clear).
 */
final class UnreadBody {

    private final long maxBodyBytes;

    UnreadBody(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Sends {@code error} in {@code family}'s shape, before the body; closes after it when the body is to be left unread. */
    void refuse(RoutingContext ctx, ApiFamily family, ApiError error) {
        if (!droppable(ctx.request())) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            ctx.addEndHandler(ended -> ctx.request().connection().close());
        }
        ErrorResponses.send(ctx, family, error);
    }

    /** Whether what is still to come of the request's body can be dropped on a kept connection. */
    private boolean droppable(HttpServerRequest request) {
        if (request.isEnded()) {
            return true;
        }
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            return false;
        }
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null || Long.parseLong(length.trim()) <= maxBodyBytes; // none: no body
        } catch (NumberFormatException e) {
            return false; // the codec refuses such a head before it gets here; closing is the safe side
        }
    }
}
