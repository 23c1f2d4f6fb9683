package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopping gateway drains its streams, on every HTTP server instance, then ends them with an
 * error; a client that leaves is logged.
 */
@Timeout(60)
class GracefulShutdownTest {

    private static final String BODY = "{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go on\"}]}";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Map<String, JsonObject> byRequestId = new HashMap<>();

    /** A gateway of four HTTP server instances, which it hands new connections to in turn. */
    private TestGateway start(Path dir, int drainSeconds) throws IOException {
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, "slow", ">=0.1.0", SlowBackendFactory.class,
                SlowBackendFactory.class, SlowBackendFactory.SlowBackend.class);
        CancelProbe.reset();
        return TestGateway.start(dir, plugins, "  slow:\n    plugin: slow\n    models: [slow]\n",
                "  instances: 4\n  drainSeconds: " + drainSeconds + "\n", lines::add);
    }

    /** Opens a stream on a raw socket and reads until the first words have come. */
    private static Socket openStream(TestGateway gateway, String requestId) throws IOException {
        Socket socket = new Socket("127.0.0.1", gateway.port());
        socket.setSoTimeout(10_000);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Request-Id: " + requestId + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        StringBuilder seen = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains("word1 ")) {
            int n = in.read(buffer);
            assertThat(n).as("stream open").isPositive();
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return socket;
    }

    /** The access log line of request {@code id}, waiting for it; lines of other requests are kept for later. */
    private JsonObject lineOf(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!byRequestId.containsKey(id) && System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                JsonObject json = new JsonObject(line);
                byRequestId.put(json.getString("requestId"), json);
            }
        }
        JsonObject line = byRequestId.get(id);
        if (line == null) {
            throw new AssertionError("no access log line for " + id);
        }
        return line;
    }

    @Test
    void a_client_that_leaves_a_stream_is_logged_as_cancelled(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = start(dir, 1)) {
            openStream(gateway, "leaver").close();

            JsonObject line = lineOf("leaver");
            assertThat(line.getString("outcome")).isEqualTo("cancelled");
            assertThat(line.getString("backend")).isEqualTo("slow");
            assertThat(line.getLong("ttftMs")).isNotNull();
            assertThat(CancelProbe.cancelled.await(2, TimeUnit.SECONDS)).as("plugin told of the cancel").isTrue();
        }
    }

    @Test
    void stop_drains_then_ends_the_streams_of_every_instance_with_an_error_and_refuses_new_requests(
            @TempDir Path dir) throws Exception {
        try (TestGateway gateway = start(dir, 1)) {
            List<Socket> streams = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                streams.add(openStream(gateway, "drained-" + i));
            }
            long stopAt = System.nanoTime();
            var stopped = gateway.stop();

            assertThat(newRequestIsRefused(gateway)).as("new request refused while draining").isTrue();

            for (int i = 0; i < streams.size(); i++) {
                String text = rest(streams.get(i));
                long endedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);

                assertThat(text).as("stream %d", i).contains("\"error\"").contains("gateway shutting down");
                assertThat(endedMs).as("stream %d ended soon after the 1 s drain", i).isBetween(800L, 2500L);
                assertThat(lineOf("drained-" + i).getString("outcome")).isEqualTo("unavailable");
            }
            stopped.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    /** What {@code stream} sends until its error event, then closes it. */
    private static String rest(Socket stream) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        InputStream in = stream.getInputStream();
        byte[] buffer = new byte[4096];
        String text = "";
        try {
            for (int n; !text.contains("gateway shutting down") && (n = in.read(buffer)) > 0; ) {
                rest.write(buffer, 0, n);
                text = rest.toString(StandardCharsets.UTF_8);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            throw new AssertionError("stream did not end with an error event: " + text, e);
        } finally {
            stream.close();
        }
        return text;
    }

    /** True when a new connection is refused, dropped, or answered 503. */
    private static boolean newRequestIsRefused(TestGateway gateway) {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5_000);
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            byte[] status = new byte[12];
            int n = socket.getInputStream().readNBytes(status, 0, 12);
            return n < 12 || new String(status, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 503");
        } catch (IOException e) {
            return true;
        }
    }
}
