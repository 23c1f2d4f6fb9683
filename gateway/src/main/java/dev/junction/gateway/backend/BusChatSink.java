package dev.junction.gateway.backend;

import dev.junction.gateway.bus.BusCodecs;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatSink} that sends each event to the exchange's reply address. Thread-safe: events
 * are sent under a lock, so that emits from several threads keep their order.
 */
final class BusChatSink implements ChatSink {

    private static final Logger LOG = LoggerFactory.getLogger(BusChatSink.class);

    private final EventBus bus;
    private final String address;
    private final Consumer<BusChatSink> onDone;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean ended;
    private boolean cancelled;

    /** @param onDone gets this sink once, when the stream ends, is cancelled or is aborted */
    BusChatSink(EventBus bus, String address, Consumer<BusChatSink> onDone) {
        this.bus = bus;
        this.address = address;
        this.onDone = onDone;
    }

    @Override
    public void emit(ChatEvent event) {
        synchronized (this) {
            if (ended || cancelled) {
                return;
            }
            ended = event.terminal();
            bus.send(address, event, BusCodecs.EVENTS);
        }
        if (event.terminal()) {
            onDone.accept(this);
        }
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (ended) {
                return;
            }
            if (!cancelled) {
                cancelActions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** The client went away: stops the stream and runs the cancel actions. */
    void cancel() {
        stop(null);
    }

    /** Ends the stream with {@code failure} and, as a cancel does, tells the backend to stop. */
    void abort(ChatEvent.Failed failure) {
        stop(failure);
    }

    private void stop(ChatEvent.Failed failure) {
        List<Runnable> actions;
        synchronized (this) {
            if (ended || cancelled) {
                return;
            }
            cancelled = true;
            if (failure != null) {
                bus.send(address, failure, BusCodecs.EVENTS);
            }
            actions = List.copyOf(cancelActions);
        }
        actions.forEach(BusChatSink::runQuietly);
        onDone.accept(this);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A cancel action failed", e);
        }
    }
}
