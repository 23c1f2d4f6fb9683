package dev.junction.gateway.backend;

import dev.junction.gateway.bus.Addresses;
import dev.junction.gateway.bus.BackendCalls;
import dev.junction.gateway.bus.BackendDirectory;
import dev.junction.gateway.bus.Credit;
import dev.junction.gateway.bus.ExchangeRelay;
import dev.junction.gateway.bus.ExchangeRequest;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.bus.EmbeddingWire;
import dev.junction.gateway.bus.RequestWire;
import dev.junction.gateway.bus.TokenCountWire;
import dev.junction.gateway.metrics.BackendMeters;
import dev.junction.plugin.Availability;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.RawRequest;
import dev.junction.plugin.Relay;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts one backend on this node: takes its requests from the event bus, at this node's addresses
 * of the backend ({@link Addresses#backend(String, String)}), accepts each at once, and runs it into
 * a {@link BusChatSink}. When the node a request came from (another node) is lost, its answer is
 * cancelled ({@link NodeDirectory#watch}). Its own handlers (accepting, cancelling, taking credit) run on an event
 * loop, and so do the sink's ready actions; a blocking backend's calls run on the verticle's worker
 * pool, unordered, and its cancel actions on a small pool of their own. So a cancel never waits for a worker thread, even when every one is busy with
 * a request, and never blocks the event loop; requests beyond the pool wait in its queue, and one
 * cancelled there never starts. {@link BackendMeters} count each request queued
 * until a thread takes it up, then in flight until its terminal event or cancel.
 *
 * <p>Token counts and embeddings are one request and one reply each: the reply is the result's
 * wire form, or a failure that carries its {@link ErrorKind} ({@link BackendCalls#fail}).
 *
 * <p>A reload that removes or changes the backend {@link #retire retires} its verticle: it stops
 * taking requests, and the answers in flight finish, or are ended with an error after a while.
 */
final class BackendVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(BackendVerticle.class);
    private static final JsonObject ACCEPTED = new JsonObject().put("accepted", true);
    private static final int CANCEL_POOL_SIZE = 2;
    /** The client dialects a backend may relay, asked of its {@link Relay} for the node's announcement. */
    private static final List<String> RELAYABLE = List.of(ClientDialect.OPENAI, ClientDialect.ANTHROPIC, ClientDialect.RESPONSES);

    private final String id;
    private final NodeDirectory nodes;
    private final Backend backend;
    private final HostedContext backendContext;
    private final BackendMeters meters;
    private final Set<BusChatSink> open = ConcurrentHashMap.newKeySet();
    private final Promise<Void> idle = Promise.promise();
    private volatile List<MessageConsumer<?>> consumers = List.of();
    /** Where a blocking backend's cancel actions run: never behind the requests that fill its pool. */
    private WorkerExecutor cancelling;
    private volatile boolean retiring;

    /** @param nodes the directory of this node, the one this verticle runs on */
    BackendVerticle(String id, NodeDirectory nodes, Backend backend, HostedContext context, BackendMeters meters) {
        this.id = id;
        this.nodes = nodes;
        this.backend = backend;
        this.backendContext = context;
        this.meters = meters;
    }

    @Override
    public Future<?> start() {
        if (backend.blocking()) {
            cancelling = vertx.createSharedWorkerExecutor("junction-cancel-" + id, CANCEL_POOL_SIZE);
        }
        EventBus bus = vertx.eventBus();
        MessageConsumer<ExchangeRequest> chat = bus.consumer(Addresses.backend(id, nodes.self()), this::accept);
        MessageConsumer<JsonObject> info = bus.localConsumer(Addresses.backendInfo(id), this::describe);
        MessageConsumer<JsonObject> count = bus.consumer(Addresses.backendCount(id, nodes.self()), message -> answer(
                message, () -> backend.countTokens(RequestWire.decode(message.body())).map(TokenCountWire::encode)));
        MessageConsumer<JsonObject> embed = bus.consumer(Addresses.backendEmbed(id, nodes.self()), message -> answer(
                message, () -> backend.embed(EmbeddingWire.decodeRequest(message.body())).map(EmbeddingWire::encode)));
        consumers = List.of(chat, info, count, embed);
        return Future.all(chat.completion(), info.completion(), count.completion(), embed.completion());
    }

    /**
     * Stops taking requests, then completes once the answers in flight have ended; those still
     * running after {@code timeout} are ended with {@code reason} (unavailable) and their work is
     * cancelled. Never fails. Undeploying the verticle afterwards closes the backend, then its context.
     */
    Future<Void> retire(Duration timeout, String reason) {
        retiring = true;
        return Future.join(consumers.stream().map(MessageConsumer::unregister).toList())
                .transform(unregistered -> {
                    if (open.isEmpty()) {
                        idle.tryComplete();
                    }
                    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), fired -> {
                        open.forEach(sink -> cancel(() -> sink.abort(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, reason))));
                        idle.tryComplete();
                    });
                    return idle.future().onComplete(done -> vertx.cancelTimer(timer));
                });
    }

    /** The client dialects the backend takes as they are ({@link Relay}). Any thread. */
    Set<String> relays() {
        return backend.relay()
                .map(relay -> RELAYABLE.stream().filter(relay::relays).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /** The answers in flight. Any thread. */
    int inFlight() {
        return open.size();
    }

    /** Whether the backend can serve now; asked off the event loop when the backend blocks. Any thread. */
    Future<Availability> availability() {
        return offLoop(() -> Future.succeededFuture(backend.availability()));
    }

    @Override
    public Future<?> stop() {
        return offLoop(backend::close)
                .eventually(() -> cancelling == null ? Future.succeededFuture() : cancelling.close())
                .eventually(() -> {
                    backendContext.close();
                    return Future.succeededFuture();
                });
    }

    private void accept(Message<ExchangeRequest> message) {
        String exchange = message.body().exchange();
        ExchangeRequest request = message.body();
        EventBus bus = vertx.eventBus();
        // Local consumers: another node's credit and cancel come through this node's relay (ExchangeRelay).
        MessageConsumer<JsonObject> cancels = bus.localConsumer(Addresses.cancel(exchange));
        MessageConsumer<JsonObject> credits = bus.localConsumer(Addresses.credit(exchange));
        BackendMeters.Request metered = meters.accepted();
        String origin = message.body().origin() == null ? nodes.self() : message.body().origin();
        OriginWatch watch = origin.equals(nodes.self()) ? null : new OriginWatch(origin);
        ExchangeRelay.Route events = ExchangeRelay.events(nodes.self(), origin, Addresses.reply(exchange));
        BusChatSink sink = new BusChatSink(context, events, message.body().credit(), done -> {
            cancels.unregister();
            credits.unregister();
            if (watch != null) {
                nodes.unwatch(origin, watch);
            }
            metered.ended();
            ended(done);
        });
        open.add(sink);
        if (watch != null) {
            watch.sink = sink;
            nodes.watch(origin, watch);
        }
        cancels.handler(cancel -> cancel(sink::cancel));
        credits.handler(credit -> sink.grant(Credit.events(credit.body())));
        Future.join(cancels.completion(), credits.completion()).onComplete(registered -> {
            message.reply(ACCEPTED);
            if (backend.blocking()) {
                vertx.executeBlocking(() -> serve(request, sink, metered), false);
            } else {
                serve(request, sink, metered);
            }
        });
    }

    /** Cancels an answer should the other node its request came from be lost. */
    private final class OriginWatch implements NodeDirectory.Watched {

        private final String origin;
        private volatile BusChatSink sink;

        OriginWatch(String origin) {
            this.origin = origin;
        }

        @Override
        public void lost(String nodeId, String why) {
            LOG.info("Backend {}: an answer for node {} is cancelled, as that node {}", id, origin, why);
            context.runOnContext(v -> cancel(sink::cancel));
        }
    }

    /** Runs a cancel (which runs the backend's cancel actions): off the event loop when the backend blocks. */
    private void cancel(Runnable action) {
        if (cancelling == null) {
            action.run();
        } else {
            cancelling.executeBlocking(() -> {
                action.run();
                return null;
            }, false);
        }
    }

    private void ended(BusChatSink sink) {
        open.remove(sink);
        if (retiring && open.isEmpty()) {
            idle.tryComplete();
        }
    }

    private Void serve(ExchangeRequest request, BusChatSink sink, BackendMeters.Request metered) {
        metered.started();
        if (sink.cancelled()) {
            return null;
        }
        try {
            if (request.raw() == null) {
                backend.chat(request.request(), sink);
            } else {
                relay(request.raw(), sink);
            }
        } catch (BackendException e) {
            sink.emit(e.toEvent());
        } catch (RuntimeException e) {
            LOG.error("Backend {} failed on a request", id, e);
            sink.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, "Backend '" + id + "' failed: " + e));
        }
        return null;
    }

    /**
     * Relays a client's own bytes. The node announced that the backend relays their dialect; should
     * the backend have changed since, the answer fails as unavailable, to be tried again elsewhere
     * or decoded for a fallback.
     */
    private void relay(RawRequest request, BusChatSink sink) {
        Optional<Relay> relay = backend.relay().filter(offered -> offered.relays(request.dialect()));
        if (relay.isEmpty()) {
            sink.emit(ChatEvent.Failed.of(
                    ErrorKind.UNAVAILABLE, "Backend '" + id + "' no longer relays " + request.dialect() + " requests."));
            return;
        }
        relay.get().relay(request, sink);
    }

    /** Replies with the call's result, or with its failure. */
    private void answer(Message<JsonObject> message, Supplier<Future<JsonObject>> call) {
        offLoop(call).onSuccess(message::reply).onFailure(failure -> BackendCalls.fail(message, failed(failure)));
    }

    /** Makes a call of the backend: on the worker pool when it blocks, right here otherwise. */
    private <T> Future<T> offLoop(Supplier<Future<T>> call) {
        return backend.blocking()
                ? vertx.executeBlocking(() -> call(call), false).compose(future -> future)
                : call(call);
    }

    private static <T> Future<T> call(Supplier<Future<T>> call) {
        try {
            Future<T> future = call.get();
            return future == null ? Future.failedFuture(new IllegalStateException("the backend returned no future")) : future;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private ChatEvent.Failed failed(Throwable failure) {
        if (failure instanceof BackendException e) {
            return e.toEvent();
        }
        LOG.error("Backend {} failed on a call", id, failure);
        return ChatEvent.Failed.of(ErrorKind.INTERNAL, "Backend '" + id + "' failed: " + failure);
    }

    private void describe(Message<JsonObject> message) {
        offLoop(() -> {
                    Availability availability = backend.availability();
                    return backend.models()
                            .recover(failure -> {
                                LOG.warn("Backend {} could not list its models: {}", id, failure.getMessage());
                                return Future.succeededFuture(List.of());
                            })
                            .map(models -> BackendDirectory.encode(availability, models));
                })
                .onSuccess(message::reply)
                .onFailure(failure -> message.fail(500, "Backend '" + id + "' could not describe itself: " + failure));
    }
}
