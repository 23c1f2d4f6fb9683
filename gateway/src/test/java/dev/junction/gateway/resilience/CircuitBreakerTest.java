package dev.junction.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.TestGateway;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Circuit breakers of two failures and one second: they open on repeated failures that say a
 * backend is unhealthy, show in {@code /health}, keep requests away from the backend (failing fast or
 * going to the fallback), and close after a successful trial. A breaker is the node's: failures
 * count together whichever of its four HTTP server instances served them.
 */
@Timeout(60)
class CircuitBreakerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;
    private static OpenAIClient openAi;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start(@TempDir Path dir) {
        String breaker = "    retries: {attempts: 0}\n    circuitBreaker: {failures: 2, resetSeconds: 1}\n";
        gateway = TestGateway.builder(dir)
                .plugins(ScriptProbe.writePlugins(dir))
                .server("  instances: 4\n")
                .backends("  fragile:\n    plugin: scripted\n    models: [fragile]\n" + breaker
                        + "  guarded:\n    plugin: scripted\n    models: [guarded]\n    fallbacks: [echo]\n" + breaker
                        + "  sturdy:\n    plugin: scripted\n    models: [sturdy]\n" + breaker
                        + "  spread:\n    plugin: scripted\n    models: [spread]\n"
                        + "    retries: {attempts: 0}\n    circuitBreaker: {failures: 3, resetSeconds: 30}\n"
                        + TestGateway.echoBackend())
                .start();
        openAi = gateway.openAi("k");
        anthropic = gateway.anthropic("k");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void reset() {
        ScriptProbe.reset();
    }

    private static ChatCompletionCreateParams openAiChat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hello breaker").build();
    }

    private static JsonObject health(String backendId) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.url("/health"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonObject("backends").getJsonObject(backendId);
    }

    /** Polls {@code /health} (the state an operator sees) until the backend's circuit is {@code circuit}. */
    private static JsonObject awaitCircuit(String backendId, String circuit) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        JsonObject state = health(backendId);
        while (!circuit.equals(state.getString("circuit")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            state = health(backendId);
        }
        assertThat(state.getString("circuit")).as("circuit of %s: %s", backendId, state).isEqualTo(circuit);
        return state;
    }

    @Test
    void repeated_failures_open_the_circuit_then_requests_fail_fast_until_a_trial_closes_it() throws Exception {
        assertThat(health("fragile").getString("circuit")).isEqualTo("closed");
        ScriptProbe.failNext(100, ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "scripted outage"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> openAi.chat().completions().create(openAiChat("fragile/flaky")))
                    .isInstanceOf(InternalServerException.class)
                    .hasMessageContaining("scripted outage");
        }

        JsonObject open = awaitCircuit("fragile", "open");
        assertThat(open.getString("status")).isEqualTo("unavailable");
        assertThat(open.getString("reason")).contains("circuit breaker is open").contains("the last: scripted outage");
        long start = System.nanoTime();
        assertThatThrownBy(() -> openAi.chat().completions().create(openAiChat("fragile/flaky")))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.getMessage())
                            .contains("Backend 'fragile' is unavailable: its circuit breaker is open after repeated "
                                    + "failures (the last: scripted outage).");
                });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("failed fast").isLessThan(500);
        assertThat(ScriptProbe.chats).as("the open circuit kept the request away").hasSize(2);

        ScriptProbe.failuresLeft.set(0);
        awaitCircuit("fragile", "half_open");
        assertThat(openAi.chat().completions().create(openAiChat("fragile/flaky")).choices().get(0).message().content())
                .contains("ok from fragile");
        assertThat(ScriptProbe.chats).hasSize(3);
        JsonObject closed = awaitCircuit("fragile", "closed");
        assertThat(closed.getString("status")).isEqualTo("available");
    }

    @Test
    void an_open_circuit_sends_requests_straight_to_the_fallback() throws Exception {
        ScriptProbe.failNext(100, ChatEvent.Failed.of(ErrorKind.OVERLOADED, "scripted overload"));
        MessageCreateParams params = MessageCreateParams.builder()
                .model("guarded/flaky")
                .maxTokens(64)
                .addUserMessage("hello breaker")
                .build();
        for (int i = 0; i < 2; i++) {
            Message message = anthropic.messages().create(params);
            assertThat(message.content().get(0).asText().text()).isEqualTo("hello breaker");
        }
        assertThat(ScriptProbe.chats).hasSize(2);
        awaitCircuit("guarded", "open");

        Message message = anthropic.messages().create(params);

        assertThat(message.content().get(0).asText().text()).isEqualTo("hello breaker");
        assertThat(ScriptProbe.chats).as("the open circuit kept the request away").hasSize(2);
    }

    @Test
    void client_errors_and_rate_limits_do_not_open_the_circuit() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> openAi.chat().completions().create(openAiChat("sturdy/invalid")))
                    .isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> openAi.chat().completions().create(openAiChat("sturdy/limited")))
                    .isInstanceOf(RateLimitException.class);
        }

        assertThat(health("sturdy").getString("circuit")).isEqualTo("closed");
        assertThat(ScriptProbe.chats).hasSize(6);
    }

    @Test
    void failures_served_by_different_instances_open_the_one_circuit_of_the_node() throws Exception {
        ScriptProbe.failNext(100, ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "scripted outage"));
        for (int i = 0; i < 3; i++) {
            // A client each: a connection each, which the node hands to its instances in turn.
            assertThatThrownBy(() -> gateway.openAi("k").chat().completions().create(openAiChat("spread/flaky")))
                    .isInstanceOf(InternalServerException.class)
                    .hasMessageContaining("scripted outage");
        }

        awaitCircuit("spread", "open");
        assertThatThrownBy(() -> gateway.openAi("k").chat().completions().create(openAiChat("spread/flaky")))
                .isInstanceOfSatisfying(InternalServerException.class,
                        e -> assertThat(e.getMessage()).contains("circuit breaker is open"));
        assertThat(ScriptProbe.chats).as("the open circuit kept the request away").hasSize(3);
    }
}
