package dev.junction.gateway.http;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Streams the answer as server-sent events, one write per event so nothing is held back. A
 * failure before the first event is a plain HTTP error; after it, the dialect's error event ends
 * the stream.
 */
final class StreamAnswer implements AnswerWriter {

    private final RoutingContext ctx;
    private final Dialect dialect;
    private final StreamEncoder encoder;
    private boolean started;

    StreamAnswer(RoutingContext ctx, Dialect dialect, DecodedRequest request) {
        this.ctx = ctx;
        this.dialect = dialect;
        this.encoder = dialect.streamEncoder(request);
    }

    @Override
    public void write(ChatEvent event) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return;
        }
        if (!started) {
            if (event instanceof ChatEvent.Failed failed) {
                ErrorResponses.send(ctx, dialect, ErrorResponses.of(dialect, failed));
                return;
            }
            started = true;
            response.setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        Buffer frames = Buffer.buffer();
        for (SseFrame frame : encoder.encode(event)) {
            frames.appendString(frame.wire());
        }
        if (event.terminal()) {
            response.end(frames);
        } else if (frames.length() > 0) {
            response.write(frames);
        }
    }
}
