package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.http.BodyReader;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.testkit.Golden;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A relayed Chat Completions answer is the upstream's bytes, cut anywhere into reads: all of them,
 * or all but the usage-only chunk for a client that did not ask for it; its usage and finish come
 * from the bytes as they pass.
 */
class RelayGoldenTest {

    private static final String USAGE_CHUNK_START = "data: {\"id\":\"chatcmpl-BzT4kQ8d2VnXc7LmR1aWfPq9sHj3E\","
            + "\"object\":\"chat.completion.chunk\",\"created\":1753967405,\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_62a23a81ef\",\"choices\":[],";

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 100_000})
    void a_stream_whose_client_asked_for_the_usage_is_relayed_byte_for_byte(int chunkSize) {
        String upstream = Golden.text("streams/text.sse");

        List<ChatEvent> events = relay(new ChatChunkRelay("openai", false), upstream, chunkSize, true);

        assertThat(bytes(events)).isEqualTo(upstream);
        assertThat(events).contains(new ChatEvent.Usage(9, 8, 0, 0, 0));
        assertThat(events.get(events.size() - 1)).isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100_000})
    void a_stream_whose_client_did_not_ask_for_the_usage_loses_the_usage_chunk_alone(int chunkSize) {
        String upstream = Golden.text("streams/text.sse");
        int usageStart = upstream.indexOf(USAGE_CHUNK_START);
        int usageEnd = upstream.indexOf("\n\n", usageStart) + 2;

        List<ChatEvent> events = relay(new ChatChunkRelay("openai", true), upstream, chunkSize, true);

        assertThat(usageStart).isPositive();
        assertThat(bytes(events)).isEqualTo(upstream.substring(0, usageStart) + upstream.substring(usageEnd));
        assertThat(events).contains(new ChatEvent.Usage(9, 8, 0, 0, 0));
    }

    @Test
    void tool_calls_finish_as_tool_use_with_the_cached_tokens_apart() {
        String upstream = Golden.text("streams/tool-calls-parallel.sse");

        List<ChatEvent> events = relay(new ChatChunkRelay("openai", false), upstream, 7, true);

        assertThat(bytes(events)).isEqualTo(upstream);
        assertThat(events).contains(new ChatEvent.Usage(1187 - 1024, 46, 1024, 0, 0));
        assertThat(events.get(events.size() - 1)).isEqualTo(ChatEvent.Finish.of(FinishReason.TOOL_USE));
    }

    @Test
    void a_stream_cut_before_its_finish_fails_after_the_bytes_it_had() {
        String upstream = Golden.text("streams/cut-before-finish.sse");

        List<ChatEvent> events = relay(new ChatChunkRelay("openai", false), upstream, 7, false);

        assertThat(bytes(events)).isEqualTo(upstream);
        assertThat(events.get(events.size() - 1))
                .isInstanceOfSatisfying(ChatEvent.Failed.class, failed -> assertThat(failed.kind()).isEqualTo(ErrorKind.UPSTREAM));
    }

    @Test
    void an_error_event_ends_the_answer_as_the_upstreams_failure_without_its_bytes() {
        String upstream = Golden.text("streams/error-mid-stream.sse");

        List<ChatEvent> events = relay(new ChatChunkRelay("openai", false), upstream, 7, true);

        assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Failed.class);
        assertThat(bytes(events)).doesNotContain("\"error\"");
    }

    @Test
    void a_whole_completion_is_relayed_as_it_came_with_its_usage_and_finish() {
        String upstream = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\n  \"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi \\\"usage\\\": {}\"},\"finish_reason\":\"length\"}],"
                + "\"usage\": {\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}";

        List<ChatEvent> events = relay(new CompletionRelay("openai"), upstream, 5, true);

        assertThat(bytes(events)).isEqualTo(upstream);
        assertThat(events).containsExactly(
                new ChatEvent.Relayed(((ChatEvent.Relayed) events.get(0)).bytes()),
                new ChatEvent.Usage(10, 3, 2, 0, 0),
                ChatEvent.Finish.of(FinishReason.MAX_TOKENS));
    }

    /** Feeds {@code upstream} in reads of {@code chunkSize} bytes as the upstream client does, then ends it. */
    private static List<ChatEvent> relay(BodyReader reader, String upstream, int chunkSize, boolean clean) {
        byte[] bytes = upstream.getBytes(StandardCharsets.UTF_8);
        List<ChatEvent> events = new ArrayList<>();
        for (int at = 0; at < bytes.length && !ended(events); at += chunkSize) {
            reader.chunk(Buffer.buffer().appendBytes(bytes, at, Math.min(chunkSize, bytes.length - at)), events::add);
        }
        if (!ended(events)) {
            events.add(reader.end(clean, events::add));
        }
        return events;
    }

    private static boolean ended(List<ChatEvent> events) {
        return !events.isEmpty() && events.get(events.size() - 1).terminal();
    }

    private static String bytes(List<ChatEvent> events) {
        Buffer all = Buffer.buffer();
        events.stream()
                .filter(ChatEvent.Relayed.class::isInstance)
                .forEach(event -> all.appendBuffer(((ChatEvent.Relayed) event).bytes()));
        return all.toString(StandardCharsets.UTF_8);
    }
}
