package dev.junction.gateway.resilience;

import dev.junction.gateway.bus.ChatCall;
import dev.junction.gateway.bus.Demand;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One chat request served over a chain of backends ({@link Target#chain}): attempts, each through
 * the backend's circuit breaker, retried after a backoff or handed to the next backend as
 * {@link Recovery} says, as long as none of the answer has reached the client. The answer handler
 * gets the events of one answer, ending in exactly one terminal event: the answer's own, or the
 * failure of the last backend tried (a backend skipped for its open circuit is not tried; when all
 * are, the failure says the circuit is open). In a cluster, a retry goes to another node that
 * hosts the backend when there is one (the nodes that failed this request are avoided), and the
 * loss of the node that served an attempt does not count against the backend's circuit breaker.
 *
 * <p>Each attempt gets the request without the thinking signatures another backend or model made
 * ({@link ThinkingSignatures}), and the signatures of its answer are noted as its own. A call of a
 * client's own bytes ({@link ChatCall#relayed}) goes to each backend that relays them as they are,
 * and decoded to the others (a fallback to a backend of another dialect).
 *
 * <p>A stream's keep-alives are not part of the answer: a request whose stream a keep-alive opened
 * may still be retried, since the client has seen nothing it would have to forget.
 *
 * <p>{@link #cancel()} (the client left) stops the current attempt and any pending backoff: nothing
 * starts after it. {@link #pause()} and {@link #resume()} pass the reader's demand on to the current
 * attempt and to any that follows. Confined to the context of the request.
 */
public final class ResilientCall implements Demand {

    private static final VertxException UNHEALTHY = new VertxException("the backend failed", true);

    private final Vertx vertx;
    private final NodeDirectory nodes;
    private final CircuitBreakers breakers;
    private final DeadlineSweeper deadlines;
    private final RecoveryListener listener;
    private final ThinkingSignatures signatures;
    private final List<Target> chain;
    private final ChatCall request;
    private final Handler<ChatEvent> answer;
    private final RandomGenerator random;
    /** The nodes that failed this request: its retries go elsewhere when another node hosts the backend. */
    private final Set<String> failedNodes = new HashSet<>();
    private int index;
    private int retriesHere;
    private int retries;
    private ChatEvent.Failed lastFailure;
    private Attempt attempt;
    private long backoffTimer = -1;
    private boolean ended;
    private boolean paused;

    ResilientCall(
            Vertx vertx,
            NodeDirectory nodes,
            CircuitBreakers breakers,
            DeadlineSweeper deadlines,
            RecoveryListener listener,
            ThinkingSignatures signatures,
            List<Target> chain,
            ChatCall request,
            Handler<ChatEvent> answer,
            RandomGenerator random) {
        this.vertx = vertx;
        this.nodes = nodes;
        this.breakers = breakers;
        this.deadlines = deadlines;
        this.listener = listener;
        this.signatures = signatures;
        this.chain = List.copyOf(chain);
        this.request = request;
        this.answer = answer;
        this.random = random;
    }

    /** Sends the request to the first backend of the chain. Events may reach the handler before this returns. */
    public void start() {
        tryCurrent();
    }

    /** The client left: stops the attempt in flight and any pending retry; the handler hears nothing more. */
    public void cancel() {
        ended = true;
        if (backoffTimer >= 0) {
            vertx.cancelTimer(backoffTimer);
            backoffTimer = -1;
        }
        if (attempt != null) {
            attempt.cancel();
        }
    }

    /** Ends the call with {@code failure} (the gateway is stopping), whatever stage it is at. */
    public void abort(ChatEvent.Failed failure) {
        if (!ended) {
            cancel();
            answer.handle(failure);
        }
    }

    /** The client can take no more for now: the backend is granted nothing more until {@link #resume()}. */
    @Override
    public void pause() {
        paused = true;
        if (attempt != null) {
            attempt.pause();
        }
    }

    /** The client can take events again. */
    @Override
    public void resume() {
        paused = false;
        if (attempt != null) {
            attempt.resume();
        }
    }

    /** The backend of the latest attempt (or the one skipped last): the one that answered, once done. */
    public String backend() {
        return chain.get(index).backendId();
    }

    /** How many times a backend was tried again, over the whole chain. */
    public int retries() {
        return retries;
    }

    /** The routed backend when another one took over from it; else {@code null}. */
    public String fallbackFrom() {
        return index > 0 ? chain.get(0).backendId() : null;
    }

    private void tryCurrent() {
        if (ended) {
            return;
        }
        Target target = chain.get(index);
        CircuitBreaker breaker = breakers.of(target.backendId(), target.config().circuitBreaker());
        breaker.<Void>execute(() -> attempt(target, breaker.state() == CircuitBreakerState.HALF_OPEN))
                .onFailure(failure -> {
                    if (failure instanceof OpenCircuitException) {
                        skip(target);
                    }
                });
    }

    /** Runs one attempt; its future tells the breaker whether the backend looked healthy. */
    private Future<Void> attempt(Target target, boolean trial) {
        Promise<Void> health = Promise.promise();
        Attempt next = new Attempt(vertx, nodes, deadlines, target, signatures.noting(target, answer), ending -> {
            attempt = null;
            if (unhealthy(ending, trial)) {
                if (ending.failure() != null) {
                    breakers.failed(target.backendId(), ending.failure().message());
                }
                health.fail(UNHEALTHY);
            } else {
                health.complete();
            }
            ended(target, ending);
        }, failedNodes);
        attempt = next;
        next.start(request.map(decoded -> signatures.forTarget(decoded, target)));
        if (paused && attempt == next) {
            next.pause();
        }
        return health.future();
    }

    /**
     * Whether an attempt's ending counts against its backend. A circuit's trial request that the
     * client cancelled before any answer proves nothing, and the circuit opens again. The loss of the
     * node that served it says nothing of the backend.
     */
    private static boolean unhealthy(Attempt.Ending ending, boolean trial) {
        if (ending.cancelled() || ending.nodeLost()) {
            return trial && !ending.answered();
        }
        return ending.failure() != null && Recovery.unhealthy(ending.failure().kind());
    }

    private void ended(Target target, Attempt.Ending ending) {
        if (ending.cancelled() || ended) {
            return;
        }
        ChatEvent.Failed failure = ending.failure();
        if (failure == null) {
            ended = true;
        } else if (ending.answered()) {
            end(failure);
        } else {
            lastFailure = failure;
            switch (Recovery.next(failure, target.config().retries(), retriesHere)) {
                case RETRY -> retryLater(Recovery.delayMillis(failure, target.config().retries(), retriesHere, random));
                case FALL_BACK -> fallBack(failure);
                case GIVE_UP -> end(failure);
            }
        }
    }

    /** The backend's circuit is open: on to the next backend without trying this one. */
    private void skip(Target target) {
        if (ended) {
            return;
        }
        fallBack(lastFailure != null
                ? lastFailure
                : ChatEvent.Failed.of(
                        ErrorKind.UNAVAILABLE,
                        "Backend '" + target.backendId() + "' is unavailable: " + breakers.openReason(target.backendId()) + "."));
    }

    private void retryLater(long delayMillis) {
        retriesHere++;
        retries++;
        listener.retried(chain.get(index).backendId());
        backoffTimer = vertx.setTimer(Math.max(1, delayMillis), id -> {
            backoffTimer = -1;
            tryCurrent();
        });
    }

    private void fallBack(ChatEvent.Failed failure) {
        if (index + 1 < chain.size()) {
            listener.fellBack(chain.get(index).backendId(), chain.get(index + 1).backendId());
            index++;
            retriesHere = 0;
            tryCurrent();
        } else {
            end(failure);
        }
    }

    private void end(ChatEvent.Failed failure) {
        ended = true;
        answer.handle(failure);
    }
}
