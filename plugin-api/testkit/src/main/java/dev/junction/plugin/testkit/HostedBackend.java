package dev.junction.plugin.testkit;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.RawRequest;
import dev.junction.plugin.Relay;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A backend hosted as the gateway hosts it, for tests: created by its factory on a worker thread
 * with a {@link TestBackendContext}; a non-blocking backend's {@link Backend#chat} and cancel
 * actions run on one Vert.x event-loop context, a blocking backend's on worker threads; a
 * {@link BackendException} thrown by {@code chat} ends the stream with its kind, any other with
 * {@link ErrorKind#INTERNAL}. {@link #close()} closes the backend, then its context.
 *
 * @since 1.0.0
 */
public final class HostedBackend implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Backend backend;
    private final TestBackendContext context;
    private final Context loop;
    private volatile Future<Void> lastChat = Future.succeededFuture();

    private HostedBackend(Backend backend, TestBackendContext context, Context loop) {
        this.backend = backend;
        this.context = context;
        this.loop = loop;
    }

    /**
     * Creates backend {@code "contract"} from {@code options} on a worker thread of {@code vertx}.
     *
     * @throws BackendException what the factory threw
     */
    public static HostedBackend start(BackendFactory factory, JsonObject options, Vertx vertx) {
        return start(factory, "contract", options, vertx);
    }

    /**
     * Creates backend {@code id} from {@code options} on a worker thread of {@code vertx}.
     *
     * @throws BackendException what the factory threw
     */
    public static HostedBackend start(BackendFactory factory, String id, JsonObject options, Vertx vertx) {
        TestBackendContext context = TestBackendContext.of(id, options, vertx);
        try {
            Backend backend = get(vertx.executeBlocking(() -> factory.create(context)), WAIT, "the factory");
            return new HostedBackend(backend, context, vertx.getOrCreateContext());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public Backend backend() {
        return backend;
    }

    /** Calls {@code chat} where the gateway would, and returns at once. */
    public void chat(ChatRequest request, ChatSink sink) {
        schedule(() -> backend.chat(request, sink), sink);
    }

    /**
     * Calls the backend's {@link dev.junction.plugin.Relay} where the gateway would, and returns at
     * once; fails unless the backend offers one.
     *
     * @since 1.1.0
     */
    public void relay(RawRequest request, ChatSink sink) {
        Relay relay = backend.relay().orElseThrow(() -> new AssertionError("the backend offers no relay"));
        schedule(() -> relay.relay(request, sink), sink);
    }

    private void schedule(Runnable call, ChatSink sink) {
        if (backend.blocking()) {
            lastChat = loop.owner().executeBlocking(() -> guarded(call, sink), false);
        } else {
            Promise<Void> returned = Promise.promise();
            lastChat = returned.future();
            loop.runOnContext(v -> returned.complete(guarded(call, sink)));
        }
    }

    /**
     * Makes one of the backend's other calls ({@code models}, {@code countTokens}, {@code embed}...)
     * where the gateway would: on the event loop, or on a worker thread if the backend blocks.
     */
    public <T> Future<T> call(Function<Backend, Future<T>> call) {
        if (backend.blocking()) {
            return loop.owner().executeBlocking(() -> call.apply(backend), false).compose(result -> result);
        }
        Promise<T> result = Promise.promise();
        loop.runOnContext(v -> call.apply(backend).onComplete(result));
        return result.future();
    }

    /** Cancels {@code sink}'s request where the gateway would, and waits until its cancel actions ran. */
    public void cancel(RecordingSink sink) {
        Future<Void> cancelled;
        if (backend.blocking()) {
            cancelled = loop.owner().executeBlocking(() -> {
                sink.cancel();
                return null;
            }, false);
        } else {
            Promise<Void> done = Promise.promise();
            cancelled = done.future();
            loop.runOnContext(v -> {
                sink.cancel();
                done.complete();
            });
        }
        get(cancelled, WAIT, "the cancel actions");
    }

    /** Waits until the last {@code chat} call has returned; fails the test if it takes longer than {@code timeout}. */
    public void awaitChatReturned(Duration timeout) {
        get(lastChat, timeout.isNegative() ? Duration.ZERO : timeout, "the backend's chat call to return");
    }

    /** Waits until the event-loop context has run what was queued on it so far. */
    public void awaitQuiet() {
        Promise<Void> done = Promise.promise();
        loop.runOnContext(v -> done.complete());
        get(done.future(), WAIT, "the backend's event loop");
    }

    /** Closes the backend, then its context (its timers and workers). */
    @Override
    public void close() {
        try {
            Promise<Void> closed = Promise.promise();
            loop.runOnContext(v -> backend.close().onComplete(closed));
            get(closed.future(), WAIT, "the backend to close");
        } finally {
            context.close();
        }
    }

    /** Runs {@code call}, and ends the answer with what it threw, as the gateway does. */
    private static Void guarded(Runnable call, ChatSink sink) {
        try {
            call.run();
        } catch (BackendException e) {
            sink.emit(e.toEvent());
        } catch (RuntimeException e) {
            sink.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, "the backend failed: " + e));
        }
        return null;
    }

    private static <T> T get(Future<T> future, Duration timeout, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new AssertionError(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + timeout + " for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
