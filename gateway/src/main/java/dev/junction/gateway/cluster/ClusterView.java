package dev.junction.gateway.cluster;

import dev.junction.gateway.bus.Addresses;
import dev.junction.gateway.cluster.ClusterSnapshot.NodeAnswer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Asks every live node of the cluster ({@link Membership#nodes}) at once for its
 * {@link NodeReport}: this node directly, the others on their {@link Addresses#nodeInfo} address.
 * A node that does not answer within the timeout is reported unreachable, so a snapshot takes
 * about the timeout at worst. Never blocks; a gateway without a cluster asks itself alone.
 */
public final class ClusterView {

    /** How long {@code /health} waits for the nodes. */
    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    /** How long {@code GET models} waits for the nodes: their backends may ask an upstream. */
    public static final Duration MODELS_TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Membership membership;
    private final LocalNode local;

    public ClusterView(Vertx vertx, Membership membership, LocalNode local) {
        this.vertx = vertx;
        this.membership = membership;
        this.local = local;
    }

    /**
     * Every live node's answer about every backend, this node first, then the others by id;
     * completes within about {@code timeout}, never fails. A node gets three quarters of it for its
     * backends' answers, so that its report arrives in time.
     */
    public Future<ClusterSnapshot> ask(Duration timeout) {
        return ask(timeout, id -> true, new JsonObject());
    }

    /** As {@link #ask(Duration)}, about the backends {@code backendIds} only (their models, say). */
    public Future<ClusterSnapshot> ask(Duration timeout, Set<String> backendIds) {
        return ask(
                timeout,
                backendIds::contains,
                new JsonObject().put(LocalNode.BACKENDS_FIELD, new JsonArray(new ArrayList<>(backendIds))));
    }

    private Future<ClusterSnapshot> ask(Duration timeout, Predicate<String> wanted, JsonObject question) {
        Duration within = timeout.multipliedBy(3).dividedBy(4);
        question.put(LocalNode.WITHIN_FIELD, within.toMillis());
        List<Future<NodeAnswer>> answers = new ArrayList<>();
        answers.add(local.report(within, wanted).map(NodeAnswer::of));
        membership.nodes().stream()
                .filter(node -> !node.equals(local.id()))
                .sorted()
                .forEach(node -> answers.add(remote(node, timeout, question)));
        return Future.join(answers).map(done -> new ClusterSnapshot(answers.stream().map(Future::result).toList()));
    }

    private Future<NodeAnswer> remote(String node, Duration timeout, JsonObject question) {
        return vertx.eventBus()
                .<JsonObject>request(Addresses.nodeInfo(node), question, new DeliveryOptions().setSendTimeout(timeout.toMillis()))
                .map(reply -> NodeAnswer.of(NodeReport.fromJson(reply.body())))
                .recover(failure -> Future.succeededFuture(NodeAnswer.unreachable(node, why(failure, timeout))));
    }

    private static String why(Throwable failure, Duration timeout) {
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
            return "did not answer within " + timeout.toMillis() + " ms";
        }
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return "does not answer on the event bus (starting or stopping)";
        }
        return "could not be asked: " + failure.getMessage();
    }
}
