package dev.junction.gateway.provider;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;

/**
 * A gateway whose HTTP provider backends (the bundled openai, anthropic and gemini plugin JARs)
 * talk to three {@link FakeProvider}s, plus echo; and the official SDK clients pointed at it.
 *
 * <p>Backends: {@code openai} serves {@code gpt-*} and {@code text-embedding-*}; {@code anthropic}
 * serves {@code claude-*} with a default {@code max_tokens} of 1000; {@code gemini} serves
 * {@code gemini-*}. Each has its own test key, which the tests expect upstream.
 */
final class ProviderGateway implements AutoCloseable {

    static final String OPENAI_KEY = "sk-test-openai";
    static final String ANTHROPIC_KEY = "sk-ant-test";
    static final String GEMINI_KEY = "gk-test";
    /** Upstream failures reach the client as they are: no retries, no circuit breaker (the resilience tests cover those). */
    private static final String AS_IS = "    retries: {attempts: 0}\n    circuitBreaker: {failures: 0}\n";

    final FakeProvider openAiUpstream = FakeProvider.start();
    final FakeProvider anthropicUpstream = FakeProvider.start();
    final FakeProvider geminiUpstream = FakeProvider.start();
    final TestGateway gateway;

    ProviderGateway(Path dir) {
        gateway = TestGateway.start(dir, TestGateway.echoBackend()
                + "  openai:\n    plugin: openai\n    models: [\"gpt-*\", \"text-embedding-*\"]\n"
                + "    options: {baseUrl: \"" + openAiUpstream.baseUrl() + "/v1\", apiKey: " + OPENAI_KEY + "}\n" + AS_IS
                + "  anthropic:\n    plugin: anthropic\n    models: [\"claude-*\"]\n"
                + "    options: {baseUrl: \"" + anthropicUpstream.baseUrl() + "\", apiKey: " + ANTHROPIC_KEY
                + ", maxTokens: 1000}\n" + AS_IS
                + "  gemini:\n    plugin: gemini\n    models: [\"gemini-*\"]\n"
                + "    options: {baseUrl: \"" + geminiUpstream.baseUrl() + "/v1beta\", apiKey: " + GEMINI_KEY + "}\n" + AS_IS);
    }

    OpenAIClient openAi() {
        return gateway.openAi("client-key");
    }

    AnthropicClient anthropic() {
        return gateway.anthropic("client-key");
    }

    void resetUpstreams() {
        openAiUpstream.reset();
        anthropicUpstream.reset();
        geminiUpstream.reset();
    }

    @Override
    public void close() {
        gateway.close();
        openAiUpstream.close();
        anthropicUpstream.close();
        geminiUpstream.close();
    }
}
