package dev.junction.gateway.bus;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.TokenCount;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Function;

/**
 * The front end's side of the one-answer calls to a backend: count tokens, embed. Each is one
 * event-bus request and its reply, plain JSON both ways, to the node {@link NodeDirectory#choose}
 * chooses; a call to another node fails at once, as unavailable, when that node is lost. A backend
 * that fails replies with {@link #fail}: a failure whose code is {@link #FAILURE_CODE} and whose
 * message is the {@link ChatEvent.Failed} in its wire form, so the kind survives a hop between
 * cluster nodes.
 * Every failure of the returned futures is a {@link CallFailedException}.
 */
public final class BackendCalls {

    /** The failure code of a reply that carries a {@link ChatEvent.Failed}. */
    public static final int FAILURE_CODE = 4200;

    /** How long a call may take: as long as an upstream's default total timeout. */
    static final long CALL_TIMEOUT_MS = 600_000;

    /** A call that failed, with the failure to report in the caller's dialect. */
    public static final class CallFailedException extends RuntimeException {
        private final transient ChatEvent.Failed failed;

        CallFailedException(ChatEvent.Failed failed) {
            super(failed.message(), null, false, false);
            this.failed = failed;
        }

        public ChatEvent.Failed failed() {
            return failed;
        }
    }

    private final Vertx vertx;
    private final NodeDirectory nodes;

    public BackendCalls(Vertx vertx, NodeDirectory nodes) {
        this.vertx = vertx;
        this.nodes = nodes;
    }

    /** Counts the input tokens of {@code request} on backend {@code backendId}. */
    public Future<TokenCount> countTokens(String backendId, ChatRequest request) {
        return call(backendId, NodeDirectory.Host::count, RequestWire.encode(request), TokenCountWire::decode);
    }

    /** Embeds the texts of {@code request} on backend {@code backendId}. */
    public Future<Embeddings> embed(String backendId, EmbeddingRequest request) {
        return call(backendId, NodeDirectory.Host::embed, EmbeddingWire.encodeRequest(request), EmbeddingWire::decode);
    }

    /** The backend's side: answers {@code message} with {@code failed}. */
    public static void fail(Message<?> message, ChatEvent.Failed failed) {
        message.fail(FAILURE_CODE, EventWire.encode(failed).encode());
    }

    private <T> Future<T> call(
            String backendId, Function<NodeDirectory.Host, String> address, JsonObject body, Function<JsonObject, T> decode) {
        return nodes.host(vertx, backendId, Set.of()).compose(host -> {
            if (host == null) {
                return Future.failedFuture(new CallFailedException(nodes.noHost(backendId)));
            }
            Future<T> answer = vertx.eventBus()
                    .<JsonObject>request(address.apply(host), body, new DeliveryOptions().setSendTimeout(CALL_TIMEOUT_MS))
                    .map(reply -> decode.apply(reply.body()))
                    .recover(failure -> Future.failedFuture(new CallFailedException(failed(backendId, failure))));
            return host.nodeId().equals(nodes.self()) ? answer : watched(host.nodeId(), backendId, answer);
        });
    }

    /** {@code answer}, or an unavailable failure as soon as {@code nodeId}, which serves it, is lost. */
    private <T> Future<T> watched(String nodeId, String backendId, Future<T> answer) {
        Context context = vertx.getOrCreateContext();
        Promise<T> outcome = Promise.promise();
        NodeDirectory.Watched watch = (node, why) -> context.runOnContext(
                v -> outcome.tryFail(new CallFailedException(ExchangeWatcher.cutOff(backendId, node, why))));
        nodes.watch(nodeId, watch);
        answer.onComplete(done -> {
            nodes.unwatch(nodeId, watch);
            if (done.succeeded()) {
                outcome.tryComplete(done.result());
            } else {
                outcome.tryFail(done.cause());
            }
        });
        return outcome.future();
    }

    static ChatEvent.Failed failed(String backendId, Throwable failure) {
        if (failure instanceof ReplyException reply) {
            if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && reply.failureCode() == FAILURE_CODE) {
                try {
                    if (EventWire.decode(new JsonObject(reply.getMessage())) instanceof ChatEvent.Failed failed) {
                        return failed;
                    }
                } catch (RuntimeException malformed) {
                    // reported as an internal failure below
                }
            }
            return switch (reply.failureType()) {
                case NO_HANDLERS -> ChatEvent.Failed.of(
                        ErrorKind.UNAVAILABLE, "Backend '" + backendId + "' is not running on the node chosen to serve it.");
                case TIMEOUT -> ChatEvent.Failed.of(
                        ErrorKind.TIMEOUT, "Backend '" + backendId + "' did not answer in time.");
                default -> ChatEvent.Failed.of(
                        ErrorKind.INTERNAL, "Backend '" + backendId + "' failed: " + reply.getMessage());
            };
        }
        return ChatEvent.Failed.of(ErrorKind.INTERNAL, "Backend '" + backendId + "' failed: " + failure.getMessage());
    }
}
