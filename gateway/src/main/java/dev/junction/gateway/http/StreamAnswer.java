package dev.junction.gateway.http;

import dev.junction.gateway.bus.Demand;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Streams the answer as server-sent events. The first event goes out at once; after it, the events
 * that arrive together (one batch from the backend) go out as one write ({@link CoalescedWrites}),
 * so nothing is held back and an unpaced stream does not cost a system call per event. A failure
 * before the first event is a plain HTTP error; after it, the dialect's error event ends the stream.
 * A relayed answer ({@link ChatEvent.Relayed}) goes out byte for byte as the upstream sent it.
 *
 * <p>Keep-alive: one timer per stream watches for silence. When nothing was written for the
 * configured time, the dialect's keep-alive goes out ({@link dev.junction.gateway.dialect.ApiFamily#keepAlive()}); a backend that
 * is silent that long before its first event (a CLI starting, a model thinking) opens the stream
 * with it, so that clients and proxies do not give up on the request. The timer is cancelled at the
 * terminal event and when the client goes away.
 *
 * <p>Flow control: when a write leaves the response's write queue full, or {@link CoalescedWrites#full()
 * 64 KiB not on the socket yet} (the client reads slower than the backend answers), the writer
 * {@link Demand#pause() pauses} its source, and resumes it when both have drained; so what waits
 * for a slow client is those 64 KiB and one credit window. The
 * source is paused too while bytes wait for the end of the turn, and resumed once they are written
 * to a queue that is not full.
 * Confined to the request's context, like the events and timers it handles.
 */
final class StreamAnswer implements AnswerWriter {

    private final RoutingContext ctx;
    private final ChatDialect dialect;
    private final Supplier<DecodedRequest> request;
    private StreamEncoder encoder;
    private final long keepAliveMillis;
    private final CoalescedWrites writes;
    private boolean started;
    /** The answer is a relay's: its bytes go out as they are. */
    private boolean relayed;
    private boolean done;
    private long lastWrite = System.nanoTime();
    private long timer = -1;
    private Demand source;
    /** The response's write queue is full: the source waits for it to drain. */
    private boolean paused;
    /** Bytes wait for the end of the turn: the source waits for them to be written. */
    private boolean holding;

    /**
     * @param request the request, decoded when an answer that is not relayed needs its encoder
     * @param keepAliveMillis the silence after which a keep-alive is written; 0 for none
     */
    StreamAnswer(RoutingContext ctx, ChatDialect dialect, Supplier<DecodedRequest> request, long keepAliveMillis) {
        this.ctx = ctx;
        this.dialect = dialect;
        this.request = request;
        this.keepAliveMillis = keepAliveMillis;
        this.writes = new CoalescedWrites(ctx.vertx(), ctx.response(), this::holding, this::written, this::drained);
        if (keepAliveMillis > 0) {
            arm(keepAliveMillis);
        }
    }

    @Override
    public void write(ChatEvent event) {
        HttpServerResponse response = ctx.response();
        if (done || response.closed() || response.ended()) {
            close();
            return;
        }
        if (!started) {
            if (event instanceof ChatEvent.Failed failed) {
                close();
                ErrorResponses.send(ctx, dialect.family(), ErrorResponses.of(dialect.family(), failed));
                return;
            }
            start(response);
        }
        Buffer frames = frames(event);
        if (event.terminal()) {
            close();
            Promise<Void> written = Promise.promise();
            RequestFacts.of(ctx).lastPartWritten = written.future();
            writes.end(frames).onComplete(written);
        } else if (frames.length() > 0) {
            writes.write(frames);
            lastWrite = System.nanoTime();
        }
    }

    /**
     * What {@code event} writes: a relay's bytes as they are (its usage and finish write nothing, its
     * failure the dialect's error event); the dialect's frames otherwise.
     */
    private Buffer frames(ChatEvent event) {
        if (event instanceof ChatEvent.Relayed bytes) {
            relayed = true; // a relay's answer opens with its bytes, also after a keep-alive
            return bytes.bytes();
        }
        Buffer frames = Buffer.buffer();
        if (relayed && !(event instanceof ChatEvent.Failed)) {
            return frames;
        }
        if (encoder == null) {
            encoder = dialect.streamEncoder(request.get());
        }
        for (SseFrame frame : encoder.encode(event)) {
            frames.appendString(frame.wire());
        }
        return frames;
    }

    /**
     * Bytes wait for the end of the turn: the source is granted nothing more until they are written,
     * so that its credit is not topped up before the write shows whether the client keeps up.
     */
    private void holding() {
        if (source != null && !paused && !holding) {
            holding = true;
            source.pause();
        }
    }

    /** After a write: the source waits while the client does not keep up, and goes on otherwise. */
    private void written() {
        boolean held = holding;
        holding = false;
        if (source == null || paused) {
            return;
        }
        if (ctx.response().writeQueueFull() || writes.full()) {
            paused = true;
            if (!held) {
                source.pause();
            }
        } else if (held) {
            source.resume();
        }
    }

    @Override
    public void paceWith(Demand source) {
        this.source = source;
        ctx.response().drainHandler(drained -> drained());
    }

    /** The write queue or the bytes not on the socket drained: a paused source goes on unless either is still full. */
    private void drained() {
        if (paused && !done && !ctx.response().writeQueueFull() && !writes.full()) {
            paused = false;
            source.resume();
        }
    }

    /** Stops the keep-alive timer; nothing is written after this. */
    @Override
    public void close() {
        done = true;
        if (timer >= 0) {
            ctx.vertx().cancelTimer(timer);
            timer = -1;
        }
    }

    private void start(HttpServerResponse response) {
        started = true;
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private void arm(long delayMillis) {
        timer = ctx.vertx().setTimer(Math.max(1, delayMillis), id -> onTimer());
    }

    /** Writes a keep-alive if the stream has been silent long enough, then waits for the next one. */
    private void onTimer() {
        timer = -1;
        HttpServerResponse response = ctx.response();
        if (done || response.closed() || response.ended()) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWrite);
        if (silentMillis < keepAliveMillis) {
            arm(keepAliveMillis - silentMillis);
            return;
        }
        if (!started) {
            start(response);
        }
        writes.write(Buffer.buffer(dialect.family().keepAlive()));
        lastWrite = System.nanoTime();
        arm(keepAliveMillis);
    }
}
