package dev.junction.plugin.testkit;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A backend for the kit's own tests that answers by its request's model ({@code text}, {@code fail},
 * {@code slow}) as the contract wants, but for one {@link Flaw}.
 */
final class ScriptedBackend implements Backend {

    /** The rule the backend breaks. */
    enum Flaw {
        NONE,
        NO_MESSAGE_START,
        EVENT_AFTER_FINISH,
        WRONG_FAILURE_KIND,
        IGNORES_CANCEL,
        /** A blocking backend whose call goes on blocking for seconds after the cancel. */
        RETURNS_LATE_AFTER_CANCEL,
        ACCEPTS_ANY_OPTION
    }

    private final Flaw flaw;
    private final boolean blocking;
    private final Vertx vertx;

    private ScriptedBackend(Flaw flaw, boolean blocking, Vertx vertx) {
        this.flaw = flaw;
        this.blocking = blocking;
        this.vertx = vertx;
    }

    /**
     * A factory of backends with {@code flaw}, blocking ones (whose slow answer blocks its thread
     * until the cancel) if {@code blocking}; it rejects the option {@code bad} unless that is the flaw.
     */
    static BackendFactory factory(Flaw flaw, boolean blocking) {
        return (BackendContext context) -> {
            if (context.options().containsKey("bad") && flaw != Flaw.ACCEPTS_ANY_OPTION) {
                throw new BackendException(ErrorKind.INVALID_REQUEST, "options.bad: not an option");
            }
            return new ScriptedBackend(flaw, blocking, context.vertx());
        };
    }

    @Override
    public boolean blocking() {
        return blocking;
    }

    @Override
    public void chat(ChatRequest request, ChatSink sink) {
        if (request.model().equals("fail")) {
            sink.emit(ChatEvent.Failed.of(
                    flaw == Flaw.WRONG_FAILURE_KIND ? ErrorKind.INTERNAL : ErrorKind.RATE_LIMITED, "slow down"));
            return;
        }
        if (flaw != Flaw.NO_MESSAGE_START) {
            sink.emit(new ChatEvent.MessageStart("msg_1", request.model()));
        }
        sink.emit(ChatEvent.BlockStart.text(0));
        sink.emit(new ChatEvent.TextDelta(0, "Hi"));
        if (request.model().equals("slow") && blocking) {
            while (!sink.cancelled()) {
                sink.emit(new ChatEvent.TextDelta(0, "."));
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            if (flaw == Flaw.RETURNS_LATE_AFTER_CANCEL) {
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            }
            return;
        }
        if (request.model().equals("slow")) {
            long timer = vertx.setPeriodic(20, id -> sink.emit(new ChatEvent.TextDelta(0, ".")));
            if (flaw != Flaw.IGNORES_CANCEL) {
                sink.onCancel(() -> vertx.cancelTimer(timer));
            }
            return;
        }
        sink.emit(new ChatEvent.BlockStop(0));
        sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        if (flaw == Flaw.EVENT_AFTER_FINISH) {
            vertx.setTimer(50, id -> sink.emit(ChatEvent.Usage.of(1, 1)));
        }
    }
}
