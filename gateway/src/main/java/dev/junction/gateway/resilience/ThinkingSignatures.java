package dev.junction.gateway.resilience;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import io.vertx.core.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which backend and model made each thinking signature (and each redacted thinking's data) that
 * this node passed on, so that a later turn sent elsewhere (a fallback, another model) does not
 * carry it to an upstream that would reject it. Before each attempt, a thinking part whose
 * signature another backend or model made loses the signature (the Anthropic backend then leaves
 * the part out; the Gemini backend signs the turn its own way), and such redacted thinking is left
 * out. A signature the node never saw (an older conversation, another node's answer) is kept as it
 * came.
 *
 * <p>Memory is bounded: the most recently seen {@link #DEFAULT_CAPACITY} signatures, each kept as
 * 16 bytes of its SHA-256, never the signature itself. Per node: in a cluster, a turn whose earlier
 * answer came through another node keeps its signatures. Thread-safe.
 */
public final class ThinkingSignatures {

    public static final int DEFAULT_CAPACITY = 100_000;

    /** A backend and the model it was asked for. */
    private record Origin(String backendId, String model) {}

    /** The first 16 bytes of a signature's SHA-256. */
    private record Digest(long high, long low) {}

    private final Map<Digest, Origin> origins;

    public ThinkingSignatures() {
        this(DEFAULT_CAPACITY);
    }

    ThinkingSignatures(int capacity) {
        this.origins = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Origin> eldest) {
                return size() > capacity;
            }
        };
    }

    /** {@code next}, after noting the signatures among the events {@code target} answers with. */
    Handler<ChatEvent> noting(Target target, Handler<ChatEvent> next) {
        Origin origin = new Origin(target.backendId(), target.model());
        return event -> {
            if (event instanceof ChatEvent.ThinkingDelta delta && delta.signature() != null) {
                Digest digest = digest(delta.signature());
                synchronized (origins) {
                    origins.put(digest, origin);
                }
            }
            next.handle(event);
        };
    }

    /** {@code request} as {@code target} may receive it: without what another backend or model signed. */
    ChatRequest forTarget(ChatRequest request, Target target) {
        Origin here = new Origin(target.backendId(), target.model());
        List<Message> messages = new ArrayList<>(request.messages().size());
        boolean changed = false;
        for (Message message : request.messages()) {
            Message kept = message.role() == Message.Role.ASSISTANT ? withoutForeign(message, here) : message;
            changed |= kept != message;
            messages.add(kept);
        }
        if (!changed) {
            return request;
        }
        return request.toBuilder().messages(messages).build();
    }

    private Message withoutForeign(Message message, Origin here) {
        List<ContentPart> parts = new ArrayList<>(message.content().size());
        boolean changed = false;
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Thinking thinking && foreign(thinking.signature(), here)) {
                parts.add(new ContentPart.Thinking(thinking.text(), null, thinking.extra()));
                changed = true;
            } else if (part instanceof ContentPart.RedactedThinking redacted && foreign(redacted.data(), here)) {
                changed = true;
            } else {
                parts.add(part);
            }
        }
        return changed ? new Message(message.role(), parts) : message;
    }

    private boolean foreign(String signature, Origin here) {
        if (signature == null) {
            return false;
        }
        Digest digest = digest(signature);
        Origin origin;
        synchronized (origins) {
            origin = origins.get(digest);
        }
        return origin != null && !origin.equals(here);
    }

    private static Digest digest(String signature) {
        try {
            ByteBuffer hash = ByteBuffer.wrap(
                    MessageDigest.getInstance("SHA-256").digest(signature.getBytes(StandardCharsets.UTF_8)));
            return new Digest(hash.getLong(), hash.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
