package dev.junction.gateway.http;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What the access log and the metrics say about one request, gathered as the request goes: its id,
 * the dialect, the model asked for, the backend that answered and the route, how often backends were
 * tried again, the backend a fallback took over from, the time of the first event, the token usage
 * and a failure's kind. Never the prompt, a key or a header. Lives in the {@link RoutingContext} under {@link #KEY};
 * confined to the request's context.
 */
final class RequestFacts {

    static final String KEY = "junction.facts";

    final String requestId;
    final long startNanos = System.nanoTime();
    String dialect;
    String model;
    String backend;
    /** The configured model entry that matched (a bounded name, for metrics). */
    String route;
    /** Attempts beyond the first on the same backend, over all backends tried; final once {@link #end} ran. */
    int retries;
    /** The routed backend when a fallback answered (or failed last) in its place, else null; final once {@link #end} ran. */
    String fallbackFrom;
    long firstEventNanos = -1;
    Integer inputTokens;
    Integer outputTokens;
    ErrorKind failure;
    /**
     * The write of a stream's last part, set just before it: the access log waits for it, so that
     * an answer still queued when the client left counts as cancelled; null for other responses.
     */
    Future<Void> lastPartWritten;
    private final List<Runnable> onEnd = new ArrayList<>();
    private boolean ended;

    RequestFacts(String requestId) {
        this.requestId = requestId;
    }

    /** This request's facts; a detached instance when the access log did not run (never null). */
    static RequestFacts of(RoutingContext ctx) {
        RequestFacts facts = ctx.get(KEY);
        if (facts == null) {
            facts = new RequestFacts(RequestIds.fresh());
            ctx.put(KEY, facts);
        }
        return facts;
    }

    /**
     * Runs {@code cleanup} when the response ends or the client goes away, whichever comes first; at
     * once when that already happened (a step that completed asynchronously).
     */
    void onEnd(Runnable cleanup) {
        if (ended) {
            cleanup.run();
        } else {
            onEnd.add(cleanup);
        }
    }

    /** Runs the clean-ups once; false when they already ran. */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        onEnd.forEach(Runnable::run);
        return true;
    }

    /** Notes an event on its way to the client: the first one's time, usage, a failure's kind. */
    void event(ChatEvent event) {
        if (firstEventNanos < 0) {
            firstEventNanos = System.nanoTime();
        }
        if (event instanceof ChatEvent.Usage usage) {
            inputTokens = usage.inputTokens();
            outputTokens = usage.outputTokens();
        } else if (event instanceof ChatEvent.Failed failed) {
            failure = failed.kind();
        }
    }
}
