package dev.junction.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent phase's bodies have the size asked for, and the bench path serves each of them: the mock
 * alone (up to 400 KB, read without a tree) and the gateway to the mock in both dialects.
 */
@Timeout(120)
class AgentBodiesTest {

    @Test
    void each_size_is_served_directly_and_through_the_gateway_in_both_dialects(@TempDir Path dir) throws Exception {
        AgentBodies.main(new String[] {"--dir", dir.resolve("bodies").toString(), "--tokens", "1000,100000"});
        MockUpstream.Running mock = MockUpstream.start("127.0.0.1", 0, 1, new MockProfile(10, 0, 0))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String backend = "  mock:\n    plugin: openai\n    models: [mock-model]\n"
                + "    options: {baseUrl: \"http://127.0.0.1:" + mock.port() + "/v1\"}\n";
        try (TestGateway gateway = TestGateway.builder(dir).backends(backend).start()) {
            HttpClient http = HttpClient.newHttpClient();
            for (int tokens : new int[] {1000, 100000}) {
                String openAi = Files.readString(dir.resolve("bodies/openai-" + tokens + ".json"));
                String anthropic = Files.readString(dir.resolve("bodies/anthropic-" + tokens + ".json"));
                String stream = Files.readString(dir.resolve("bodies/openai-stream-" + tokens + ".json"));
                int bytes = tokens * AgentBodies.BYTES_PER_TOKEN;
                assertThat(openAi.length()).as("OpenAI body of %d tokens", tokens).isBetween(bytes, bytes + bytes / 10);
                assertThat(anthropic.length()).as("Anthropic body of %d tokens", tokens)
                        .isBetween(bytes * 8 / 10, bytes * 12 / 10);
                assertThat(new JsonObject(openAi).getJsonArray("messages").size()).isGreaterThan(4);

                String direct = "http://127.0.0.1:" + mock.port();
                assertThat(post(http, direct + "/v1/chat/completions", openAi)).contains("\"content\":\" word word");
                assertThat(post(http, gateway.url("/v1/chat/completions"), openAi)).contains("\"content\":\" word word");
                assertThat(post(http, gateway.url("/v1/messages"), anthropic)).contains("\"text\":\" word word");
                assertThat(post(http, gateway.url("/v1/chat/completions"), stream)).endsWith("data: [DONE]\n\n");
            }
        } finally {
            mock.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static String post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("anthropic-version", "2023-06-01")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
