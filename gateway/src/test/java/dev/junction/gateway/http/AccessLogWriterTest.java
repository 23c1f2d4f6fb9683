package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lines leave the caller at once, reach the sink in order on the writer's thread, and are dropped (and counted) rather than wait. */
@Timeout(10)
class AccessLogWriterTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    void writes_the_lines_in_order_on_a_thread_of_its_own() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(500);
        AccessLogWriter writer = AccessLogWriter.start(line -> {
            threads.add(Thread.currentThread().getName());
            written.add(line);
            all.countDown();
        });

        IntStream.range(0, 500).forEach(i -> writer.accept("line " + i));

        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        writer.close();
        assertThat(written).containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> "line " + i).toList());
        assertThat(threads).containsOnly("junction-access-log");
    }

    @Test
    void drops_and_counts_the_lines_a_stuck_sink_cannot_take_then_warns() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AccessLogWriter writer = AccessLogWriter.start(
                line -> {
                    stuck.countDown();
                    await(release);
                    written.add(line);
                },
                4,
                warnings::add);
        writer.accept("first");
        assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        IntStream.range(0, 4).forEach(i -> writer.accept("queued " + i));
        IntStream.range(0, 3).forEach(i -> writer.accept("dropped " + i));
        long acceptMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();
        writer.close();

        assertThat(acceptMillis).as("accept never waits for the sink").isLessThan(1_000);
        assertThat(written).containsExactly("first", "queued 0", "queued 1", "queued 2", "queued 3");
        assertThat(warnings).containsExactly("3 access log lines dropped: the log could not keep up (4 lines may wait)");
    }

    @Test
    void close_writes_what_is_still_queued() throws Exception {
        AccessLogWriter writer = AccessLogWriter.start(written::add, 100, warnings::add);
        IntStream.range(0, 50).forEach(i -> writer.accept("line " + i));

        writer.close();

        assertThat(written).hasSize(50).startsWith("line 0").endsWith("line 49");
        assertThat(warnings).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
