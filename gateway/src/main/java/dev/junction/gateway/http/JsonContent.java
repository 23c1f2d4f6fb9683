package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.UserText;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses a {@code POST} whose body is not plain JSON, with 415 in its path's dialect and before the
 * body is read: a {@code Content-Type} other than {@code application/json} or {@code *+json}, none at
 * all (a browser sends a body without one, or as {@code text/plain}, without asking the server first),
 * or a {@code Content-Encoding} other than {@code identity}.
 */
final class JsonContent implements Handler<RoutingContext> {

    private final UnreadBody unread;

    /** @param unread how a refusal treats the body it does not read */
    JsonContent(UnreadBody unread) {
        this.unread = unread;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String encoding = String.join(",", ctx.request().headers().getAll(HttpHeaders.CONTENT_ENCODING));
        if (contentType == null) {
            refuse(ctx, "Content-Type must be application/json; the request sent none.");
        } else if (!isJson(contentType)) {
            refuse(ctx, "Content-Type must be application/json, not '" + UserText.shorten(contentType) + "'.");
        } else if (!isIdentity(encoding)) {
            refuse(ctx, "Content-Encoding '" + UserText.shorten(encoding) + "' is not supported; send the body uncompressed.");
        } else {
            ctx.next();
        }
    }

    private void refuse(RoutingContext ctx, String message) {
        unread.refuse(ctx, ApiEndpoints.familyOf(ctx), ApiError.of(415, message));
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** No encoding, or only {@code identity} (however often it is listed). */
    private static boolean isIdentity(String encoding) {
        for (String coding : encoding.split(",")) {
            String name = coding.trim();
            if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                return false;
            }
        }
        return true;
    }

}
