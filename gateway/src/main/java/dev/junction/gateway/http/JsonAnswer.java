package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ChatResultCollector;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Gathers the whole answer and sends it as one JSON body, or the failure as an error. */
final class JsonAnswer implements AnswerWriter {

    private final RoutingContext ctx;
    private final ChatDialect dialect;
    private final DecodedRequest request;
    private final ChatResultCollector collector;

    JsonAnswer(RoutingContext ctx, ChatDialect dialect, DecodedRequest request) {
        this.ctx = ctx;
        this.dialect = dialect;
        this.request = request;
        this.collector = new ChatResultCollector(request.request().model());
    }

    @Override
    public void write(ChatEvent event) {
        if (event instanceof ChatEvent.Failed failed) {
            ErrorResponses.send(ctx, dialect.family(), ErrorResponses.of(dialect.family(), failed));
        } else if (event instanceof ChatEvent.Finish finish) {
            if (!ctx.response().closed()) {
                ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(dialect.encodeResponse(collector.finish(finish), request).toBuffer());
            }
        } else {
            collector.accept(event);
        }
    }
}
