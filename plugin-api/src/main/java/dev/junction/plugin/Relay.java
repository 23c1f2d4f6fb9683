package dev.junction.plugin;

/**
 * The fast path a backend may offer for a client dialect its upstream speaks natively (an OpenAI
 * Chat Completions upstream for OpenAI clients, Anthropic's Messages API for Anthropic clients): the
 * gateway hands it the client's own body ({@link RawRequest}) instead of a decoded
 * {@link ChatRequest}, and the backend sends it upstream with the few edits its configuration asks
 * for ({@link RawRequest#upstreamBody}), then emits the upstream's bytes as they arrive
 * ({@link ChatEvent.Relayed}), with the {@link ChatEvent.Usage} and the finish it reads from them
 * on the way.
 *
 * <p>The answer is {@code (Relayed | Usage)* (Finish | Failed)}; a failure before the first
 * {@code Relayed} (an upstream error status) may be retried or handed to a fallback backend, as for
 * {@link Backend#chat}. The {@link ChatSink}'s flow control and cancellation hold as for
 * {@code chat} (emit one {@code Relayed} per upstream read; the gateway counts a kibibyte of relayed
 * bytes as one event of credit, so a relay that stops while not {@link ChatSink#ready() ready} holds
 * little in the gateway). The gateway only calls
 * a relay for the dialects {@link #relays} names; when a request needs what the gateway does to a
 * decoded request, it goes through {@link Backend#chat} instead.
 *
 * @since 1.1.0
 */
public interface Relay {

    /** Whether this backend relays clients of {@code dialect} (a {@link ClientDialect} name). */
    boolean relays(String dialect);

    /**
     * Sends {@code request} upstream and relays its answer into {@code sink}; called like
     * {@link Backend#chat} (on an event loop unless the backend blocks) and must end the answer with
     * exactly one {@link ChatEvent.Finish} or {@link ChatEvent.Failed}.
     */
    void relay(RawRequest request, ChatSink sink);
}
