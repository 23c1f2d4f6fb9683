package dev.junction.gateway.bus;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The front end's side of one request on the event bus.
 *
 * <p>Sending chooses the node that serves the request ({@link NodeDirectory#choose}), registers a
 * consumer for the exchange's events, then sends the request to the backend's address on that node
 * and waits for a quick acceptance, so a backend that no node hosts fails fast instead of hanging.
 * Every outcome reaches the event handler as events ending in exactly one terminal event: a
 * transport failure arrives as {@link ChatEvent.Failed}, and so does the loss of the serving node
 * ({@link ExchangeWatcher}; {@link #nodeLost()} tells it apart). {@link #cancel()} tells the backend
 * to stop.
 *
 * <p>The backend's events come in batches ({@link EventBatch}): the handler gets a batch's events
 * one after the other in one turn of the event loop, so that a writer can send them on together.
 *
 * <p>Flow control: the backend may send a window of events ahead of the handler, topped up as the
 * handler takes them, unless the reader {@link #pause() paused} ({@link Credit}). Confined to the
 * context that opened it.
 */
public final class BusExchange implements Demand, NodeDirectory.Watched {

    /** How long a backend may take to accept a request (not to answer it). */
    static final long ACCEPT_TIMEOUT_MS = 10_000;

    /** How long a cancelled exchange still takes in (and drops) what the backend sent before it stopped. */
    static final long DRAIN_AFTER_CANCEL_MS = 5_000;

    private final Vertx vertx;
    private final NodeDirectory nodes;
    private final EventBus bus;
    private final String id = newId();
    private final String backendId;
    private final Handler<ChatEvent> events;
    private final Credit credit;
    private MessageConsumer<EventBatch> consumer;
    /** Where the exchange's credit and cancel go: the serving node's exchange, once chosen. */
    private ExchangeRelay.Route credits;
    private ExchangeRelay.Route cancels;
    private Context context;
    /** The node that serves the exchange, once chosen, when it is another node (watched). */
    private String node;
    private boolean watched;
    private boolean nodeLost;
    private boolean accepted;
    private boolean ended;
    private boolean cancelled;

    private BusExchange(Vertx vertx, NodeDirectory nodes, String backendId, Handler<ChatEvent> events) {
        this.vertx = vertx;
        this.nodes = nodes;
        this.bus = vertx.eventBus();
        this.backendId = backendId;
        this.events = events;
        this.credit = new Credit(more -> credits.send(bus, Credit.message(more)));
    }

    /** An exchange with backend {@code backendId}, on a node {@code nodes} chooses, whose events will go to {@code events}. */
    public static BusExchange with(Vertx vertx, NodeDirectory nodes, String backendId, Handler<ChatEvent> events) {
        return new BusExchange(vertx, nodes, backendId, events);
    }

    /**
     * Sends the call to a node that hosts the backend, another than those of {@code avoid} if it
     * can: the client's bytes when the backend relays their dialect there, the decoded request
     * otherwise (a request that does not decode then fails the exchange). Events may arrive before
     * this returns (a backend that no node runs fails at once), so set up whatever {@link #cancel()}
     * needs first.
     */
    public void send(ChatCall call, Set<String> avoid) {
        if (ended) {
            return;
        }
        nodes.host(vertx, backendId, avoid).onSuccess(host -> {
            if (ended) {
                return;
            }
            if (host == null) {
                onEvent(nodes.noHost(backendId));
                return;
            }
            ExchangeRequest request;
            try {
                request = call.raw() != null && host.relays(call.raw().dialect())
                        ? new ExchangeRequest(id, null, call.raw(), Credit.WINDOW, nodes.self())
                        : new ExchangeRequest(id, call.request(), Credit.WINDOW, nodes.self());
            } catch (BackendException e) {
                onEvent(e.toEvent());
                return;
            }
            node = host.nodeId();
            credits = ExchangeRelay.json(nodes.self(), node, Addresses.credit(id));
            cancels = ExchangeRelay.json(nodes.self(), node, Addresses.cancel(id));
            if (!node.equals(nodes.self())) {
                context = vertx.getOrCreateContext();
                watched = true;
                nodes.watch(node, this);
            }
            // A local consumer: the serving node's events come through this node's relay (ExchangeRelay).
            consumer = bus.localConsumer(Addresses.reply(id), message -> onBatch(message.body()));
            consumer.completion()
                    .compose(registered -> bus.request(host.chat(), request, BusCodecs.requests(ACCEPT_TIMEOUT_MS)))
                    .onSuccess(reply -> onAccepted())
                    .onFailure(failure -> onEvent(rejection(failure)));
        });
    }

    /** Tells the backend to stop and drops whatever it still sends. Does nothing once ended. */
    public void cancel() {
        if (ended) {
            return;
        }
        cancelled = true;
        ended = true;
        unwatch();
        // Events already on their way still arrive: take them in quietly for a while, then let go.
        // Neither the quiet handler nor the timer holds this exchange: its request and answer are free at once.
        MessageConsumer<EventBatch> draining = consumer;
        if (draining != null) {
            draining.handler(dropped -> {});
            vertx.setTimer(DRAIN_AFTER_CANCEL_MS, timer -> draining.unregister());
        }
        if (accepted) {
            cancels.send(bus, new JsonObject());
        }
    }

    /**
     * The serving node is gone: the exchange ends with an unavailable failure, on its own context,
     * and the node, should it still be there, is told to stop.
     */
    @Override
    public void lost(String nodeId, String why) {
        context.runOnContext(v -> {
            if (ended) {
                return;
            }
            nodeLost = true;
            if (accepted) {
                cancels.send(bus, new JsonObject());
            }
            onEvent(ExchangeWatcher.cutOff(backendId, nodeId, why));
        });
    }

    /** The node chosen to serve the exchange; null before {@link #send}, or when no node could. */
    public String node() {
        return node;
    }

    /** Whether the exchange ended because its serving node was lost. */
    public boolean nodeLost() {
        return nodeLost;
    }

    /** The reader can take no more for now: grants the backend no more credit until {@link #resume()}. */
    @Override
    public void pause() {
        credit.pause();
    }

    /** The reader can take events again: tops the backend's credit up. */
    @Override
    public void resume() {
        if (!ended) {
            credit.resume();
        }
    }

    private void onAccepted() {
        accepted = true;
        if (cancelled) {
            cancels.send(bus, new JsonObject());
        }
    }

    /** Hands on the events of one batch, in one go, then counts the credit they used. */
    private void onBatch(EventBatch batch) {
        int used = 0;
        for (ChatEvent event : batch.events()) {
            if (ended) {
                return;
            }
            onEvent(event);
            used += Credit.cost(event);
        }
        if (!ended) {
            credit.used(used);
        }
    }

    private void onEvent(ChatEvent event) {
        if (ended) {
            return;
        }
        if (event.terminal()) {
            end();
        }
        events.handle(event);
    }

    private void end() {
        ended = true;
        unwatch();
        unregister();
    }

    private void unwatch() {
        if (watched) {
            watched = false;
            nodes.unwatch(node, this);
        }
    }

    private void unregister() {
        if (consumer != null) {
            consumer.unregister();
        }
    }

    /**
     * Names the exchange's addresses: 128 random bits, unique enough across the cluster, from a source
     * that costs no system call (a secure one, as {@link UUID#randomUUID()} uses, would).
     */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private ChatEvent rejection(Throwable failure) {
        if (failure instanceof ReplyException reply) {
            return switch (reply.failureType()) {
                case NO_HANDLERS -> ChatEvent.Failed.of(
                        ErrorKind.UNAVAILABLE, "Backend '" + backendId + "' no longer runs on node " + node + ".");
                case TIMEOUT -> ChatEvent.Failed.of(
                        ErrorKind.UNAVAILABLE, "Backend '" + backendId + "' did not accept the request in time.");
                default -> ChatEvent.Failed.of(ErrorKind.INTERNAL, "Backend '" + backendId + "' failed: " + reply.getMessage());
            };
        }
        return ChatEvent.Failed.of(ErrorKind.INTERNAL, "Backend '" + backendId + "' failed: " + failure.getMessage());
    }
}
