package dev.junction.gateway.http;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Vertx;
import org.pf4j.Extension;

/**
 * A test plugin's factory: a non-blocking backend that answers with text deltas {@code "w0 "},
 * {@code "w1 "}, ..., all of them in one go (model {@code burst}: {@link #BURST}, as one upstream read
 * of an unpaced stream would bring them) or {@link #PACE_MS} apart (model {@code paced}: {@link #PACED}).
 */
@Extension
public class BurstBackendFactory implements BackendFactory {

    public static final int BURST = 100;
    public static final int PACED = 4;
    public static final long PACE_MS = 300;

    @Override
    public Backend create(BackendContext context) {
        return new BurstBackend(context.vertx());
    }

    /** The text of the i-th delta. */
    public static String delta(int i) {
        return "w" + i + " ";
    }

    public static class BurstBackend implements Backend {

        private final Vertx vertx;

        BurstBackend(Vertx vertx) {
            this.vertx = vertx;
        }

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            sink.emit(new ChatEvent.MessageStart("msg_burst", request.model()));
            sink.emit(ChatEvent.BlockStart.text(0));
            if (request.model().equals("paced")) {
                pace(sink, 0);
                return;
            }
            for (int i = 0; i < BURST; i++) {
                sink.emit(new ChatEvent.TextDelta(0, delta(i)));
            }
            finish(sink, BURST);
        }

        private void pace(ChatSink sink, int i) {
            if (sink.cancelled()) {
                return;
            }
            sink.emit(new ChatEvent.TextDelta(0, delta(i)));
            if (i + 1 == PACED) {
                finish(sink, PACED);
            } else {
                vertx.setTimer(PACE_MS, id -> pace(sink, i + 1));
            }
        }

        private static void finish(ChatSink sink, int deltas) {
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Usage.of(1, deltas));
            sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        }
    }
}
