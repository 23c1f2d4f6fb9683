package dev.junction.gateway.http;

import static dev.junction.gateway.http.RateLimitSdkTest.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways in one cluster (clustered Vert.x in this JVM) share each key's limits: whichever
 * node a request reaches, it sees the same remaining counts, and the request over the limit is
 * refused with 429 and {@code Retry-After} in its dialect.
 */
@Timeout(120)
class ClusterRateLimitTest {

    private static InProcessCluster cluster;
    private static final List<TestGateway> gateways = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cluster = new InProcessCluster();
        String keys = "  keys:\n" + key("three-a-minute", "{requestsPerMinute: 3}") + key("two-a-minute", "{requestsPerMinute: 2}");
        for (String node : List.of("a", "b")) {
            Path nodeDir = Files.createDirectories(dir.resolve(node));
            gateways.add(TestGateway.builder(nodeDir).auth(keys).cluster(cluster).start());
        }
    }

    private static String key(String name, String limits) {
        return "    - name: " + name + "\n      key: sk-" + name + "\n      limits: " + limits + "\n";
    }

    @AfterAll
    static void stop() {
        gateways.forEach(TestGateway::close);
        cluster.close();
    }

    @Test
    void openai_key_with_three_a_minute_gets_its_fourth_refused_on_the_other_node() {
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OpenAIClient client = gateways.get(i % 2).openAi("sk-three-a-minute");
            HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse().create(chat());
            assertThat(response.parse().choices()).isNotEmpty();
            remaining.addAll(response.headers().values("x-ratelimit-remaining-requests"));
        }
        assertThat(remaining).as("counted on both nodes, alternately").containsExactly("2", "1", "0");

        for (TestGateway gateway : gateways) {
            com.openai.errors.RateLimitException e = thrown(
                    com.openai.errors.RateLimitException.class,
                    () -> gateway.openAi("sk-three-a-minute").chat().completions().create(chat()));
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(e.headers().values("retry-after").get(0))).isBetween(1, 60);
            assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
            assertThat(e.code()).hasValue("rate_limit_exceeded");
            assertThat(e.getMessage()).contains("three-a-minute", "3 requests per minute");
        }
    }

    @Test
    void anthropic_key_with_two_a_minute_gets_its_third_refused_on_the_first_node() {
        MessageCreateParams message = MessageCreateParams.builder().model("echo").maxTokens(50).addUserMessage("hi").build();
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AnthropicClient client = gateways.get(i % 2).anthropic("sk-two-a-minute");
            com.anthropic.core.http.HttpResponseFor<Message> response = client.messages().withRawResponse().create(message);
            assertThat(response.parse().content()).isNotEmpty();
            remaining.addAll(response.headers().values("anthropic-ratelimit-requests-remaining"));
        }
        assertThat(remaining).containsExactly("1", "0");

        com.anthropic.errors.RateLimitException e = thrown(
                com.anthropic.errors.RateLimitException.class,
                () -> gateways.get(0).anthropic("sk-two-a-minute").messages().create(message));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.errorType()).hasValue(ErrorType.RATE_LIMIT_ERROR);
        assertThat(Integer.parseInt(e.headers().values("retry-after").get(0))).isBetween(1, 60);
        assertThat(e.getMessage()).contains("two-a-minute", "2 requests per minute");
    }

    private static ChatCompletionCreateParams chat() {
        return ChatCompletionCreateParams.builder().model("echo").addUserMessage("hi").build();
    }
}
