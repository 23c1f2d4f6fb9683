package dev.junction.gateway.backend;

import dev.junction.gateway.bus.BusCodecs;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;
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
    private final Runnable onDone;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean ended;
    private boolean cancelled;

    /** @param onDone runs once when the stream ends or is cancelled */
    BusChatSink(EventBus bus, String address, Runnable onDone) {
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
            onDone.run();
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
        List<Runnable> actions;
        synchronized (this) {
            if (ended || cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(cancelActions);
        }
        actions.forEach(BusChatSink::runQuietly);
        onDone.run();
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A cancel action failed", e);
        }
    }
}
