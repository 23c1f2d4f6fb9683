package dev.junction.gateway.bus;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonObject;
import java.util.function.IntConsumer;

/**
 * The front end's account of one exchange's credit: how many more events the backend may send.
 * The backend starts with {@link #WINDOW} ({@link ExchangeRequest#credit()}); each event it sends
 * uses one, whatever the batch it travels in ({@link EventBatch}), but a relay's bytes
 * ({@link ChatEvent.Relayed}) use one per {@value #RELAYED_BYTES} bytes they hold ({@link #cost}), so
 * that a window of relayed upstream reads is as small as a window of events. Once half the window is used,
 * and unless the reader paused, the front end tops it up to a full window with a message on
 * {@link Addresses#credit}, {@code {"events": n}}. A paused reader grants nothing, so the backend
 * sends at most one window beyond what the reader took. Confined to the exchange's context.
 */
public final class Credit implements Demand {

    /** The events a backend may send ahead of the reader. */
    static final int WINDOW = 128;

    /** The relayed bytes one event of credit covers. */
    static final int RELAYED_BYTES = 1024;

    private final IntConsumer grant;
    private int outstanding = WINDOW;
    private boolean paused;

    /** @param grant sends the backend credit for that many more events */
    Credit(IntConsumer grant) {
        this.grant = grant;
    }

    /** The credit {@code event} uses: one, or one per {@value #RELAYED_BYTES} relayed bytes (at least one). */
    public static int cost(ChatEvent event) {
        return event instanceof ChatEvent.Relayed relayed
                ? Math.max(1, (relayed.bytes().length() + RELAYED_BYTES - 1) / RELAYED_BYTES)
                : 1;
    }

    /** {@code events} granted events arrived and were handed on. */
    void used(int events) {
        outstanding -= events;
        topUp();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
        topUp();
    }

    private void topUp() {
        if (!paused && outstanding <= WINDOW / 2) {
            grant.accept(WINDOW - outstanding);
            outstanding = WINDOW;
        }
    }

    /** The message that grants {@code events} more events. */
    static JsonObject message(int events) {
        return new JsonObject().put("events", events);
    }

    /** How many events a credit message grants (none if it is malformed). */
    public static int events(JsonObject message) {
        return message.getValue("events") instanceof Integer events && events > 0 ? events : 0;
    }
}
