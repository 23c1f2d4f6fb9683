package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A client that leaves cancels the work behind it, in a plugin loaded from a real JAR. */
@Timeout(60)
class CancellationTest {

    @Test
    void closing_a_stream_tells_the_plugin_within_a_second(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, "slow", ">=0.1.0", SlowBackendFactory.class,
                SlowBackendFactory.class, SlowBackendFactory.SlowBackend.class);
        CancelProbe.reset();
        try (TestGateway gateway = TestGateway.start(dir, plugins, "  slow:\n    plugin: slow\n    models: [slow]\n")) {
            OpenAIClient client = gateway.openAi("unused");
            ChatCompletionCreateParams params =
                    ChatCompletionCreateParams.builder().model("slow").addUserMessage("go on").build();

            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
                chunks.next();
                chunks.next();
                assertThat(CancelProbe.cancelled.getCount()).as("not cancelled while the client reads").isEqualTo(1);
            }
            long closedAt = System.nanoTime();

            assertThat(CancelProbe.cancelled.await(1, TimeUnit.SECONDS)).as("plugin told of the cancel").isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt)).isLessThan(1000);
            assertThat(CancelProbe.cancelThread).as("a blocking plugin's cancel action runs off the event loop")
                    .startsWith("junction-cancel-slow");
            assertThat(CancelProbe.stopped.await(2, TimeUnit.SECONDS)).as("plugin stopped working").isTrue();
        }
    }
}
