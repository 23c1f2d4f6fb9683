package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a request body that must be one JSON object. */
final class JsonBody {

    private JsonBody() {}

    /** A body that is not acceptable, with the error to answer. */
    static final class Rejected extends RuntimeException {
        final ApiError error;

        Rejected(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /**
     * The body, whose headers {@link JsonContent} checked.
     *
     * @throws Rejected for an empty body or anything but a JSON object (400)
     */
    static JsonObject read(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw new Rejected(ApiError.invalidRequest("The request body is empty; expected a JSON object.", null));
        }
        Object value;
        try {
            value = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new Rejected(ApiError.invalidRequest("The request body is not valid JSON: " + firstLine(e.getMessage()), null));
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new Rejected(ApiError.invalidRequest("The request body must be a JSON object.", null));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
