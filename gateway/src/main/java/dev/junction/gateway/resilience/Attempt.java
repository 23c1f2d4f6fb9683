package dev.junction.gateway.resilience;

import dev.junction.gateway.bus.BusExchange;
import dev.junction.gateway.bus.ChatCall;
import dev.junction.gateway.bus.Demand;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.config.ResilienceConfig;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One try of a chat request on one backend: a {@link BusExchange} watched by the backend's timeouts,
 * on a node other than those that failed the request before when another hosts the backend.
 *
 * <p>The attempt passes the backend's events on as they come, except its leading
 * {@link ChatEvent.MessageStart}, held back until the first event after it: an attempt that fails
 * right after starting has then passed nothing on and can be replaced unseen. A failure is never
 * passed on: it ends the attempt, and whoever started it decides what the client sees. A timeout
 * cancels the exchange and ends the attempt as failed with {@link ErrorKind#TIMEOUT}.
 *
 * <p>Timeouts are watched by the node's {@link DeadlineSweeper}, on this attempt's context, which
 * asks for the nearest deadline at each tick: events cost no timer work. While the reader is
 * {@link #pause() paused} the backend is silent because it was asked to be: only the total timeout
 * runs then, and the idle one starts afresh at {@link #resume()}. Confined to the context that started it.
 */
final class Attempt implements DeadlineSweeper.Watched, Demand {

    /**
     * How an attempt ended.
     *
     * @param failure the failure, or {@code null} when the answer finished or the attempt was cancelled
     * @param answered whether part of the answer was passed on
     * @param cancelled whether {@link #cancel()} ended it
     * @param nodeLost whether the failure is the loss of the node that served it (not the backend's doing)
     */
    record Ending(ChatEvent.Failed failure, boolean answered, boolean cancelled, boolean nodeLost) {}

    private final Vertx vertx;
    private final NodeDirectory nodes;
    private final DeadlineSweeper deadlines;
    private final Target target;
    private final Handler<ChatEvent> answer;
    private final Handler<Ending> onEnd;
    private final Set<String> failedNodes;
    private final long startNanos = System.nanoTime();
    private BusExchange exchange;
    private ChatEvent.MessageStart held;
    private long lastEventNanos = -1;
    private boolean answered;
    private boolean ended;
    private boolean paused;

    /**
     * @param answer where the attempt's events go, the held-back start first
     * @param onEnd told once, when the attempt ended whichever way (after a finished answer's last event)
     * @param failedNodes the nodes that failed the request before, to avoid; a failure adds its node
     */
    Attempt(
            Vertx vertx,
            NodeDirectory nodes,
            DeadlineSweeper deadlines,
            Target target,
            Handler<ChatEvent> answer,
            Handler<Ending> onEnd,
            Set<String> failedNodes) {
        this.vertx = vertx;
        this.nodes = nodes;
        this.failedNodes = failedNodes;
        this.deadlines = deadlines;
        this.target = target;
        this.answer = answer;
        this.onEnd = onEnd;
    }

    /** Sends the call to the target backend, asking for the target's model. */
    void start(ChatCall call) {
        exchange = BusExchange.with(vertx, nodes, target.backendId(), this::onEvent);
        if (target.config().timeouts().any()) {
            deadlines.watch(this);
        }
        exchange.send(call.withModel(target.model()), failedNodes);
    }

    /** Stops the attempt and tells the backend to stop; ends it as cancelled unless it had ended. */
    void cancel() {
        if (!ended) {
            exchange.cancel();
            end(new Ending(null, answered, true, false));
        }
    }

    @Override
    public void pause() {
        paused = true;
        exchange.pause();
    }

    @Override
    public void resume() {
        paused = false;
        if (lastEventNanos >= 0) {
            lastEventNanos = System.nanoTime();
        }
        exchange.resume();
    }

    private void onEvent(ChatEvent event) {
        if (ended) {
            return;
        }
        lastEventNanos = System.nanoTime();
        if (event instanceof ChatEvent.Failed failed) {
            end(new Ending(failed, answered, false, exchange.nodeLost()));
        } else if (!answered && held == null && event instanceof ChatEvent.MessageStart start) {
            held = start;
        } else {
            answered = true;
            if (held != null) {
                answer.handle(held);
                held = null;
            }
            if (event.terminal()) {
                ended = true; // the client's end may come while the last event is written: nothing to cancel then
                answer.handle(event);
                end(new Ending(null, true, false, false));
            } else {
                answer.handle(event);
            }
        }
    }

    private void end(Ending ending) {
        ended = true;
        if (ending.failure() != null && exchange.node() != null) {
            failedNodes.add(exchange.node());
        }
        deadlines.unwatch(this);
        onEnd.handle(ending);
    }

    @Override
    public void expired() {
        if (ended) {
            return;
        }
        exchange.cancel();
        end(new Ending(ChatEvent.Failed.of(ErrorKind.TIMEOUT, timeoutMessage()), answered, false, false));
    }

    /** The nearest deadline in {@link System#nanoTime()} terms; {@link Long#MAX_VALUE} for none. */
    @Override
    public long deadline() {
        ResilienceConfig.Timeouts timeouts = target.config().timeouts();
        long deadline = Long.MAX_VALUE;
        if (timeouts.totalSeconds() > 0) {
            deadline = startNanos + TimeUnit.SECONDS.toNanos(timeouts.totalSeconds());
        }
        if (paused) {
            return deadline;
        }
        if (lastEventNanos < 0 && timeouts.firstEventSeconds() > 0) {
            deadline = Math.min(deadline, startNanos + TimeUnit.SECONDS.toNanos(timeouts.firstEventSeconds()));
        } else if (lastEventNanos >= 0 && timeouts.idleSeconds() > 0) {
            deadline = Math.min(deadline, lastEventNanos + TimeUnit.SECONDS.toNanos(timeouts.idleSeconds()));
        }
        return deadline;
    }

    private String timeoutMessage() {
        ResilienceConfig.Timeouts timeouts = target.config().timeouts();
        String backend = "Backend '" + target.backendId() + "'";
        long now = System.nanoTime();
        if (timeouts.totalSeconds() > 0 && now - startNanos >= TimeUnit.SECONDS.toNanos(timeouts.totalSeconds())) {
            return backend + " did not finish its answer within " + timeouts.totalSeconds() + " s.";
        }
        if (lastEventNanos < 0) {
            return backend + " sent nothing within " + timeouts.firstEventSeconds() + " s.";
        }
        return backend + " went silent for " + timeouts.idleSeconds() + " s.";
    }
}
