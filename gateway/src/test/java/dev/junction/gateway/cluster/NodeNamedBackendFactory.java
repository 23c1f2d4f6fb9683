package dev.junction.gateway.cluster;

import dev.junction.plugin.Availability;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.TokenCount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.pf4j.Extension;

/**
 * A test plugin's factory: a non-blocking backend that says which node serves it (its option
 * {@code node}), unavailable when its option {@code available} is false. Its answers, by model:
 *
 * <ul>
 *   <li>{@code who}: the node's name, at once;
 *   <li>{@code slow}: the node's name after {@link #SLOW_MS};
 *   <li>{@code held}: nothing until cancelled when the option {@code hold} is true, else as {@code who};
 *   <li>{@code words}: {@code "<node>:<i> "} for i from 0 to {@link #WORDS} - 1, one each
 *       {@link #WORD_MS}, then the end; {@code endless}: the same until cancelled;
 *   <li>{@code many}: {@code "<i> "} for i from 0 to {@link #MANY} - 1, as fast as the sink is
 *       ready for them (as far as the front end's credit goes), then the end.
 * </ul>
 *
 * Counting tokens answers the option {@code count}. Each request and cancel is noted in {@link NodeProbe}.
 */
@Extension
public class NodeNamedBackendFactory implements BackendFactory {

    public static final long SLOW_MS = 1_500;
    public static final long WORD_MS = 100;
    public static final int WORDS = 30;
    public static final int MANY = 2_000;

    @Override
    public Backend create(BackendContext context) {
        return new NodeNamedBackend(context.vertx(), context.options().getString("node"),
                context.options().getBoolean("available", true), context.options().getBoolean("hold", false),
                context.options().getInteger("count", 0));
    }

    /** Answers with the name of its node. */
    public static class NodeNamedBackend implements Backend {

        private final Vertx vertx;
        private final String node;
        private final boolean available;
        private final boolean hold;
        private final int count;

        NodeNamedBackend(Vertx vertx, String node, boolean available, boolean hold, int count) {
            this.vertx = vertx;
            this.node = node;
            this.available = available;
            this.hold = hold;
            this.count = count;
        }

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public Availability availability() {
            return available ? Availability.AVAILABLE : Availability.unavailable("switched off on node " + node);
        }

        @Override
        public Future<TokenCount> countTokens(ChatRequest request) {
            return Future.succeededFuture(new TokenCount(count, true));
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            String model = request.model();
            NodeProbe.arrivals.add(node + ":" + model);
            sink.onCancel(() -> NodeProbe.cancels.add(node + ":" + model));
            switch (model) {
                case "slow" -> vertx.setTimer(SLOW_MS, id -> answer(sink, node));
                case "held" -> {
                    if (!hold) {
                        answer(sink, node);
                    }
                }
                case "words", "endless" -> {
                    sink.emit(new ChatEvent.MessageStart("msg_" + node, model));
                    sink.emit(ChatEvent.BlockStart.text(0));
                    word(sink, 0, model.equals("words") ? WORDS : Integer.MAX_VALUE);
                }
                case "many" -> {
                    sink.emit(new ChatEvent.MessageStart("msg_" + node, model));
                    sink.emit(ChatEvent.BlockStart.text(0));
                    many(sink, 0);
                }
                default -> answer(sink, node);
            }
        }

        /** Emits from {@code i} on while the sink is ready, then goes on when it is ready again. */
        private void many(ChatSink sink, int i) {
            int next = i;
            while (next < MANY && sink.ready()) {
                sink.emit(new ChatEvent.TextDelta(0, next + " "));
                next++;
            }
            if (next == MANY) {
                sink.emit(new ChatEvent.BlockStop(0));
                sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
            } else if (!sink.cancelled()) {
                int from = next;
                sink.onReady(() -> vertx.runOnContext(v -> many(sink, from)));
            }
        }

        private void word(ChatSink sink, int i, int words) {
            if (sink.cancelled()) {
                return;
            }
            if (i == words) {
                sink.emit(new ChatEvent.BlockStop(0));
                sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
                return;
            }
            sink.emit(new ChatEvent.TextDelta(0, node + ":" + i + " "));
            vertx.setTimer(WORD_MS, id -> word(sink, i + 1, words));
        }

        private static void answer(ChatSink sink, String text) {
            sink.emit(new ChatEvent.MessageStart("msg_" + text, "who"));
            sink.emit(ChatEvent.BlockStart.text(0));
            sink.emit(new ChatEvent.TextDelta(0, text));
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Usage.of(3, 1));
            sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        }
    }
}
