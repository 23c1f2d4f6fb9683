package dev.junction.gateway.support;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.EmbeddingRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the {@link ProbeBackendFactory} plugin received. Stays on the gateway's class path (it is
 * not put in the plugin JAR), so the test sees the plugin's records.
 */
public final class RequestProbe {

    public static final List<ChatRequest> chats = new CopyOnWriteArrayList<>();
    public static final List<ChatRequest> counts = new CopyOnWriteArrayList<>();
    public static final List<EmbeddingRequest> embeds = new CopyOnWriteArrayList<>();

    private RequestProbe() {}

    public static void reset() {
        chats.clear();
        counts.clear();
        embeds.clear();
    }

    public static ChatRequest lastChat() {
        return chats.get(chats.size() - 1);
    }
}
