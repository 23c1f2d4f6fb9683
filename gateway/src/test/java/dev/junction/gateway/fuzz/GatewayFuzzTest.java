package dev.junction.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.fuzz.Endpoints.Endpoint;
import dev.junction.gateway.fuzz.RawHttp.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests against one gateway, over raw sockets: every endpoint of both dialects, with
 * structure-aware JSON mutations, header, method and path mutations, and broken HTTP framing
 * ({@link CaseGenerator}). Every answer must keep the {@link Invariants}; every 100 requests, and
 * at the end, a normal request must still get its answer; no access log line may exceed 4 KiB; the
 * gateway logs no ERROR with a stack trace ({@link ErrorLogTap}).
 * Failures are reported by class, each with its count and smallest reproduction.
 *
 * <p>2,000 requests from seed 1 by default; {@code -Djunction.fuzz.requests=10000} for the long
 * run, {@code -Djunction.fuzz.seed=N} for another seed (the seed is printed either way).
 */
@Timeout(1800)
class GatewayFuzzTest {

    private static final int REQUESTS = Integer.getInteger("junction.fuzz.requests", 2_000);
    private static final long SEED = Long.getLong("junction.fuzz.seed", 1);
    private static final int CLIENTS = 4;
    private static final int PROBE_EVERY = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void hostile_requests_get_clean_answers_in_the_callers_dialect(@TempDir Path dir) throws Exception {
        FailureClasses failures = new FailureClasses();
        long started = System.nanoTime();
        try (ErrorLogTap log = ErrorLogTap.install();
                FuzzGateway gateway = FuzzGateway.start(dir)) {
            CaseGenerator cases = new CaseGenerator(SEED, gateway.port());
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean wedged = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> {
                        for (int i = next.getAndIncrement(); i < REQUESTS && !wedged.get(); i = next.getAndIncrement()) {
                            FuzzCase sent = cases.make(i);
                            Outcome outcome = RawHttp.exchange(gateway.port(), sent, TIMEOUT);
                            failures.record(i, sent, outcome, Invariants.check(sent, outcome));
                            if (i % PROBE_EVERY == PROBE_EVERY - 1 && !stillAnswers(gateway, failures, i)) {
                                wedged.set(true);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> client : running) {
                    client.get(1500, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            stillAnswers(gateway, failures, REQUESTS);
            log.errors().forEach((kind, count) -> failures.record("ERROR logged with a stack trace: " + kind + " (" + count + "x)",
                    log.example(kind)));
            if (gateway.longAccessLines() > 0) {
                failures.record("access log lines over " + Invariants.MAX_ERROR_BYTES + " chars: " + gateway.longAccessLines(),
                        "the longest, " + gateway.longestAccessLine());
            }
        }
        String report = failures.report(SEED, REQUESTS);
        System.out.printf("GatewayFuzzTest: seed %d, %d requests in %d s%n%s", SEED, REQUESTS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), report);
        assertThat(failures.isEmpty()).as(report).isTrue();
    }

    /** Whether a valid echo request after request {@code after} gets its 200; records a failure if not. */
    private static boolean stillAnswers(FuzzGateway gateway, FailureClasses failures, int after) {
        Endpoint chat = Endpoints.ALL.get(0);
        HttpMessage probe = Endpoints.valid(chat, gateway.port(), new Random(after));
        FuzzCase sent = FuzzCase.of("probe", chat.name(), Expect.ACCEPT, chat.family(), probe);
        Outcome outcome = RawHttp.exchange(gateway.port(), sent, TIMEOUT);
        List<String> broken = Invariants.check(sent, outcome);
        if (broken.isEmpty()) {
            return true;
        }
        failures.record("the gateway stopped answering normal requests after request #" + after, String.join("; ", broken));
        return false;
    }
}
