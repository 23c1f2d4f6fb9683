package dev.junction.http;

import static dev.junction.http.VertxUpstreamClientStreamTest.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class VertxUpstreamClientFailureTest {

    private FakeUpstream fake;
    private UpstreamClient client;

    @BeforeEach
    void warmUp(Vertx vertx) throws Exception {
        UpstreamTestSupport.warmUp(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close().await(5, TimeUnit.SECONDS);
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void classifies_each_class_of_http_failure_with_the_upstreams_message(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> {
            int status = Integer.parseInt(request.path().substring(request.path().lastIndexOf('/') + 1));
            response.setStatusCode(status);
            if (status == 429 || status == 529) {
                response.putHeader("Retry-After", "7");
            }
            response.putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("type", "error")
                            .put("error", new JsonObject().put("message", "upstream says " + status))
                            .encode());
        });
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());

        assertThat(streamFailure(400)).isEqualTo(ChatEvent.Failed.of(ErrorKind.INVALID_REQUEST, "upstream says 400"));
        assertThat(streamFailure(401))
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.AUTHENTICATION,
                        "backend 'up': the upstream refused the gateway's credentials (401): upstream says 401"));
        assertThat(streamFailure(404)).isEqualTo(ChatEvent.Failed.of(ErrorKind.NOT_FOUND, "upstream says 404"));
        assertThat(streamFailure(429))
                .isEqualTo(new ChatEvent.Failed(
                        ErrorKind.RATE_LIMITED,
                        "backend 'up': the upstream's rate limit was reached (429): upstream says 429",
                        7));
        assertThat(streamFailure(529))
                .isEqualTo(new ChatEvent.Failed(
                        ErrorKind.OVERLOADED, "backend 'up': the upstream is overloaded (529): upstream says 529", 7));
        assertThat(streamFailure(500))
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.UPSTREAM, "backend 'up': the upstream failed (500): upstream says 500"));
        assertThat(streamFailure(504))
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.TIMEOUT, "backend 'up': the upstream timed out (504): upstream says 504"));
    }

    @Test
    void never_shows_the_api_key_when_the_upstream_quotes_it(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> response
                .setStatusCode(401)
                .end("{\"error\":{\"message\":\"Incorrect API key provided: " + UpstreamTestSupport.API_KEY + ".\"}}"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);

        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(failed.message())
                .doesNotContain(UpstreamTestSupport.API_KEY)
                .endsWith("Incorrect API key provided: [redacted].");
        assertThat(client.toString()).doesNotContain(UpstreamTestSupport.API_KEY);
    }

    @Test
    void times_out_when_the_upstream_sends_no_headers_within_the_first_byte_timeout(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> {});
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject().put("firstByteTimeoutSeconds", 1));
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);

        assertThat(sink.awaitFailure())
                .isEqualTo(ChatEvent.Failed.of(ErrorKind.TIMEOUT, "backend 'up': the upstream did not answer within 1 s"));
        assertThat(fake.connectionClosedWithin(Duration.ofMillis(1000))).as("the request was aborted").isTrue();
        assertThat(sink.events()).hasSize(1);
    }

    @Test
    void times_out_when_the_stream_does_not_finish_within_the_total_timeout(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response).write("data: one\n\n"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject().put("timeoutSeconds", 1));
        TextHandler handler = new TextHandler();
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), handler, sink);

        assertThat(sink.awaitFailure())
                .isEqualTo(ChatEvent.Failed.of(ErrorKind.TIMEOUT, "backend 'up': the upstream did not finish within 1 s"));
        assertThat(sink.events()).hasSize(2).first().isEqualTo(new ChatEvent.TextDelta(0, "one"));
        assertThat(fake.connectionClosedWithin(Duration.ofMillis(1000))).as("the request was aborted").isTrue();
        assertThat(handler.ends).isEmpty();
    }

    @Test
    void is_unavailable_when_the_connection_is_refused(Vertx vertx) throws Exception {
        FakeUpstream closed = FakeUpstream.start(vertx, (request, response) -> {});
        String baseUrl = closed.baseUrl("/v1");
        int port = closed.port();
        closed.close();
        client = UpstreamTestSupport.client(vertx, baseUrl, new JsonObject());
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);

        assertThat(sink.awaitFailure())
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.UNAVAILABLE, "backend 'up': cannot reach 127.0.0.1:" + port + ": connection refused"));
    }

    @Test
    @SuppressWarnings("removal")
    void is_unavailable_when_the_upstreams_certificate_is_not_trusted(Vertx vertx) throws Exception {
        io.vertx.core.net.SelfSignedCertificate certificate = io.vertx.core.net.SelfSignedCertificate.create("127.0.0.1");
        io.vertx.core.http.HttpServer tls = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
                        .setSsl(true)
                        .setKeyCertOptions(certificate.keyCertOptions()))
                .requestHandler(request -> request.response().end("data: [DONE]\n\n"))
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS);
        try {
            client = UpstreamTestSupport.client(vertx, "https://127.0.0.1:" + tls.actualPort() + "/v1", new JsonObject());
            RecordingSink sink = new RecordingSink();

            client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);

            ChatEvent.Failed failed = sink.awaitFailure();
            assertThat(failed.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(failed.message())
                    .startsWith("backend 'up': cannot reach 127.0.0.1:" + tls.actualPort() + ": TLS failed: ");
        } finally {
            tls.close().await(5, TimeUnit.SECONDS);
            certificate.delete();
        }
    }

    @Test
    void tells_the_handler_of_an_unclean_end_when_the_connection_is_cut_mid_stream(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response)
                .write("data: one\n\n")
                .onSuccess(written -> response.reset()));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        TextHandler handler = new TextHandler();
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), handler, sink);

        assertThat(sink.awaitFailure().message()).isEqualTo("ended clean=false");
        assertThat(sink.events()).first().isEqualTo(new ChatEvent.TextDelta(0, "one"));
        assertThat(handler.ends).containsExactly(false);
    }

    @Test
    void a_cancel_closes_the_upstream_connection_and_nothing_follows(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response).write("data: one\n\n"));
        client = UpstreamTestSupport.client(
                vertx, fake.baseUrl("/v1"), new JsonObject().put("timeoutSeconds", 1).put("firstByteTimeoutSeconds", 1));
        TextHandler handler = new TextHandler();
        RecordingSink sink = new RecordingSink();
        client.stream("/chat/completions", Map.of(), new JsonObject(), handler, sink);
        sink.awaitEvents(1);

        sink.cancel();

        assertThat(fake.connectionClosedWithin(Duration.ofMillis(1000))).as("the upstream saw its connection closed").isTrue();
        assertThat(sink.terminalWithin(Duration.ofMillis(1500)))
                .as("no timeout or end follows a cancel, even past the 1 s total timeout")
                .isFalse();
        assertThat(sink.events()).containsExactly(new ChatEvent.TextDelta(0, "one"));
        assertThat(handler.ends).isEmpty();
    }

    @Test
    void a_cancel_before_the_headers_closes_the_upstream_connection(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> {});
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject().put("firstByteTimeoutSeconds", 1));
        RecordingSink sink = new RecordingSink();
        client.stream("/chat/completions", Map.of(), new JsonObject(), new TextHandler(), sink);
        fake.next();

        sink.cancel();

        assertThat(fake.connectionClosedWithin(Duration.ofMillis(1000))).isTrue();
        assertThat(sink.terminalWithin(Duration.ofMillis(1500)))
                .as("the first-byte timeout does not fire after a cancel")
                .isFalse();
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void a_handler_that_throws_fails_the_stream_and_aborts_the_request(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> sse(response).write("data: boom\n\n"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        SseHandler throwing = new TextHandler() {
            @Override
            public void onEvent(SseEvent event, java.util.function.Consumer<ChatEvent> events) {
                throw new IllegalStateException("bad " + event.data());
            }
        };
        RecordingSink sink = new RecordingSink();

        client.stream("/chat/completions", Map.of(), new JsonObject(), throwing, sink);

        assertThat(sink.awaitFailure())
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.INTERNAL,
                        "backend 'up': could not read the upstream's stream: java.lang.IllegalStateException: bad boom"));
        assertThat(fake.connectionClosedWithin(Duration.ofMillis(1000))).isTrue();
    }

    private ChatEvent.Failed streamFailure(int status) throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        client.stream("/fail/" + status, Map.of(), new JsonObject(), new TextHandler(), sink);
        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(sink.events()).hasSize(1);
        return failed;
    }
}
