package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.ProbeBackendFactory;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a streamed answer's events reach the client's socket, read chunk by chunk from a raw
 * connection (each chunk of the chunked answer is one write of the gateway's), in the three
 * streaming dialects, from the probe plugin in a real JAR ({@link ProbeBackendFactory}): a backend that
 * emits 100 deltas in one go reaches the client in a handful of writes, not a hundred, its first
 * event alone in the first; a paced backend's deltas still go out one by one, as they come.
 */
@Timeout(60)
class StreamWritesTest {

    /** The most writes an answer emitted in one go may take: its first event, what follows it, the end. */
    static final int FEW_WRITES = 5;

    private static TestGateway gateway;

    /** A streaming endpoint: where to post, the request, and what marks the frames of the answer's start and end. */
    enum Api {
        CHAT("/v1/chat/completions", "{\"model\":\"%s\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "\"role\":\"assistant\"", "data: [DONE]"),
        MESSAGES("/v1/messages", "{\"model\":\"%s\",\"max_tokens\":999,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "event: message_start", "event: message_stop"),
        RESPONSES("/v1/responses", "{\"model\":\"%s\",\"stream\":true,\"input\":\"hi\"}",
                "event: response.created", "event: response.completed");

        final String path;
        final String body;
        final String start;
        final String end;

        Api(String path, String body, String start, String end) {
            this.path = path;
            this.body = body;
            this.start = start;
            this.end = end;
        }
    }

    @BeforeAll
    static void start(@TempDir Path dir) {
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, "probe", ">=0.1.0", ProbeBackendFactory.class,
                ProbeBackendFactory.class, ProbeBackendFactory.ProbeBackend.class);
        gateway = TestGateway.start(dir, plugins, "  probe:\n    plugin: probe\n    models: [burst, paced]\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void an_answer_emitted_in_one_go_takes_a_few_writes_its_first_event_alone_first(Api api) throws Exception {
        RawConnection.ChunkedAnswer answer = stream(gateway.port(), api, "burst");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains(quoted(0), quoted(ProbeBackendFactory.BURST - 1));
        assertThat(deltaOrder(answer.body(), ProbeBackendFactory.BURST)).as("every delta, in order").isSorted();
        assertThat(answer.chunks()).as("writes for %d deltas", ProbeBackendFactory.BURST).hasSizeLessThanOrEqualTo(FEW_WRITES);
        String first = answer.chunks().get(0).text();
        assertThat(first).as("the first write: the answer's start, alone").contains(api.start).doesNotContain("\"w");
        assertThat(answer.chunks().get(answer.chunks().size() - 1).text()).contains(api.end);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void a_paced_answer_goes_out_delta_by_delta_as_it_comes(Api api) throws Exception {
        RawConnection.ChunkedAnswer answer = stream(gateway.port(), api, "paced");

        assertThat(answer.status()).isEqualTo(200);
        List<Integer> chunkOfDelta = new ArrayList<>();
        for (int i = 0; i < ProbeBackendFactory.PACED; i++) {
            chunkOfDelta.add(chunkWith(answer, quoted(i)));
        }
        assertThat(chunkOfDelta).as("the write of each delta").doesNotHaveDuplicates().isSorted().doesNotContain(-1);
        long spread = answer.chunks().get(chunkOfDelta.get(chunkOfDelta.size() - 1)).arrivedNanos()
                - answer.chunks().get(chunkOfDelta.get(0)).arrivedNanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(spread))
                .as("the first delta was not held back for the others")
                .isGreaterThanOrEqualTo((ProbeBackendFactory.PACED - 1) * ProbeBackendFactory.PACE_MS / 2);
    }

    /** Streams {@code model} through {@code api} on a raw connection to {@code port}. */
    static RawConnection.ChunkedAnswer stream(int port, Api api, String model) throws Exception {
        return RawConnection.postChunked(port, api.path, api.body.formatted(model));
    }

    /** The i-th delta's text as a JSON string, which no other delta's contains. */
    static String quoted(int i) {
        return "\"" + ProbeBackendFactory.delta(i) + "\"";
    }

    /** Where each of the first {@code deltas} deltas is in {@code body}. */
    static List<Integer> deltaOrder(String body, int deltas) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < deltas; i++) {
            positions.add(body.indexOf(quoted(i)));
        }
        assertThat(positions).doesNotContain(-1);
        return positions;
    }

    /** The index of the chunk that holds {@code text}; -1 if none does. */
    private static int chunkWith(RawConnection.ChunkedAnswer answer, String text) {
        for (int i = 0; i < answer.chunks().size(); i++) {
            if (answer.chunks().get(i).text().contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
