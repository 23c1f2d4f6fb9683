package dev.junction.gateway.http;

import dev.junction.gateway.config.AdminKey;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.openai.OpenAiFamily;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets through only the requests that present the admin key ({@code auth.adminKey}), as
 * {@code Authorization: Bearer <key>} or {@code x-api-key: <key>}: none is 401, any other key (an
 * API key among them) 403, both in the OpenAI error shape. The key is compared in constant time
 * ({@link AdminKey#matches}) and never written anywhere.
 */
final class AdminKeyCheck implements Handler<RoutingContext> {

    private final AdminKey key;

    AdminKeyCheck(AdminKey key) {
        this.key = key;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String presented = AuthHandler.presented(ctx);
        if (presented == null || presented.isEmpty()) {
            ErrorResponses.send(ctx, OpenAiFamily.INSTANCE, ApiError.of(401,
                    "No admin key provided. Send auth.adminKey as 'Authorization: Bearer <key>' or 'x-api-key: <key>'."));
        } else if (!key.matches(presented)) {
            ErrorResponses.send(ctx, OpenAiFamily.INSTANCE, ApiError.of(403,
                    "This key does not open the admin endpoints: they need auth.adminKey."));
        } else {
            ctx.next();
        }
    }
}
