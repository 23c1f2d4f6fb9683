package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.state.InputItemList;
import dev.junction.gateway.state.ResponseStore;
import dev.junction.gateway.state.StoredResponse;
import dev.junction.gateway.state.UnknownResponseException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET responses/{id}}, {@code DELETE responses/{id}} and {@code GET
 * responses/{id}/input_items}: the answers of the Responses API that the node's
 * {@link ResponseStore} keeps, each readable by the API key that made it alone (any other gets
 * OpenAI's 404, as for an unknown or expired id). Errors in the shape of the endpoint's family.
 */
final class ResponsesHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ResponsesHandler.class);

    private final ResponseStore store;

    ResponsesHandler(ResponseStore store) {
        this.store = store;
    }

    /** The scope a request's responses belong to: its API key's name, or one scope for all when no key is asked for. */
    static String owner(RoutingContext ctx) {
        String keyName = ctx.get(AuthHandler.KEY_NAME);
        return keyName == null ? ResponseStore.NO_KEYS : keyName;
    }

    void get(RoutingContext ctx, ApiFamily family, String id) {
        if ("true".equals(ctx.request().getParam("stream"))) {
            ErrorResponses.send(ctx, family, ApiError.invalidRequest(
                    "Streaming a stored response again is not supported: retrieve it without 'stream'.", "stream"));
            return;
        }
        boolean encryptedReasoning = Stream.concat(
                        ctx.request().params().getAll("include").stream(), ctx.request().params().getAll("include[]").stream())
                .anyMatch("reasoning.encrypted_content"::equals);
        found(ctx, family, id, store.get(owner(ctx), id),
                response -> RequestIntake.reply(ctx, response.retrieved(encryptedReasoning)));
    }

    void delete(RoutingContext ctx, ApiFamily family, String id) {
        store.delete(owner(ctx), id).onComplete(deleted -> {
            if (deleted.failed()) {
                unavailable(ctx, family, deleted.cause());
            } else if (deleted.result()) {
                RequestIntake.reply(ctx, new JsonObject().put("id", id).put("object", "response").put("deleted", true));
            } else {
                ErrorResponses.send(ctx, family, UnknownResponseException.notFound(id));
            }
        });
    }

    void inputItems(RoutingContext ctx, ApiFamily family, String id) {
        String askedLimit = ctx.request().getParam("limit");
        Integer limit = limit(askedLimit);
        String order = ctx.request().getParam("order", "desc");
        if (limit == null) {
            ErrorResponses.send(ctx, family, ApiError.invalidRequest("Invalid 'limit': expected an integer from 1 to "
                    + InputItemList.MAX_LIMIT + ", got '" + UserText.shorten(askedLimit) + "'.", "limit"));
            return;
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            ErrorResponses.send(ctx, family, ApiError.invalidRequest(
                    "Invalid 'order': expected 'asc' or 'desc', got '" + UserText.shorten(order) + "'.", "order"));
            return;
        }
        String after = ctx.request().getParam("after");
        // 'include' asks for fields the stored items carry already: accepted, nothing to add.
        found(ctx, family, id, store.get(owner(ctx), id), response -> InputItemList
                .page(response, limit, order.equals("asc"), after)
                .ifPresentOrElse(page -> RequestIntake.reply(ctx, page), () -> ErrorResponses.send(ctx, family,
                        ApiError.invalidRequest("Invalid 'after': response '" + UserText.shorten(id)
                                + "' has no input item with id '" + UserText.shorten(after) + "'.", "after"))));
    }

    /** The page size asked, {@link InputItemList#DEFAULT_LIMIT} when not; null when it is not one. */
    private static Integer limit(String asked) {
        if (asked == null) {
            return InputItemList.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(asked.trim());
            return limit >= 1 && limit <= InputItemList.MAX_LIMIT ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Gives {@code answer} the response {@code read} found; answers 404 when there was none, 503 when the store failed. */
    private static void found(RoutingContext ctx, ApiFamily family, String id, Future<Optional<StoredResponse>> read,
            Consumer<StoredResponse> answer) {
        read.onComplete(response -> {
            if (response.failed()) {
                unavailable(ctx, family, response.cause());
            } else if (response.result().isPresent()) {
                answer.accept(response.result().get());
            } else {
                ErrorResponses.send(ctx, family, UnknownResponseException.notFound(id));
            }
        });
    }

    /** Answers 503 for a store that failed, and logs it. */
    static void unavailable(RoutingContext ctx, ApiFamily family, Throwable failure) {
        LOG.warn("Request {} {}: the response store failed: {}", ctx.request().method(),
                UserText.shorten(ctx.request().path()), failure.toString());
        ErrorResponses.send(ctx, family, ApiError.of(503, "The response store is unavailable; try again."));
    }
}
