package dev.junction.gateway.state;

import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The state of Responses API conversations, on the wire format, around the dialect: before a
 * request is decoded, {@link #expand} puts the conversation that {@code previous_response_id}
 * continues in front of its input; once its answer is complete, {@link #record} keeps the answer
 * unless the request said {@code "store": false}.
 *
 * <p>As in OpenAI's API, a stored response keeps the input items of its own request alone (what
 * {@code input_items} lists) and the id of the response it continued; the conversation is rebuilt
 * along that chain, oldest first, when a later request continues it. So a conversation can be
 * continued as long as every response of its chain is kept: one dropped or expired ends it with a
 * 404, and the client sends the whole input again. {@code instructions} are not carried over, as
 * in OpenAI's API.
 */
public final class ResponseHistory {

    /** A conversation this large (its stored JSON, in bytes) is parsed and put together on a worker thread. */
    static final long OFF_LOOP_BYTES = 1 << 20;

    private static final String PREVIOUS = "previous_response_id";

    private final Vertx vertx;
    private final ResponseStore store;

    /** @param vertx where a large conversation is put together off the event loop */
    public ResponseHistory(Vertx vertx, ResponseStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /**
     * {@code body} as the dialect should decode it: when it names a {@code previous_response_id},
     * its {@code input} becomes the stored conversation (each response's input items then its
     * output items, oldest first) followed by its own input (a string as a user message; an
     * {@code item_reference} to an item of the conversation replaced by that item), and the field
     * stays (the answer names the response it continues; no backend is sent it); otherwise
     * {@code body} itself. Fails with {@link UnknownResponseException}
     * (404) when a response of the chain is not {@code owner}'s to read, and with
     * {@link InvalidRequestException} (400) when the field is not a string.
     */
    public Future<JsonObject> expand(String owner, JsonObject body) {
        Object previous = body.getValue(PREVIOUS);
        if (previous == null) {
            return Future.succeededFuture(body);
        }
        if (!(previous instanceof String id) || id.isEmpty()) {
            return Future.failedFuture(new InvalidRequestException("'previous_response_id' must be a response id.", PREVIOUS));
        }
        return chain(owner, id, id, new ArrayList<>(), new HashSet<>()).compose(chain -> {
            long bytes = chain.stream().mapToLong(StoredResponse::bytes).sum();
            return bytes < OFF_LOOP_BYTES
                    ? Future.succeededFuture(continued(body, chain))
                    : vertx.executeBlocking(() -> continued(body, chain), false);
        });
    }

    /** {@code body} continuing {@code chain} (newest first). */
    private static JsonObject continued(JsonObject body, List<StoredResponse> chain) {
        JsonArray input = new JsonArray();
        for (int i = chain.size() - 1; i >= 0; i--) {
            input.addAll(chain.get(i).inputItemsJson());
            input.addAll(chain.get(i).outputItems());
        }
        input.addAll(InputItems.resolved(InputItems.of(body.getValue("input")), input));
        return body.copy().put("input", input);
    }

    /**
     * Keeps {@code response}, the response object as the client got it, with the input items of
     * {@code body}, the request as the client sent it (not the {@link #expand expanded} one), unless
     * the request said {@code "store": false}. Call once the answer is complete.
     */
    public Future<Void> record(String owner, JsonObject body, JsonObject response) {
        if (Boolean.FALSE.equals(body.getValue("store"))) {
            return Future.succeededFuture();
        }
        if (!(response.getValue("id") instanceof String)) {
            return Future.failedFuture(new IllegalArgumentException("A response to store needs its id"));
        }
        String previous = body.getValue(PREVIOUS) instanceof String id ? id : null;
        JsonObject kept = response.copy();
        if (previous != null && kept.getValue(PREVIOUS) == null) {
            kept.put(PREVIOUS, previous);
        }
        Instant createdAt = kept.getValue("created_at") instanceof Number seconds
                ? Instant.ofEpochSecond(seconds.longValue())
                : Instant.now();
        return store.put(StoredResponse.of(owner, createdAt, previous, kept, InputItems.withIds(body.getValue("input"))));
    }

    /**
     * The responses from {@code id} back to the start of its conversation, newest first, one store
     * read each. The local store answers at once: the loop goes on in place rather than nesting a
     * frame per response of a long conversation.
     */
    private Future<List<StoredResponse>> chain(
            String owner, String asked, String id, List<StoredResponse> found, Set<String> seen) {
        String next = id;
        try {
            while (next != null && seen.add(next)) {
                Future<Optional<StoredResponse>> read = store.get(owner, next);
                if (!read.succeeded()) {
                    return read.compose(response -> chain(owner, asked, link(asked, response, found), found, seen));
                }
                next = link(asked, read.result(), found);
            }
        } catch (UnknownResponseException e) {
            return Future.failedFuture(e);
        }
        return Future.succeededFuture(found);
    }

    /** Adds {@code response} to {@code found} and returns the id of the one it continued; throws when it is missing. */
    private static String link(String asked, Optional<StoredResponse> response, List<StoredResponse> found) {
        StoredResponse stored = response.orElseThrow(() -> UnknownResponseException.previous(asked));
        found.add(stored);
        return stored.previousResponseId();
    }
}
