package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.FastUpstream;
import dev.junction.gateway.support.ForkedCluster;
import dev.junction.gateway.support.ForkedNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow control across nodes: two gateway JVMs with {@code --cluster} and {@code -Xmx128m}; the openai
 * plugin's JAR only on the second, whose upstream streams 50 MiB as fast as it can; the client, of the
 * first node, reads 10 KB/s. While it does, both nodes' live heap stays within the bound that the
 * credit gives (below), and the upstream is held back; then the client reads the rest at full speed
 * and gets every byte, in order.
 */
@ExtendWith(VertxExtension.class)
@Timeout(240)
class CrossNodeFlowControlTest {

    private static final int CHUNK_CHARS = 4096;
    /** 50 MiB of content. */
    private static final int CHUNKS = 12_800;
    private static final long READ_BYTES_PER_SECOND = 10_000;
    private static final Duration SLOW_READING = Duration.ofSeconds(10);
    private static final Duration BETWEEN_SAMPLES = Duration.ofMillis(2_500);
    /** The upstream's socket send buffer: small, so that what it counts as written has mostly left it. */
    private static final int UPSTREAM_SEND_BUFFER = 64 * 1024;
    private static final long KIB = 1 << 10;
    private static final long MIB = 1 << 20;
    /**
     * The front end (the client's node) holds at most the credit window, 128 events, that may be on
     * their way or written beyond the response's 64 KiB write queue: 576 KiB of text, counted twice
     * (an event's text and its encoded frame may live at once), with 1 MiB for the rest.
     */
    private static final long FRONT_NODE_BOUND = 2 * (128 * CHUNK_CHARS + 64 * KIB) + MIB;
    /**
     * The backend's node holds at most the window and the 1,024 events a backend may emit beyond its
     * credit: 1,152 events, 4.5 MiB of text, counted twice, with 1 MiB for the rest.
     */
    private static final long BACKEND_NODE_BOUND = 2L * (128 + 1024) * CHUNK_CHARS + MIB;
    /** Linux's tcp_rmem: its third value is how far the kernel grows a socket's receive buffer on its own. */
    private static final Path TCP_RMEM = Path.of("/proc/sys/net/ipv4/tcp_rmem");
    private static final String FILLER = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(CHUNK_CHARS / 36 + 1)
            .substring(0, CHUNK_CHARS - 8);

    /**
     * The chunks the upstream may have written while the client reads slowly: the events the backend's
     * node holds (the window and the 1,024 beyond its credit), the upstream's socket send buffer, and
     * what the backend node's kernel takes into its receive buffer, which Linux grows on its own up to
     * tcp_rmem's maximum (6 MiB assumed where it cannot be read). Below the 12,800 chunks of the answer on this
     * machine (32 MiB: 9,360), so the upstream has been held back.
     */
    private static long heldBackBound() {
        long receiveBuffer = 6 * MIB;
        try {
            // Read as lines: /proc reports a size of 0, so Files.readString would read nothing.
            receiveBuffer = Long.parseLong(Files.readAllLines(TCP_RMEM).get(0).trim().split("\\s+")[2]);
        } catch (IOException | RuntimeException e) {
            // not Linux: the assumed size
        }
        return Math.min(128 + 1024 + (UPSTREAM_SEND_BUFFER + receiveBuffer) / CHUNK_CHARS, CHUNKS - 1);
    }

    @Test
    void a_fast_backend_on_another_node_waits_for_a_slow_client_and_both_heaps_stay_bounded(Vertx vertx, @TempDir Path dir)
            throws Exception {
        FastUpstream warm = FastUpstream.start(vertx, 10, CrossNodeFlowControlTest::content, 0);
        FastUpstream fast = FastUpstream.start(vertx, CHUNKS, CrossNodeFlowControlTest::content, UPSTREAM_SEND_BUFFER);
        ForkedCluster.Layout layout = new ForkedCluster.Layout(
                warm.backend("warm", "warm") + fast.backend("fast", "fast"), "", List.of(List.of(), List.of("openai.jar")));
        try (ForkedCluster cluster = ForkedCluster.start(dir, layout)) {
            ForkedNode front = cluster.node(1);
            ForkedNode backend = cluster.node(2);
            assertThat(front.log()).anyMatch(line -> line.contains("plugin 'openai' is not installed"));
            OpenAIClient client = front.openAi();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("warm"))) {
                assertThat(Answer.of(stream.stream().iterator()).length).as("the warm-up answer").isEqualTo(10L * CHUNK_CHARS);
            }
            long[] idle = heapsAfterGc(front, backend);

