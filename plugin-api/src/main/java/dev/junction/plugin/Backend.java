package dev.junction.plugin;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * One configured backend: answers chat requests for the models routed to it.
 *
 * <p>The gateway hosts each backend in a verticle of its own. If {@link #blocking()} is true, its
 * calls run on a worker pool of its own and {@link #chat} may block for as long as the answer takes;
 * otherwise {@code chat} runs on an event loop and must return at once, emitting from callbacks.
 * Cancel actions ({@link ChatSink#onCancel}) of a blocking backend run on a small pool of their own,
 * so they are never stuck behind busy requests; a non-blocking backend's run on its event loop and
 * must not block. Requests may run concurrently: a backend limits its own concurrency.
 *
 * @since 1.0.0
 */
public interface Backend {

    /** Whether {@link #chat} blocks its thread (runs processes, uses blocking I/O). */
    boolean blocking();

    /**
     * Answers one request. Must end the stream with exactly one {@link ChatEvent.Finish} or
     * {@link ChatEvent.Failed}, also when it throws (the gateway then emits
     * {@link ErrorKind#INTERNAL}); must stop working soon after {@link ChatSink#onCancel} fires.
     */
    void chat(ChatRequest request, ChatSink sink);

    /**
     * The fast path this backend offers for clients of its upstream's own dialect, if any: see
     * {@link Relay}. The default offers none.
     *
     * @since 1.1.0
     */
    default Optional<Relay> relay() {
        return Optional.empty();
    }

    /**
     * The models this backend can list, used to expand glob entries of the configuration in
     * {@code GET models}. The default lists none.
     */
    default Future<List<String>> models() {
        return Future.succeededFuture(List.of());
    }

    /**
     * Counts the input tokens of {@code request} without answering it. The default estimates
     * ({@link TokenCount#estimate}); a backend whose upstream can count overrides it.
     */
    default Future<TokenCount> countTokens(ChatRequest request) {
        return Future.succeededFuture(TokenCount.estimate(request));
    }

    /**
     * Embeds texts. The default fails with {@link ErrorKind#INVALID_REQUEST}: most backends do
     * not embed.
     */
    default Future<Embeddings> embed(EmbeddingRequest request) {
        return Future.failedFuture(new BackendException(
                ErrorKind.INVALID_REQUEST, "The model '" + request.model() + "' does not make embeddings."));
    }

    /** Whether the backend can serve now, and if not why; shown in {@code /health}. */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /** Releases what the backend holds; called once when the gateway stops. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
