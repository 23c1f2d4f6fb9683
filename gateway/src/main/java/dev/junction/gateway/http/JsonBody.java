package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Reads a request body that must be one JSON object ({@link RequestJson} parses it). A body of
 * {@link #OFF_LOOP_BYTES} or more is parsed on a worker thread by {@link #parseLargeOffLoop}, a
 * route step before the endpoint's handler, so the event loop never spends long on one body.
 */
final class JsonBody {

    /** The body size from which parsing leaves the event loop. */
    static final int OFF_LOOP_BYTES = 1 << 20;

    /** Where {@link #parseLargeOffLoop} leaves its result: a {@link JsonObject} or a {@link Rejected}. */
    private static final String PARSED = "junction.parsedBody";

    private JsonBody() {}

    /** A body that is not acceptable, with the error to answer. */
    static final class Rejected extends RuntimeException {
        final ApiError error;

        Rejected(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** A route step after the body is read: parses a large one on a worker thread, then goes on. */
    static void parseLargeOffLoop(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() < OFF_LOOP_BYTES) {
            ctx.next();
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> {
                    try {
                        return (Object) parse(body);
                    } catch (Rejected e) {
                        return e;
                    }
                }, false)
                .onComplete(parsed -> {
                    ctx.put(PARSED, parsed.succeeded() ? parsed.result() : null);
                    ctx.next();
                });
    }

    /** Makes {@code body} what {@link #read} gives from now on (a body a route step rewrote). */
    static void replace(RoutingContext ctx, JsonObject body) {
        ctx.put(PARSED, body);
    }

    /**
     * The body, whose headers {@link JsonContent} checked.
     *
     * @throws Rejected for an empty body, malformed JSON or anything but a JSON object (400)
     */
    static JsonObject read(RoutingContext ctx) {
        Object parsed = ctx.get(PARSED);
        if (parsed instanceof Rejected rejected) {
            throw rejected;
        }
        return parsed instanceof JsonObject object ? object : parse(ctx.body().buffer());
    }

    private static JsonObject parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new Rejected(ApiError.invalidRequest("The request body is empty; expected a JSON object.", null));
        }
        Object value;
        try {
            value = RequestJson.parse(body.getBytes());
        } catch (InvalidRequestException e) {
            throw new Rejected(ApiError.invalidRequest(e.getMessage(), e.param()));
        }
        if (value instanceof Map<?, ?> object) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) object;
            return new JsonObject(fields);
        }
        throw new Rejected(ApiError.invalidRequest("The request body must be a JSON object.", null));
    }
}
