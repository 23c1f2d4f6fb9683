package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ErrorKind;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * A relayed request's body decoded only when something needs it (a fallback to a backend that does
 * not relay its dialect, the dialect's encoder for that backend's answer), once. A body the decoder
 * refuses fails with {@link ErrorKind#INVALID_REQUEST}, its message the decoder's. Confined to the
 * request's context.
 */
final class DecodedOnce implements Supplier<DecodedRequest> {

    private final RoutingContext ctx;
    private final ChatDialect dialect;
    private final String model;
    private DecodedRequest decoded;

    /** @param model the model the request is routed to */
    DecodedOnce(RoutingContext ctx, ChatDialect dialect, String model) {
        this.ctx = ctx;
        this.dialect = dialect;
        this.model = model;
    }

    @Override
    public DecodedRequest get() {
        if (decoded == null) {
            try {
                decoded = dialect.decode(JsonBody.read(ctx))
                        .fromClient(dialect.name(), ProviderHeaders.of(ctx.request().headers()))
                        .withModel(model);
            } catch (JsonBody.Rejected e) {
                throw new BackendException(ErrorKind.INVALID_REQUEST, e.error.message());
            } catch (InvalidRequestException e) {
                throw new BackendException(ErrorKind.INVALID_REQUEST, e.getMessage());
            }
        }
        return decoded;
    }
}
