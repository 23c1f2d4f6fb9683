package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.RawHttp;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that aborts a stream is logged {@code cancelled}, even when the backend (echo) produced
 * the whole answer before the client left: what was still queued never reached the client.
 */
@Timeout(180)
class AbortedStreamsTest {

    private static final int STREAMS = 3;
    /** Enough words that the answer (several MB of events) cannot fit in the sockets' buffers. */
    private static final int WORDS = 150_000;

    @Test
    void aborted_echo_streams_are_logged_cancelled(@TempDir Path dir) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (TestGateway gateway = TestGateway.builder(dir)
                .plugins(TestGateway.BUILT_PLUGINS)
                .backends(TestGateway.echoBackend())
                .server("  maxBodyBytes: 4000000\n")
                .accessLog(lines::add)
                .start()) {
            String body = "{\"model\":\"echo\",\"max_tokens\":" + WORDS + ",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(WORDS) + "\"}]}";
            byte[] request = ("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < STREAMS; i++) {
                RawHttp.abortAfter(gateway.port(), request, "content_block_delta");
            }
            for (int i = 0; i < STREAMS; i++) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("access log line %d", i).isNotNull();
                JsonObject json = new JsonObject(line);
                assertThat(json.getString("path")).isEqualTo("/v1/messages");
                assertThat(json.getString("outcome")).as(line).isEqualTo("cancelled");
            }
        }
    }
}
