package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeUpstreamTest {

    private static final String TRANSCRIPT = ": comment\r\nevent: ping\r\ndata: {}\r\n\r\ndata: a\n\ndata: b\ndata: c\n\n";

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient();
    private final FakeUpstream upstream = FakeUpstream.start(vertx);

    @AfterEach
    void close() throws Exception {
        upstream.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void routes_by_method_and_path_records_each_request_and_answers_others_with_500() throws Exception {
        upstream.route(HttpMethod.POST, "/v1/chat", FakeUpstream.json(429, new JsonObject().put("e", 1), "retry-after", "3"));

        HttpClientResponse routed = send(HttpMethod.POST, "/v1/chat?x=1", "{\"model\":\"m\"}");
        assertThat(routed.statusCode()).isEqualTo(429);
        assertThat(routed.getHeader("retry-after")).isEqualTo("3");
        assertThat(routed.getHeader("content-type")).isEqualTo("application/json");
        assertThat(body(HttpMethod.POST, "/v1/chat")).isEqualTo("{\"e\":1}");
        HttpClientResponse other = send(HttpMethod.GET, "/v1/chat", "");

        assertThat(other.statusCode()).isEqualTo(500);
        FakeUpstream.Received first = upstream.next();
        assertThat(first.method()).isEqualTo(HttpMethod.POST);
        assertThat(first.uri()).isEqualTo("/v1/chat?x=1");
        assertThat(first.headers().get("X-Test")).isEqualTo("yes");
        assertThat(first.json()).isEqualTo(new JsonObject().put("model", "m"));
        assertThat(upstream.next().method()).isEqualTo(HttpMethod.POST);
        assertThat(upstream.next().method()).isEqualTo(HttpMethod.GET);
        assertThat(upstream.pending()).isZero();
        assertThat(upstream.requests()).hasSize(3);
        assertThat(upstream.connections()).isPositive();
    }

    @Test
    void replays_a_transcript_byte_for_byte() throws Exception {
        upstream.answer(SseReplay.of(TRANSCRIPT).inPiecesOf(3));

        HttpClientResponse response = send(HttpMethod.POST, "/stream", "{}");

        assertThat(response.getHeader("content-type")).startsWith("text/event-stream");
        assertThat(body(HttpMethod.POST, "/stream")).isEqualTo(TRANSCRIPT);
        assertThat(SseReplay.of(TRANSCRIPT).events()).isEqualTo(3);
    }

    @Test
    void a_paced_replay_pauses_after_each_event() throws Exception {
        upstream.answer(SseReplay.of(TRANSCRIPT).pacedBy(Duration.ofMillis(200)));
        long start = System.nanoTime();

        String body = body(HttpMethod.POST, "/stream");

        assertThat(body).isEqualTo(TRANSCRIPT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void a_held_replay_writes_its_first_events_and_the_rest_once_released() throws Exception {
        SseReplay replay = SseReplay.of(TRANSCRIPT).holdingAfter(1);
        upstream.answer(replay);
        String firstEvent = ": comment\r\nevent: ping\r\ndata: {}\r\n\r\n";
        Buffer received = Buffer.buffer();
        Promise<Void> firstSeen = Promise.promise();
        Future<Void> ended = client.request(HttpMethod.POST, upstream.port(), "127.0.0.1", "/stream")
                .compose(request -> request.send("{}"))
                .compose(response -> {
                    response.handler(chunk -> {
                        received.appendBuffer(chunk);
                        if (received.length() >= firstEvent.length()) {
                            firstSeen.tryComplete();
                        }
                    });
                    return response.end();
                });

        firstSeen.future().await(10, TimeUnit.SECONDS);
        assertThat(received.toString()).isEqualTo(firstEvent);
        assertThat(ended.isComplete()).isFalse();
        replay.release();

        ended.await(10, TimeUnit.SECONDS);
        assertThat(received.toString()).isEqualTo(TRANSCRIPT);
    }

    @Test
    void sees_a_client_close_its_connection() throws Exception {
        upstream.answer(SseReplay.of(TRANSCRIPT).holdingAfter(1));
        HttpClientResponse response = send(HttpMethod.POST, "/stream", "{}");

        assertThat(upstream.connectionClosedWithin(Duration.ofMillis(100))).isFalse();
        response.request().connection().close();

        assertThat(upstream.connectionClosedWithin(Duration.ofSeconds(5))).isTrue();
        assertThat(upstream.closedConnections()).isEqualTo(1);
    }

    private String body(HttpMethod method, String uri) throws Exception {
        return client.request(method, upstream.port(), "127.0.0.1", uri)
                .compose(request -> request.send("{}"))
                .compose(HttpClientResponse::body)
                .await(10, TimeUnit.SECONDS)
                .toString();
    }

    private HttpClientResponse send(HttpMethod method, String uri, String body) throws Exception {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost("127.0.0.1")
                .setPort(upstream.port())
                .setURI(uri)
                .putHeader("X-Test", "yes");
        return client.request(options)
                .compose(request -> request.send(body))
                .await(10, TimeUnit.SECONDS);
    }
}
