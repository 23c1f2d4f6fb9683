package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ChatResultCollector;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Gathers the whole answer and sends it as one JSON body, or the failure as an error. A relayed
 * answer ({@link ChatEvent.Relayed}) is sent as the upstream's bytes.
 */
final class JsonAnswer implements AnswerWriter {

    private final RoutingContext ctx;
    private final ChatDialect dialect;
    private final Supplier<DecodedRequest> request;
    private final ChatResultCollector collector;
    private Buffer relayed;

    /**
     * @param request the request, decoded when an answer that is not relayed is encoded
     * @param model the model asked for, the answer's unless the backend names one
     */
    JsonAnswer(RoutingContext ctx, ChatDialect dialect, Supplier<DecodedRequest> request, String model) {
        this.ctx = ctx;
        this.dialect = dialect;
        this.request = request;
        this.collector = new ChatResultCollector(model);
    }

    @Override
    public void write(ChatEvent event) {
        if (event instanceof ChatEvent.Failed failed) {
            ErrorResponses.send(ctx, dialect.family(), ErrorResponses.of(dialect.family(), failed));
        } else if (event instanceof ChatEvent.Relayed bytes) {
            relayed = relayed == null ? bytes.bytes() : Buffer.buffer().appendBuffer(relayed).appendBuffer(bytes.bytes());
        } else if (event instanceof ChatEvent.Finish finish) {
            if (!ctx.response().closed()) {
                ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(relayed != null
                                ? relayed
                                : dialect.encodeResponse(collector.finish(finish), request.get()).toBuffer());
            }
        } else if (relayed == null) {
            collector.accept(event);
        }
    }
}
