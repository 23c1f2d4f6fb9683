package dev.junction.gateway.reload;

import static dev.junction.gateway.reload.BackendReloadTest.reply;
import static dev.junction.gateway.reload.ReloadingGateway.EVERY_SECOND;
import static dev.junction.gateway.reload.ReloadingGateway.probe;
import static dev.junction.gateway.reload.ReloadingGateway.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers in flight finish on the configuration they started with, through the OpenAI SDK: a
 * stream on a backend that a reload changes or removes gets all its chunks, while new requests see
 * the new configuration; a stream that outlasts {@code server.drainSeconds} ends with an error.
 */
@Timeout(60)
class InFlightReloadTest {

    private static final String ECHO = TestGateway.echoBackend();

    @Test
    void a_stream_on_a_changed_backend_finishes_on_its_old_options(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, probe("live", "[tick]", "old"));
                Stream stream = Stream.open(gateway, "live/held")) {
            stream.readUntil("old-start");

            gateway.rewrite(probe("live", "[tick]", "new"));

            assertThat(gateway.awaitApplied().message()).contains("backends changed [live]");
            assertThat(reply(gateway.openAi(), "tick")).as("a new request").isEqualTo("new-start new-end");
            assertThat(ReloadProbe.closed("live")).as("the old instance still answers").isZero();
            ReloadProbe.release();
            assertThat(stream.rest()).isEqualTo("old-start old-end");
            assertThat(stream.finished()).isTrue();
            until("the old instance is closed", () -> ReloadProbe.closed("live") == 1);
        }
    }

    @Test
    void a_stream_on_a_removed_backend_finishes_with_all_its_chunks(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO + probe("live", "[tick]", "old"));
                Stream stream = Stream.open(gateway, "live/held")) {
            stream.readUntil("old-start");

            gateway.rewrite(ECHO);

            assertThat(gateway.awaitApplied().message()).contains("backends removed [live]");
            assertThatThrownBy(() -> reply(gateway.openAi(), "tick")).isInstanceOf(NotFoundException.class);
            assertThat(ReloadProbe.closed("live")).as("still answering").isZero();
            ReloadProbe.release();
            assertThat(stream.rest()).isEqualTo("old-start old-end");
            assertThat(stream.finished()).isTrue();
            until("the removed backend is closed", () -> ReloadProbe.closed("live") == 1);
        }
    }

    @Test
    void a_stream_that_outlasts_the_drain_time_ends_with_an_error(@TempDir Path dir) throws Exception {
        String server = EVERY_SECOND + "  drainSeconds: 1\n";
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, server, "", ECHO + probe("live", "[tick]", "old"));
                Stream stream = Stream.open(gateway, "live/held")) {
            stream.readUntil("old-start");

            gateway.rewrite(server, "", ECHO);
            gateway.awaitApplied();

            assertThatThrownBy(stream::rest).hasMessageContaining("Backend 'live' was removed from the configuration");
            assertThat(ReloadProbe.cancelled().await(2, TimeUnit.SECONDS)).as("the plugin was told to stop").isTrue();
            until("the removed backend is closed", () -> ReloadProbe.closed("live") == 1);
        }
    }

    @Test
    void stopping_after_a_reload_drains_its_streams_and_stops_watching(@TempDir Path dir) throws Exception {
        String server = EVERY_SECOND + "  drainSeconds: 1\n";
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, server, "", ECHO)) {
            gateway.rewrite(server, "", ECHO + probe("live", "[tick]", "new"));
            gateway.awaitApplied();
            try (Stream stream = Stream.open(gateway, "live/held")) {
                stream.readUntil("new-start");

                var stopped = gateway.stop();

                assertThatThrownBy(stream::rest).hasMessageContaining("gateway shutting down");
                stopped.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            gateway.rewrite(server, "", ECHO + probe("late", "[late]", "late"));
            // Nothing to await when nothing happens: wait longer than a check and its settle time.
            Thread.sleep(1_600);
            assertThat(gateway.quiet()).as("no reload after stop").isTrue();
            assertThat(ReloadProbe.created("late")).isZero();
        }
    }

    /** A streamed chat completion, read chunk by chunk. */
    private static final class Stream implements AutoCloseable {

        private final StreamResponse<ChatCompletionChunk> response;
        private final Iterator<ChatCompletionChunk> chunks;
        private final StringBuilder text = new StringBuilder();
        private boolean finished;

        private Stream(StreamResponse<ChatCompletionChunk> response) {
            this.response = response;
            this.chunks = response.stream().iterator();
        }

        static Stream open(ReloadingGateway gateway, String model) {
            ChatCompletionCreateParams params =
                    ChatCompletionCreateParams.builder().model(model).addUserMessage("go").build();
            return new Stream(gateway.openAi().chat().completions().createStreaming(params));
        }

        /** Reads until the text so far contains {@code expected}. */
        void readUntil(String expected) {
            while (!text.toString().contains(expected)) {
                read(chunks.next());
            }
        }

        /** Reads to the end; the whole text. */
        String rest() {
            chunks.forEachRemaining(this::read);
            return text.toString();
        }

        /** Whether a chunk carried a finish reason. */
        boolean finished() {
            return finished;
        }

        private void read(ChatCompletionChunk chunk) {
            chunk.choices().forEach(choice -> {
                choice.delta().content().ifPresent(text::append);
                finished |= choice.finishReason().isPresent();
            });
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
