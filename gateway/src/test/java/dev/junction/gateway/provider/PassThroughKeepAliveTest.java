package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relayed stream whose upstream is silent past the keep-alive time opens with the gateway's
 * keep-alive, then goes on as the upstream's bytes exactly: the relay's usage and finish write
 * nothing of their own (no second {@code [DONE]}).
 */
@Timeout(60)
class PassThroughKeepAliveTest {

    @Test
    void a_keep_alive_before_the_first_byte_leaves_the_relayed_bytes_as_they_are(@TempDir Path dir) throws Exception {
        String recorded = Files.readString(PassThroughTest.STREAMS.resolve("text.sse"));
        Vertx vertx = Vertx.vertx();
        HttpServer upstream = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> vertx.setTimer(2_500, late -> request.response()
                        .putHeader("content-type", "text/event-stream")
                        .end(recorded))))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        try (TestGateway gateway = TestGateway.builder(dir)
                .server("  keepAliveSeconds: 1\n")
                .backends("  relay:\n    plugin: openai\n    models: [\"gpt-*\"]\n"
                        + "    options: {baseUrl: \"http://127.0.0.1:" + upstream.actualPort() + "/v1\"}\n")
                .start()) {

            RawConnection.ChunkedAnswer answer = RawConnection.postChunked(gateway.port(), "/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.chunks().get(0).text()).isEqualTo(": keep-alive\n\n");
            assertThat(answer.body()).endsWith(PassThroughTest.withoutUsageChunk(recorded));
            assertThat(answer.body().split("\\[DONE\\]", -1)).hasSize(2);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
