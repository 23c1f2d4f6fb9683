package dev.junction.gateway.state;

import static dev.junction.gateway.support.ResponseObjects.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ResponsesConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The store in one process: its count and byte bounds drop the oldest first, its TTL expires, its owners stay apart. */
class LocalResponseStoreTest {

    private final AtomicLong nowMillis = new AtomicLong(1_700_000_000_000L);
    private final InstantSource clock = () -> Instant.ofEpochMilli(nowMillis.get());

    private ResponseStore store(int maxResponses, long maxBytes, int ttlSeconds) {
        return ResponseStore.local(new ResponsesConfig.Store(maxResponses, maxBytes, ttlSeconds), clock);
    }

    /** A response of {@code textChars} characters of text and some 600 bytes more. */
    static StoredResponse response(String owner, String id, int textChars) {
        return StoredResponse.of(owner, Instant.EPOCH, null, answer(id, "x".repeat(textChars)), new JsonArray());
    }

    private static Optional<StoredResponse> get(ResponseStore store, String owner, String id) {
        Future<Optional<StoredResponse>> read = store.get(owner, id);
        assertThat(read.isComplete()).as("the local store answers at once").isTrue();
        return read.result();
    }

    @Test
    void keeps_a_response_for_its_owner_with_its_json_as_put() {
        ResponseStore store = store(10, 1 << 20, 60);
        StoredResponse response = response("team-a", "resp_1", 10);
        store.put(response);

        StoredResponse read = get(store, "team-a", "resp_1").orElseThrow();
        assertThat(read).isEqualTo(response);
        assertThat(read.responseJson().getString("status")).isEqualTo("completed");
    }

    @Test
    void another_owner_neither_reads_nor_deletes_it() {
        ResponseStore store = store(10, 1 << 20, 60);
        store.put(response("team-a", "resp_1", 10));

        assertThat(get(store, "team-b", "resp_1")).isEmpty();
        assertThat(get(store, ResponseStore.NO_KEYS, "resp_1")).isEmpty();
        assertThat(store.delete("team-b", "resp_1").result()).isFalse();
        assertThat(get(store, "team-a", "resp_1")).isPresent();
    }

    @Test
    void delete_removes_it_once() {
        ResponseStore store = store(10, 1 << 20, 60);
        store.put(response("team-a", "resp_1", 10));

        assertThat(store.delete("team-a", "resp_1").result()).isTrue();
        assertThat(store.delete("team-a", "resp_1").result()).isFalse();
        assertThat(get(store, "team-a", "resp_1")).isEmpty();
    }

    @Test
    void past_the_count_bound_the_oldest_go_first() {
        ResponseStore store = store(3, 1 << 20, 60);
        for (int i = 1; i <= 5; i++) {
            store.put(response("a", "resp_" + i, 10));
        }

        assertThat(get(store, "a", "resp_1")).isEmpty();
        assertThat(get(store, "a", "resp_2")).isEmpty();
        assertThat(get(store, "a", "resp_3")).isPresent();
        assertThat(get(store, "a", "resp_5")).isPresent();
    }

    @Test
    void past_the_byte_bound_the_oldest_go_until_the_new_one_fits() {
        long size = response("a", "resp_1", 1000).bytes();
        ResponseStore store = store(100, 3 * size + size / 2, 60);
        for (int i = 1; i <= 4; i++) {
            store.put(response("a", "resp_" + i, 1000));
        }

        assertThat(get(store, "a", "resp_1")).isEmpty();
        assertThat(get(store, "a", "resp_2")).isPresent();
        assertThat(get(store, "a", "resp_4")).isPresent();

        // Room made by a delete is used again: no response goes while the bytes fit.
        store.delete("a", "resp_2");
        store.put(response("a", "resp_5", 1000));
        assertThat(get(store, "a", "resp_3")).isPresent();
    }

    @Test
    void a_response_larger_than_the_byte_bound_is_not_kept_and_drops_nothing() {
        ResponseStore store = store(100, 2000, 60);
        store.put(response("a", "resp_small", 10));
        store.put(response("a", "resp_huge", 5000));

        assertThat(get(store, "a", "resp_huge")).isEmpty();
        assertThat(get(store, "a", "resp_small")).isPresent();
    }

    @Test
    void the_byte_size_counts_utf8_bytes_of_the_json() {
        StoredResponse ascii = response("a", "resp_1", 100);
        StoredResponse accented = StoredResponse.of("a", Instant.EPOCH, null,
                ascii.responseJson().put("note", "é€😀"), new JsonArray());

        assertThat(accented.bytes() - ascii.bytes()).isEqualTo(",\"note\":\"\"".length() + 2 + 3 + 4);
    }

    @Test
    void a_response_expires_after_the_ttl() {
        ResponseStore store = store(100, 1 << 20, 60);
        store.put(response("a", "resp_old", 10));
        nowMillis.addAndGet(Duration.ofSeconds(30).toMillis());
        store.put(response("a", "resp_new", 10));

        nowMillis.addAndGet(Duration.ofSeconds(29).toMillis());
        assertThat(get(store, "a", "resp_old")).isPresent();
        nowMillis.addAndGet(Duration.ofSeconds(1).toMillis());
        assertThat(get(store, "a", "resp_old")).isEmpty();
        assertThat(store.delete("a", "resp_old").result()).isFalse();
        assertThat(get(store, "a", "resp_new")).isPresent();
        nowMillis.addAndGet(Duration.ofSeconds(30).toMillis());
        assertThat(get(store, "a", "resp_new")).isEmpty();
    }
}
