package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.route.ModelRouter;
import dev.junction.gateway.bus.BackendCalls;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes errors as plain HTTP responses in a dialect's shape. */
final class ErrorResponses {

    private ErrorResponses() {}

    /** A backend's failure as the dialect reports it. */
    static ApiError of(ApiFamily family, ChatEvent.Failed failed) {
        return new ApiError(family.status(failed.kind()), failed.message(), null, failed.retryAfterSeconds());
    }

    /** A failed call to a backend ({@link BackendCalls}) as the dialect reports it. */
    static ApiError of(ApiFamily family, Throwable failure) {
        return of(family, failure instanceof BackendCalls.CallFailedException failed
                ? failed.failed()
                : ChatEvent.Failed.of(ErrorKind.INTERNAL, "The gateway failed to handle the request."));
    }

    /** A model no backend serves: 404 naming the models that exist. */
    static ApiError unknownModel(ModelRouter router, String model) {
        return new ApiError(
                404,
                "The model '" + UserText.shorten(model) + "' does not exist. Available models: "
                        + String.join(", ", router.exactModels())
                        + " (or <backend>/<model>).",
                "model",
                null);
    }

    /** Sends {@code error}; a 429 always carries a {@code Retry-After} of at least one second. */
    static void send(RoutingContext ctx, ApiFamily family, ApiError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        RequestFacts facts = RequestFacts.of(ctx);
        if (facts.dialect == null) {
            facts.dialect = family.name();
        }
        write(response, family, error);
    }

    /** Writes {@code error} as the whole of {@code response}, which nothing has been written to yet. */
    static Future<Void> write(HttpServerResponse response, ApiFamily family, ApiError error) {
        Integer retryAfter = error.retryAfterSeconds();
        if (error.status() == 429 && (retryAfter == null || retryAfter < 1)) {
            retryAfter = 1;
        }
        if (retryAfter != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        }
        return response.setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(family.errorBody(error).toBuffer());
    }
}
