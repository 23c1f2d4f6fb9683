package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes errors as plain HTTP responses in a dialect's shape. */
final class ErrorResponses {

    private ErrorResponses() {}

    /** A backend's failure as the dialect reports it. */
    static ApiError of(Dialect dialect, ChatEvent.Failed failed) {
        return new ApiError(dialect.status(failed.kind()), failed.message(), null, failed.retryAfterSeconds());
    }

    /** Sends {@code error}; a 429 always carries a {@code Retry-After} of at least one second. */
    static void send(RoutingContext ctx, Dialect dialect, ApiError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        Integer retryAfter = error.retryAfterSeconds();
        if (error.status() == 429 && (retryAfter == null || retryAfter < 1)) {
            retryAfter = 1;
        }
        if (retryAfter != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        }
        response.setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(dialect.errorBody(error).toBuffer());
    }
}
