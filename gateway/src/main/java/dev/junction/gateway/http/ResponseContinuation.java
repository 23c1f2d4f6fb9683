package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.state.ResponseHistory;
import dev.junction.gateway.state.UnknownResponseException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state around {@code POST responses}, for its route: a step before the chat handler that puts
 * the conversation {@code previous_response_id} continues in front of the request's input
 * ({@link ResponseHistory#expand}, for the request's API key), so that the dialect decodes the whole
 * conversation; and {@link #record}, which keeps the answer once it is complete. An unknown, expired
 * or another key's {@code previous_response_id} is answered 404 in the endpoint family's shape; a
 * body that is not JSON is left to the chat handler, which refuses it.
 */
final class ResponseContinuation {

    /** The context entry holding the body as the client sent it, which {@link #record} keeps. */
    private static final String SENT = "junction.responses.sentBody";
    private static final Logger LOG = LoggerFactory.getLogger(ResponseContinuation.class);

    private final ResponseHistory history;
    private final ApiFamily family;

    ResponseContinuation(ResponseHistory history, ApiFamily family) {
        this.history = history;
        this.family = family;
    }

    /**
     * Puts the conversation the request continues in front of its input, then runs {@code then};
     * answers the client itself when the conversation cannot be found.
     */
    void expand(RoutingContext ctx, Handler<RoutingContext> then) {
        JsonObject body;
        try {
            body = JsonBody.read(ctx);
        } catch (JsonBody.Rejected e) {
            then.handle(ctx);
            return;
        }
        ctx.put(SENT, body);
        if (body.getValue("previous_response_id") == null) {
            JsonBody.replace(ctx, body); // parsed once: the handler reads this one
            then.handle(ctx);
            return;
        }
        history.expand(ResponsesHandler.owner(ctx), body).onComplete(expanded -> {
            if (expanded.succeeded()) {
                JsonBody.replace(ctx, expanded.result());
                then.handle(ctx);
            } else if (expanded.cause() instanceof UnknownResponseException unknown) {
                ErrorResponses.send(ctx, family, unknown.error());
            } else if (expanded.cause() instanceof InvalidRequestException invalid) {
                ErrorResponses.send(ctx, family, ApiError.invalidRequest(invalid.getMessage(), invalid.param()));
            } else {
                ResponsesHandler.unavailable(ctx, family, expanded.cause());
            }
        });
    }

    /**
     * Keeps {@code response}, the response object the client got for {@code ctx}'s request, unless
     * that request said {@code "store": false}; call it once the answer is complete. A failure to
     * keep it is logged, never answered: the client has its answer.
     */
    /** Whether {@code ctx}'s answer is to be kept: not when its request said {@code "store": false}. */
    boolean keeps(RoutingContext ctx) {
        JsonObject sent = ctx.get(SENT);
        return sent != null && !Boolean.FALSE.equals(sent.getValue("store"));
    }

    Future<Void> record(RoutingContext ctx, JsonObject response) {
        JsonObject sent = ctx.get(SENT);
        if (sent == null) {
            return Future.succeededFuture();
        }
        return history.record(ResponsesHandler.owner(ctx), sent, response).recover(failure -> {
            LOG.warn("Request {}: its response could not be stored: {}",
                    UserText.shorten(ctx.request().path()), failure.toString());
            return Future.succeededFuture();
        });
    }
}
