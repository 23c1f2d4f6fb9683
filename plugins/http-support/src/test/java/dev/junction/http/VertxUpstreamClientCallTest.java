package dev.junction.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.FakeUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
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
class VertxUpstreamClientCallTest {

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
    void returns_the_json_answer_of_a_get_with_the_clients_headers(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> response
                .putHeader("Content-Type", "application/json")
                .end("{\"data\":[{\"id\":\"m1\"}]}"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());

        JsonObject answer = await(client.call(HttpMethod.GET, "/models", Map.of("X-Call", "c"), null));

        assertThat(answer.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo("m1");
        FakeUpstream.Received received = fake.next();
        assertThat(received.method()).isEqualTo(HttpMethod.GET);
        assertThat(received.uri()).isEqualTo("/v1/models");
        assertThat(received.headers().get("Authorization")).isEqualTo("Bearer " + UpstreamTestSupport.API_KEY);
        assertThat(received.headers().get("Accept")).isEqualTo("application/json");
        assertThat(received.headers().get("X-Call")).isEqualTo("c");
        assertThat(received.headers().contains("Content-Type")).isFalse();
        assertThat(received.body().length()).isZero();
    }

    @Test
    void posts_the_json_body(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> response.end("{\"input_tokens\":12}"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());
        JsonObject body = new JsonObject().put("model", "m");

        JsonObject answer = await(client.call(HttpMethod.POST, "messages/count_tokens", Map.of(), body));

        assertThat(answer.getInteger("input_tokens")).isEqualTo(12);
        FakeUpstream.Received received = fake.next();
        assertThat(received.uri()).isEqualTo("/v1/messages/count_tokens");
        assertThat(received.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(received.body().toJsonObject()).isEqualTo(body);
    }

    @Test
    void an_empty_answer_is_an_empty_object(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> response.setStatusCode(204).end());
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());

        assertThat(await(client.call(HttpMethod.DELETE, "/files/1", Map.of(), null))).isEqualTo(new JsonObject());
    }

    @Test
    void an_answer_that_is_not_json_fails_as_an_upstream_error(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> response.end("<html>hello</html>"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());

        UpstreamException failure = failure(client.call(HttpMethod.GET, "/models", Map.of(), null));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(failure.getMessage())
                .isEqualTo("backend 'up': the upstream's answer is not a JSON object: <html>hello</html>");
    }

    @Test
    void a_rate_limited_call_fails_with_the_kind_the_message_and_retry_after(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> response
                .setStatusCode(429)
                .putHeader("Retry-After", "7")
                .end("{\"error\":{\"message\":\"Rate limit reached\"}}"));
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject());

        UpstreamException failure = failure(client.call(HttpMethod.GET, "/models", Map.of(), null));

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failure.retryAfterSeconds()).isEqualTo(7);
        assertThat(failure.getMessage())
                .isEqualTo("backend 'up': the upstream's rate limit was reached (429): Rate limit reached");
    }

    @Test
    void a_call_times_out_when_the_upstream_does_not_answer(Vertx vertx) throws Exception {
        fake = FakeUpstream.start(vertx, (request, response) -> {});
        client = UpstreamTestSupport.client(vertx, fake.baseUrl("/v1"), new JsonObject().put("firstByteTimeoutSeconds", 1));

        UpstreamException failure = failure(client.call(HttpMethod.GET, "/models", Map.of(), null));

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("backend 'up': the upstream did not answer within 1 s");
        assertThat(fake.connectionClosedWithin(Duration.ofMillis(1000))).isTrue();
    }

    @Test
    void a_call_to_a_closed_port_is_unavailable(Vertx vertx) throws Exception {
        FakeUpstream closed = FakeUpstream.start(vertx, (request, response) -> {});
        String baseUrl = closed.baseUrl("/v1");
        closed.close();
        client = UpstreamTestSupport.client(vertx, baseUrl, new JsonObject());

        UpstreamException failure = failure(client.call(HttpMethod.GET, "/models", Map.of(), null));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(failure.getMessage()).contains("cannot reach 127.0.0.1:").endsWith(": connection refused");
    }

    @Test
    void a_base_url_that_does_not_parse_is_an_invalid_option(Vertx vertx) {
        HttpOptions options = UpstreamTestSupport.options("http://bad host/v1", new JsonObject());

        Throwable thrown = catchThrowable(() -> VertxUpstreamClient.create(vertx, "up", options, Map.of()));

        assertThat(thrown).isInstanceOf(dev.junction.plugin.BackendException.class);
        assertThat(((dev.junction.plugin.BackendException) thrown).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(thrown.getMessage()).startsWith("options.baseUrl: is not a valid URL");
    }

    private static JsonObject await(Future<JsonObject> answer) throws Exception {
        return answer.await(5, TimeUnit.SECONDS);
    }

    private static UpstreamException failure(Future<JsonObject> answer) {
        Throwable thrown = catchThrowable(() -> answer.await(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(UpstreamException.class);
        return (UpstreamException) thrown;
    }
}
