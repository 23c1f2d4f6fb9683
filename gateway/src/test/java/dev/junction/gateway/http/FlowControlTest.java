package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.metrics.RawRequest;
import dev.junction.gateway.support.FastUpstream;
import dev.junction.gateway.support.Scrapes;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that does not read holds its stream's producer back: the echo backend stops where the
 * client's connection is full and goes on when the client reads; the openai plugin stops reading
 * its upstream, whose writes then stop, and a client that leaves closes the upstream call.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class FlowControlTest {

    private static final int WORDS = 200_000;
    /** A small receive buffer, so that the client's socket holds little of the stream. */
    private static final int CLIENT_BUFFER = 16 * 1024;
    private static final Pattern CONTENT = Pattern.compile("\"content\":\"([^\"]*)\"");

    @Test
    void a_client_that_does_not_read_holds_the_echo_backend_back_until_it_reads(@TempDir Path dir) throws Exception {
        List<String> accessLines = new CopyOnWriteArrayList<>();
        String words = IntStream.rangeClosed(1, WORDS).mapToObj(Integer::toString).collect(Collectors.joining(" "));
        try (TestGateway gateway = TestGateway.builder(dir).accessLog(accessLines::add).start()) {
            try (RawRequest warmUp = RawRequest.post(gateway.port(), "/v1/chat/completions", chat("echo", "warm up"))) {
                warmUp.readUntil("data: [DONE]");
            }
            Scrapes.until(gateway, "the warm-up answer ended", scrape -> inFlight(scrape, "echo") == 0 && accessLines.size() == 1);
            long heapBefore = heapAfterGc();
            try (RawRequest client = RawRequest.post(gateway.port(), "/v1/chat/completions", chat("echo", words), CLIENT_BUFFER)) {
                Scrapes.until(gateway, "the echo answer in flight", scrape -> inFlight(scrape, "echo") == 1);

                assertHolds(Duration.ofSeconds(3), () -> inFlight(Scrapes.scrape(gateway), "echo") == 1 && accessLines.size() == 1);
                // Unchecked, the 200,000 words pin 60-90 MiB; held back, what stays is mostly the 1.3 MB prompt's copies.
                assertThat(heapAfterGc() - heapBefore).as("heap held by the stream").isLessThan(16L << 20);

                String answer = client.readUntil("data: [DONE]");
                assertThat(contentOf(answer)).as("every word, in order, once the client reads").isEqualTo(words);
            }
            Scrapes.until(gateway, "the echo answer ended", scrape -> inFlight(scrape, "echo") == 0);
        }
    }

    @Test
    void a_client_that_does_not_read_stops_the_upstream_and_one_that_leaves_closes_it(Vertx vertx, @TempDir Path dir)
            throws Exception {
        FastUpstream upstream = FastUpstream.start(vertx, WORDS, i -> " w" + (i + 1), CLIENT_BUFFER);
        try (TestGateway gateway = TestGateway.builder(dir).backends(upstream.backend("openai", "gpt-*")).start()) {
            try (RawRequest client = RawRequest.post(gateway.port(), "/v1/chat/completions", chat("gpt-x", "go"), CLIENT_BUFFER)) {
                assertThat(upstream.awaitAnswering(10)).as("the upstream got the call").isTrue();
                long stalledAt = awaitStall(upstream::written, Duration.ofSeconds(2), Duration.ofSeconds(60));

                assertThat(stalledAt).as("chunks the upstream could write (of %d)", WORDS).isLessThan(WORDS / 2);
                assertThat(upstream.queueFull()).as("the upstream's write queue is full").isTrue();
            }
            assertThat(upstream.awaitClosed(10)).as("the upstream connection closed").isTrue();
            Scrapes.until(gateway, "the openai answer ended", scrape -> inFlight(scrape, "openai") == 0);
        }
    }

    private static String chat(String model, String text) {
        return new JsonObject()
                .put("model", model)
                .put("stream", true)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text)))
                .encode();
    }

    private static double inFlight(dev.junction.gateway.support.PrometheusText scrape, String backend) {
        return scrape.value("junction_backend_in_flight", "backend", backend);
    }

    /** The text of a streamed chat completion: its content deltas, joined. */
    private static String contentOf(String sse) {
        StringBuilder text = new StringBuilder();
        Matcher matcher = CONTENT.matcher(sse);
        while (matcher.find()) {
            text.append(matcher.group(1));
        }
        return text.toString();
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Asserts that {@code condition} holds at every look for {@code period}. */
    private static void assertHolds(Duration period, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            assertThat(condition.getAsBoolean()).as("holds for %s", period).isTrue();
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Waits until {@code value} stays the same for {@code quiet}, and returns it; fails after {@code within}. */
    private static long awaitStall(LongSupplier value, Duration quiet, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long last = value.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos()) {
            assertThat(System.nanoTime()).as("the value stops changing within %s (now %d)", within, last).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }
}
