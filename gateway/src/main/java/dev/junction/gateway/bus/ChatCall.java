package dev.junction.gateway.bus;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.RawRequest;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What an exchange sends a backend: a decoded request, or a client's own bytes ({@link RawRequest})
 * with the way to decode them. The bytes go to a host that announced it relays their dialect
 * ({@link NodeDirectory.Host#relays}); any other host gets the request decoded, decoded only then.
 * Immutable; the calls derived from one ({@link #withModel}, {@link #map}) share its decoder.
 */
public final class ChatCall {

    private final RawRequest raw;
    private final Supplier<ChatRequest> decoded;

    private ChatCall(RawRequest raw, Supplier<ChatRequest> decoded) {
        this.raw = raw;
        this.decoded = decoded;
    }

    /** A call that sends {@code request} to every backend. */
    public static ChatCall of(ChatRequest request) {
        return new ChatCall(null, () -> request);
    }

    /**
     * A call that sends {@code raw} to the backends that relay its dialect, and what {@code decoder}
     * makes of it to the others.
     *
     * @param decoder decodes the client's request, called for each exchange that needs it (so it
     *     remembers what it decoded); throws a {@link BackendException} when the request is invalid,
     *     which fails that exchange
     */
    public static ChatCall relayed(RawRequest raw, Supplier<ChatRequest> decoder) {
        return new ChatCall(raw, decoder);
    }

    /** The client's own request, or null when there is none to relay. */
    public RawRequest raw() {
        return raw;
    }

    /**
     * The decoded request.
     *
     * @throws BackendException when the client's request does not decode
     */
    public ChatRequest request() {
        return decoded.get();
    }

    /** The same call for {@code model}. */
    public ChatCall withModel(String model) {
        return new ChatCall(raw == null ? null : raw.withModel(model), () -> decoded.get().withModel(model));
    }

    /** The same call with {@code change} applied to the decoded request (the bytes stay as they are). */
    public ChatCall map(UnaryOperator<ChatRequest> change) {
        return new ChatCall(raw, () -> change.apply(decoded.get()));
    }
}
