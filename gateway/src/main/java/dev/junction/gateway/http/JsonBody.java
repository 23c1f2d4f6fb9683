package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Reads a request body that must be one JSON object ({@link RequestJson} parses it). */
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

    /** @throws Rejected for a non-JSON content type (415), an empty body or anything but a JSON object (400) */
    static JsonObject read(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && !isJson(contentType)) {
            throw new Rejected(ApiError.of(415, "Content-Type must be application/json, not '" + contentType + "'."));
        }
        Buffer body = ctx.body().buffer();
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

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase();
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
