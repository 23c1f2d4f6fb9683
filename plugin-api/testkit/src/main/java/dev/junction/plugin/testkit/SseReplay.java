package dev.junction.plugin.testkit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FakeUpstream.Responder} that replays a recorded server-sent event stream (an {@code .sse}
 * transcript) exactly as written: its bytes, line ends, comments and {@code ping}s untouched,
 * cut into small pieces that split lines and characters as a network would. It can pace the events
 * ({@link #pacedBy}) or write only the first few and hold the rest ({@link #holdingAfter}) until
 * {@link #release()}, so that a test can cancel in the middle of a stream. Immutable but for the
 * release; one instance may answer several requests.
 *
 * @since 1.0.0
 */
public final class SseReplay implements FakeUpstream.Responder {

    private final List<byte[]> events;
    private final int pieceSize;
    private final Duration pace;
    private final int holdAfter;
    private final List<Runnable> held = new ArrayList<>();
    private boolean released;

    private SseReplay(List<byte[]> events, int pieceSize, Duration pace, int holdAfter) {
        this.events = events;
        this.pieceSize = pieceSize;
        this.pace = pace;
        this.holdAfter = holdAfter;
    }

    /** Replays {@code transcript} at once, in pieces of 37 bytes. */
    public static SseReplay of(String transcript) {
        return new SseReplay(split(transcript), 37, Duration.ZERO, Integer.MAX_VALUE);
    }

    /** This replay, written in pieces of {@code bytes} bytes. */
    public SseReplay inPiecesOf(int bytes) {
        return new SseReplay(events, bytes, pace, holdAfter);
    }

    /** This replay with {@code pause} after each event. */
    public SseReplay pacedBy(Duration pause) {
        return new SseReplay(events, pieceSize, pause, holdAfter);
    }

    /** This replay writing its first {@code count} events, then the rest only after {@link #release()}. */
    public SseReplay holdingAfter(int count) {
        return new SseReplay(events, pieceSize, pace, count);
    }

    /** How many events the transcript holds (blank-line separated blocks, comments included). */
    public int events() {
        return events.size();
    }

    /** Lets held answers go on with the rest of the transcript, and later ones write it without holding. */
    public void release() {
        List<Runnable> waiting;
        synchronized (this) {
            released = true;
            waiting = List.copyOf(held);
            held.clear();
        }
        waiting.forEach(Runnable::run);
    }

    @Override
    public void respond(FakeUpstream.Received request, HttpServerResponse response) {
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
        Vertx vertx = Vertx.currentContext().owner();
        new Writer(vertx, response).write(0, true);
    }

    /** Writes one answer's events, one after the other, on the response's event loop. */
    private final class Writer {
        private final Vertx vertx;
        private final HttpServerResponse response;

        Writer(Vertx vertx, HttpServerResponse response) {
            this.vertx = vertx;
            this.response = response;
        }

        void write(int next, boolean mayHold) {
            if (response.closed()) {
                return;
            }
            if (next == events.size()) {
                response.end();
                return;
            }
            if (mayHold && next == holdAfter && held(next)) {
                return;
            }
            byte[] event = events.get(next);
            for (int start = 0; start < event.length; start += pieceSize) {
                response.write(Buffer.buffer().appendBytes(event, start, Math.min(pieceSize, event.length - start)));
            }
            if (pace.isZero()) {
                write(next + 1, mayHold);
            } else {
                vertx.setTimer(pace.toMillis(), timer -> write(next + 1, mayHold));
            }
        }

        /** Whether the answer waits for {@link #release()}, which then goes on with it on its context. */
        private boolean held(int next) {
            synchronized (SseReplay.this) {
                if (released) {
                    return false;
                }
                Context context = Vertx.currentContext();
                held.add(() -> context.runOnContext(v -> write(next, false)));
                return true;
            }
        }
    }

    /** The transcript cut after each blank line, every byte kept. */
    static List<byte[]> split(String transcript) {
        List<byte[]> events = new ArrayList<>();
        int start = 0;
        int lineStart = 0;
        int at = 0;
        while (at < transcript.length()) {
            char c = transcript.charAt(at);
            if (c == '\r' || c == '\n') {
                int end = c == '\r' && at + 1 < transcript.length() && transcript.charAt(at + 1) == '\n' ? at + 2 : at + 1;
                if (at == lineStart && at > start) {
                    events.add(transcript.substring(start, end).getBytes(StandardCharsets.UTF_8));
                    start = end;
                }
                lineStart = end;
                at = end;
            } else {
                at++;
            }
        }
        if (start < transcript.length()) {
            events.add(transcript.substring(start).getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }
}
