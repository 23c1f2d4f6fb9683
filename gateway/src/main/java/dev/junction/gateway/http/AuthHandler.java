package dev.junction.gateway.http;

import dev.junction.gateway.config.AuthConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.policy.ApiKeys;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Asks every API request for a configured key, sent as {@code Authorization: Bearer <key>} or
 * {@code x-api-key: <key>}; answers 401 in the route's dialect otherwise. The matched key's name
 * goes into the context under {@link #KEY_NAME} (for logs), the key itself under {@link #API_KEY}
 * (for the model allowlist, {@link #allows}). The 401 goes out before the body is read
 * ({@link UnreadBody}). With no keys configured, every request passes.
 * The base URL ({@code /}), {@code /health} and {@code /metrics} need no key; the admin endpoints, routed
 * before this handler when they are on, ask for the admin key instead ({@link AdminEndpoints}). Keys
 * never appear in answers or logs.
 */
final class AuthHandler implements Handler<RoutingContext> {

    /** The context entry holding the matched key's name. */
    static final String KEY_NAME = "junction.keyName";
    /** The context entry holding the matched {@link ApiKeys.Key}. */
    static final String API_KEY = "junction.apiKey";

    private static final String BEARER = "bearer ";

    private final ApiKeys keys;
    private final UnreadBody unread;

    private AuthHandler(ApiKeys keys, UnreadBody unread) {
        this.keys = keys;
        this.unread = unread;
    }

    /** @param unread how a refusal treats the body it does not read */
    static AuthHandler create(AuthConfig config, UnreadBody unread) {
        return new AuthHandler(new ApiKeys(config), unread);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!keys.required() || path.equals("/") || path.equals("/health") || path.equals("/metrics")) {
            ctx.next();
            return;
        }
        Optional<ApiKeys.Key> key = keys.find(presented(ctx));
        if (key.isEmpty()) {
            unread.refuse(ctx, ApiEndpoints.familyOf(ctx), ApiError.of(401, message(ctx)));
            return;
        }
        ctx.put(KEY_NAME, key.get().name());
        ctx.put(API_KEY, key.get());
        ctx.next();
    }

    /**
     * Whether the request's key may use {@code model}; when not, answers 403 in {@code dialect},
     * naming the model (never the key).
     */
    static boolean allows(RoutingContext ctx, ApiFamily family, String model) {
        ApiKeys.Key key = ctx.get(API_KEY);
        if (key == null || key.allows(model)) {
            return true;
        }
        ErrorResponses.send(ctx, family, new ApiError(
                403, "This API key may not use the model '" + UserText.shorten(model) + "'.", "model", null));
        return false;
    }

    /** Whether the request's key may use {@code model}, answering nothing. */
    static boolean mayUse(RoutingContext ctx, String model) {
        ApiKeys.Key key = ctx.get(API_KEY);
        return key == null || key.allows(model);
    }

    /** The key the request presents ({@code Authorization: Bearer} first, then {@code x-api-key}); null for none. */
    static String presented(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String bearer = authorization.substring(BEARER.length()).trim();
            if (!bearer.isEmpty()) {
                return bearer;
            }
        }
        String apiKey = ctx.request().getHeader("x-api-key");
        return apiKey == null ? null : apiKey.trim();
    }

    private static String message(RoutingContext ctx) {
        boolean sent = ctx.request().headers().contains("Authorization") || ctx.request().headers().contains("x-api-key");
        return sent
                ? "Incorrect API key provided."
                : "No API key provided. Send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.";
    }
}
