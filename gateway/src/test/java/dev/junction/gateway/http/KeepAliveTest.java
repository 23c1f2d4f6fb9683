package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.ProbeBackendFactory;
import dev.junction.gateway.support.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keep-alives on silent streams, with {@code server.keepAliveSeconds: 1} and a test plugin (from a
 * real JAR) that pauses {@link ProbeBackendFactory#PAUSE_MS} inside or before its answer: the
 * dialect's keep-alive goes out during the pause, never after the terminal event, and the official
 * SDKs read the stream as if it were not there.
 */
@Timeout(60)
class KeepAliveTest {

    private static final String PING = "event: ping\ndata: {\"type\":\"ping\"}\n\n";
    private static final String COMMENT = ": keep-alive\n\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, "probe", ">=0.1.0", ProbeBackendFactory.class,
                ProbeBackendFactory.class, ProbeBackendFactory.ProbeBackend.class);
        gateway = TestGateway.start(dir, plugins,
                "  probe:\n    plugin: probe\n    models: [probe, pause-first, pause-mid, fail-late]\n",
                "  keepAliveSeconds: 1\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> anthropicStream(String model) throws Exception {
        return post("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":9,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static HttpResponse<String> openAiStream(String model) throws Exception {
        return post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void an_anthropic_stream_pings_while_the_backend_is_silent() throws Exception {
        String body = anthropicStream("pause-mid").body();

        String pause = between(body, "\"text\":\"a\"", "\"text\":\"b\"");
        assertThat(count(pause, PING)).isBetween(1, 3);
        assertThat(body).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void an_openai_stream_writes_comments_while_the_backend_is_silent() throws Exception {
        String body = openAiStream("pause-mid").body();

        String pause = between(body, "\"content\":\"a\"", "\"content\":\"b\"");
        assertThat(count(pause, COMMENT)).isBetween(1, 3);
        assertThat(body).endsWith("data: [DONE]\n\n");
        assertThat(count(body, COMMENT)).isEqualTo(count(pause, COMMENT));
    }

    @Test
    void a_backend_silent_before_its_first_event_gets_the_stream_opened_by_a_keep_alive() throws Exception {
        HttpResponse<String> anthropic = anthropicStream("pause-first");
        assertThat(anthropic.statusCode()).isEqualTo(200);
        assertThat(anthropic.body()).startsWith(PING);
        assertThat(anthropic.body()).contains("event: message_start");

        HttpResponse<String> openAi = openAiStream("pause-first");
        assertThat(openAi.statusCode()).isEqualTo(200);
        assertThat(openAi.body()).startsWith(COMMENT);
        assertThat(openAi.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void a_failure_after_a_keep_alive_is_an_error_event() throws Exception {
        String anthropic = anthropicStream("fail-late").body();
        assertThat(anthropic).contains(PING).endsWith("event: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"overloaded_error\",\"message\":\"probe is overloaded\"}}\n\n");

        String openAi = openAiStream("fail-late").body();
        assertThat(openAi).contains(COMMENT).endsWith("\"message\":\"probe is overloaded\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}\n\n");
    }

    @Test
    void a_quick_stream_gets_no_keep_alive() throws Exception {
        assertThat(openAiStream("probe").body()).doesNotContain(COMMENT);
        assertThat(count(anthropicStream("probe").body(), PING)).isEqualTo(1); // the API's own, after the first block
    }

    @Test
    void the_sdks_read_streams_with_keep_alives_as_usual() {
        OpenAIClient openAi = gateway.openAi("k");
        ChatCompletionAccumulator completion = ChatCompletionAccumulator.create();
        try (var stream = openAi.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("pause-first").addUserMessage("hi").build())) {
            stream.stream().forEach((ChatCompletionChunk chunk) -> completion.accumulate(chunk));
        }
        assertThat(completion.chatCompletion().choices().get(0).message().content()).contains("ok");

        AnthropicClient anthropic = gateway.anthropic("k");
        MessageAccumulator message = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(
                MessageCreateParams.builder().model("pause-mid").maxTokens(9).addUserMessage("hi").build())) {
            stream.stream().forEach(message::accumulate);
        }
        assertThat(message.message().content().get(0).asText().text()).isEqualTo("ab");
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start);
        assertThat(start).as("'%s' in %s", from, text).isNotNegative();
        assertThat(end).as("'%s' after '%s' in %s", to, from, text).isGreaterThan(start);
        return text.substring(start, end);
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