            long started = System.nanoTime();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("fast"))) {
                Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
                Answer answer = new Answer();
                long frontPeak = Long.MIN_VALUE;
                long backendPeak = Long.MIN_VALUE;
                while (System.nanoTime() - started < SLOW_READING.toNanos()) {
                    answer.readSlowly(chunks, started, BETWEEN_SAMPLES);
                    long[] heaps = heapsAfterGc(front, backend);
                    frontPeak = Math.max(frontPeak, heaps[0] - idle[0]);
                    backendPeak = Math.max(backendPeak, heaps[1] - idle[1]);
                }
                long produced = fast.written();
                System.out.printf("Cross-node flow control: after %d s at 10 KB/s the client read %d KiB and the upstream"
                                + " wrote %d of %d chunks; live heap beyond idle (%d KiB, %d KiB): the client's node %d KiB"
                                + " (bound %d KiB), the backend's node %d KiB (bound %d KiB)%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), answer.length / KIB, produced, CHUNKS,
                        idle[0] / KIB, idle[1] / KIB, frontPeak / KIB, FRONT_NODE_BOUND / KIB, backendPeak / KIB,
                        BACKEND_NODE_BOUND / KIB);
                assertThat(produced).as("chunks the upstream could write while the client read slowly")
                        .isLessThan(heldBackBound());
                assertThat(frontPeak).as("live heap the stream holds on the client's node").isLessThan(FRONT_NODE_BOUND);
                assertThat(backendPeak).as("live heap the stream holds on the backend's node").isLessThan(BACKEND_NODE_BOUND);

                long fastFrom = System.nanoTime();
                chunks.forEachRemaining(answer::add);
                System.out.printf("Cross-node flow control: the remaining %d MiB took %d ms at full speed%n",
                        (answer.length - answer.slowLength) / MIB, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fastFrom));
                assertThat(answer.length).as("bytes of the answer").isEqualTo((long) CHUNKS * CHUNK_CHARS);
                assertThat(answer.crc.getValue()).as("the answer's CRC-32: every chunk, in order").isEqualTo(expectedCrc());
                assertThat(answer.finishReasons).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
            }
            assertThat(front.alive() && backend.alive()).as("both nodes alive").isTrue();
        }
    }

    /** The live heap of both nodes after a full GC, counted at the same time. */
    private static long[] heapsAfterGc(ForkedNode front, ForkedNode backend) throws Exception {
        CompletableFuture<Long> frontHeap = CompletableFuture.supplyAsync(() -> {
            try {
                return front.heapAfterGc();
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        long backendHeap = backend.heapAfterGc();
        return new long[] {frontHeap.get(60, TimeUnit.SECONDS), backendHeap};
    }

    /** The i-th content chunk of the upstream's answer: its number, then filler, {@link #CHUNK_CHARS} in all. */
    private static String content(int i) {
        return String.format("%08d", i) + FILLER;
    }

    private static long expectedCrc() {
        CRC32 crc = new CRC32();
        for (int i = 0; i < CHUNKS; i++) {
            crc.update(content(i).getBytes(StandardCharsets.US_ASCII));
        }
        return crc.getValue();
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Go").build();
    }

    /** What the client read of a streamed answer: its length, CRC-32 and finish reasons. */
    private static final class Answer {

        private final CRC32 crc = new CRC32();
        private final List<ChatCompletionChunk.Choice.FinishReason> finishReasons = new ArrayList<>();
        private long length;
        private long slowLength;

        static Answer of(Iterator<ChatCompletionChunk> chunks) {
            Answer answer = new Answer();
            chunks.forEachRemaining(answer::add);
            return answer;
        }

        void add(ChatCompletionChunk chunk) {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                choice.delta().content().ifPresent(text -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    crc.update(bytes);
                    length += bytes.length;
                });
                choice.finishReason().ifPresent(finishReasons::add);
            }
        }

        /** Reads no faster than {@link #READ_BYTES_PER_SECOND} since {@code started}, for {@code period}. */
        void readSlowly(Iterator<ChatCompletionChunk> chunks, long started, Duration period) throws InterruptedException {
            long until = System.nanoTime() + period.toNanos();
            while (System.nanoTime() < until) {
                long allowed = (System.nanoTime() - started) * READ_BYTES_PER_SECOND / 1_000_000_000L;
                if (length < allowed) {
                    add(chunks.next());
                } else {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
            slowLength = length;
        }
    }
}
