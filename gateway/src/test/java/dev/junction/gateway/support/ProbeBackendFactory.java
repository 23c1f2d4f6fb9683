package dev.junction.gateway.support;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.TokenCount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * A test plugin's factory: a non-blocking backend whose behaviour the model name chooses, and that
 * records what it receives in {@link RequestProbe}.
 *
 * <ul>
 *   <li>chat {@code pause-first}: silent for {@link #PAUSE_MS} before its first event, then answers "ok";
 *   <li>chat {@code pause-mid}: "a", a pause of {@link #PAUSE_MS}, then "b";
 *   <li>chat {@code fail-late}: "a", a pause of {@link #PAUSE_MS}, then fails as overloaded;
 *   <li>chat {@code burst}: {@link #BURST} deltas {@link #delta(int) "w0 ", "w1 "}, ... in one go, as one
 *       upstream read of an unpaced stream would bring them;
 *   <li>chat {@code paced}: {@link #PACED} such deltas, {@link #PACE_MS} apart;
 *   <li>chat, any other model: answers "ok" at once;
 *   <li>count tokens {@code count-overloaded}: fails as overloaded; else 42, exact;
 *   <li>embed {@code embed-limited}: fails as rate limited; {@code embed-throws} throws; else one
 *       vector per input, {@code [i, -0.5, 0.1]}, 3 tokens per input.
 * </ul>
 */
@Extension
public class ProbeBackendFactory implements BackendFactory {

    public static final long PAUSE_MS = 2_200;
    public static final int BURST = 100;
    public static final int PACED = 4;
    public static final long PACE_MS = 300;

    @Override
    public Backend create(BackendContext context) {
        return new ProbeBackend(context.vertx());
    }

    /** The text of the i-th delta of {@code burst} and {@code paced}. */
    public static String delta(int i) {
        return "w" + i + " ";
    }

    public static class ProbeBackend implements Backend {

        private final Vertx vertx;

        ProbeBackend(Vertx vertx) {
            this.vertx = vertx;
        }

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            RequestProbe.chats.add(request);
            switch (request.model()) {
                case "pause-first" -> vertx.setTimer(PAUSE_MS, id -> answer(request, sink, "ok"));
                case "pause-mid", "fail-late" -> {
                    sink.emit(new ChatEvent.MessageStart("msg_probe", request.model()));
                    sink.emit(ChatEvent.BlockStart.text(0));
                    sink.emit(new ChatEvent.TextDelta(0, "a"));
                    vertx.setTimer(PAUSE_MS, id -> {
                        if (request.model().equals("fail-late")) {
                            sink.emit(ChatEvent.Failed.of(ErrorKind.OVERLOADED, "probe is overloaded"));
                            return;
                        }
                        sink.emit(new ChatEvent.TextDelta(0, "b"));
                        sink.emit(new ChatEvent.BlockStop(0));
                        sink.emit(ChatEvent.Usage.of(3, 2));
                        sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
                    });
                }
                case "burst" -> {
                    sink.emit(new ChatEvent.MessageStart("msg_probe", request.model()));
                    sink.emit(ChatEvent.BlockStart.text(0));
                    for (int i = 0; i < BURST; i++) {
                        sink.emit(new ChatEvent.TextDelta(0, delta(i)));
                    }
                    finish(sink, BURST);
                }
                case "paced" -> {
                    sink.emit(new ChatEvent.MessageStart("msg_probe", request.model()));
                    sink.emit(ChatEvent.BlockStart.text(0));
                    pace(sink, 0);
                }
                default -> answer(request, sink, "ok");
            }
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

        private static void answer(ChatRequest request, ChatSink sink, String text) {
            sink.emit(new ChatEvent.MessageStart("msg_probe", request.model()));
            sink.emit(ChatEvent.BlockStart.text(0));
            sink.emit(new ChatEvent.TextDelta(0, text));
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Usage.of(3, 1));
            sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        }

        @Override
        public Future<TokenCount> countTokens(ChatRequest request) {
            RequestProbe.counts.add(request);
            if (request.model().equals("count-overloaded")) {
                return Future.failedFuture(new BackendException(ErrorKind.OVERLOADED, "probe cannot count now"));
            }
            return Future.succeededFuture(new TokenCount(42, true));
        }

        @Override
        public Future<Embeddings> embed(EmbeddingRequest request) {
            RequestProbe.embeds.add(request);
            switch (request.model()) {
                case "embed-limited" -> {
                    return Future.failedFuture(new BackendException(ErrorKind.RATE_LIMITED, "probe embeds slowly"));
                }
                case "embed-throws" -> throw new IllegalStateException("probe broke");
                default -> {
                    List<List<Double>> vectors = new ArrayList<>();
                    for (int i = 0; i < request.input().size(); i++) {
                        vectors.add(List.of((double) i, -0.5, 0.1));
                    }
                    return Future.succeededFuture(new Embeddings("probe-embed-v1", vectors, 3 * request.input().size()));
                }
            }
        }
    }
}
