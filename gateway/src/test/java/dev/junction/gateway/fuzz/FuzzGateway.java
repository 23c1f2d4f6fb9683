package dev.junction.gateway.fuzz;

import dev.junction.gateway.bench.MockProfile;
import dev.junction.gateway.bench.MockUpstream;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway the fuzzer hits: the echo backend, and the openai and anthropic plugins on a
 * loopback {@link MockUpstream} that refuses what the real OpenAI API refuses (strict), with a 1 MiB body limit so that oversized bodies are cheap to
 * send. Keeps the longest access log line it wrote.
 */
final class FuzzGateway implements AutoCloseable {

    static final int MAX_BODY_BYTES = 1 << 20;

    private final MockUpstream.Running mock;
    private final TestGateway gateway;
    private final AtomicInteger longLines = new AtomicInteger();
    private final AtomicReference<String> longestLine = new AtomicReference<>("");

    private FuzzGateway(Path dir) throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0, 1, new MockProfile(5, 0, 0), true)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String mockUrl = "http://127.0.0.1:" + mock.port();
        gateway = TestGateway.start(dir, TestGateway.BUILT_PLUGINS,
                TestGateway.echoBackend()
                        + "  mock-openai:\n    plugin: openai\n    models: [gpt-mock]\n"
                        + "    options: {baseUrl: \"" + mockUrl + "/v1\", apiKey: fuzz}\n"
                        + "  mock-anthropic:\n    plugin: anthropic\n    models: [claude-mock]\n"
                        + "    options: {baseUrl: \"" + mockUrl + "\", apiKey: fuzz}\n",
                "  maxBodyBytes: " + MAX_BODY_BYTES + "\n",
                this::accessLine);
    }

    static FuzzGateway start(Path dir) throws Exception {
        return new FuzzGateway(dir);
    }

    int port() {
        return gateway.port();
    }

    private void accessLine(String line) {
        if (line.length() > Invariants.MAX_ERROR_BYTES) {
            longLines.incrementAndGet();
            longestLine.accumulateAndGet(line, (a, b) -> b.length() > a.length() ? b : a);
        }
    }

    /** How many access log lines were longer than {@link Invariants#MAX_ERROR_BYTES}. */
    int longAccessLines() {
        return longLines.get();
    }

    String longestAccessLine() {
        String line = longestLine.get();
        return line.length() + " chars: " + Printable.excerpt(line, 300);
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            mock.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
