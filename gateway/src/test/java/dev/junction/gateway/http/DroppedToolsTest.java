package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Responses request's built-in tools on their way to a backend that is no Responses upstream
 * (echo): dropped and named in {@code x-junction-dropped-tools}, a forced one refused.
 */
@Timeout(60)
class DroppedToolsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}},"
            + "{\"type\":\"web_search\",\"external_web_access\":false},"
            + "{\"type\":\"namespace\",\"name\":\"agents\",\"description\":\"d\",\"tools\":[{\"type\":\"function\",\"name\":\"spawn\","
            + "\"parameters\":{\"type\":\"object\"}}]},"
            + "{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_1\"]}]";

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(dir, TestGateway.echoBackend());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void names_the_built_in_tools_a_backend_without_them_goes_without(boolean stream) throws Exception {
        HttpResponse<String> answer = post("/v1/responses",
                "{\"model\":\"echo\",\"input\":\"hello there\",\"stream\":" + stream + "," + TOOLS + "}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-junction-dropped-tools")).hasValue("web_search, file_search");
        assertThat(answer.body()).contains("hello there");
    }

    @Test
    void refuses_a_tool_choice_that_forces_a_dropped_tool() throws Exception {
        HttpResponse<String> answer = post("/v1/responses",
                "{\"model\":\"echo\",\"input\":\"hi\",\"tool_choice\":{\"type\":\"web_search\"}," + TOOLS + "}");

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(answer.body()).getJsonObject("error");
        assertThat(error.getString("param")).isEqualTo("tool_choice");
        assertThat(error.getString("message")).contains("web_search");
    }

    @Test
    void says_nothing_when_nothing_is_dropped() throws Exception {
        HttpResponse<String> answer = post("/v1/responses",
                "{\"model\":\"echo\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-junction-dropped-tools")).isEmpty();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url(path)))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
