package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests whose HTTP is broken: a head that does not parse (414 for a line too long, 431 for
 * headers too large, else 400), an HTTP/1.1 request without {@code Host} or with a broken escape in
 * its path or query (400), an unknown {@code Expect} (417), a body whose chunked framing breaks (400). Each
 * gets a short error in the dialect of its path's family, logged at debug without a stack trace,
 * and its connection is closed: what follows on it cannot be trusted.
 */
final class MalformedRequests {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);

    private MalformedRequests() {}

    /** The server's {@code invalidRequestHandler}: the request head could not be decoded. */
    static void invalidHead(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        LOG.debug("Invalid request head: {}", String.valueOf(cause));
        ApiError error = cause instanceof TooLongHttpLineException
                ? ApiError.of(414, "The request line is too long.")
                : cause instanceof TooLongHttpHeaderException
                        ? ApiError.of(431, "The request headers are too large.")
                        : ApiError.invalidRequest("The request is not valid HTTP.", null);
        refuse(request.response(), request, family(request), error);
    }

    /**
     * Answers and closes when the head parsed but cannot be served: an HTTP/1.1 request without
     * {@code Host} (400), a path or query with a broken percent-escape (400; the router would fail on it), an
     * {@code Expect} other than {@code 100-continue} (417). False, untouched, for every other request.
     */
    static boolean refused(HttpServerRequest request) {
        ApiError error;
        if (request.version() == HttpVersion.HTTP_1_1 && !request.headers().contains(HttpHeaders.HOST)) {
            error = ApiError.invalidRequest("An HTTP/1.1 request must have a Host header.", null);
        } else if (!wellEscaped(request.uri())) {
            error = ApiError.invalidRequest("The request target has a '%' that does not start an escape of two hex digits.", null);
        } else if (!expectable(request.headers().get(HttpHeaders.EXPECT))) {
            error = ApiError.of(417, "Only 'Expect: 100-continue' is supported.");
        } else {
            return false;
        }
        refuse(request.response(), request, family(request), error);
        return true;
    }

    private static boolean expectable(String expect) {
        return expect == null || expect.trim().equalsIgnoreCase("100-continue");
    }

    private static boolean wellEscaped(String target) {
        if (target == null) {
            return true;
        }
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    /**
     * Whether a routed request failed because its body could not be read: its chunked framing broke
     * (a bad chunk size, a chunk line too long) or its connection closed before the body ended.
     */
    static boolean bodyUnreadable(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        return !ctx.request().isEnded()
                && (failure instanceof DecoderException
                        || failure instanceof NumberFormatException
                        || failure instanceof HttpClosedException);
    }

    /** Answers {@code error} to a routed request whose body could not be read, then closes its connection. */
    static void refuse(RoutingContext ctx, ApiFamily family, ApiError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        RequestFacts.of(ctx).dialect = family.name();
        refuse(response, ctx.request(), family, error);
    }

    private static void refuse(HttpServerResponse response, HttpServerRequest request, ApiFamily family, ApiError error) {
        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        ErrorResponses.write(response, family, error).onComplete(written -> request.connection().close());
    }

    private static ApiFamily family(HttpServerRequest request) {
        String path = request.path();
        return ApiEndpoints.family(path == null ? "/" : path, request.headers());
    }
}
