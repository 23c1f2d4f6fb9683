package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.http.SseEvent;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decoder's edges that the recorded streams do not reach. */
class MessagesStreamTest {

    private final MessagesStream stream = new MessagesStream("claude-api");
    private final List<ChatEvent> events = new ArrayList<>();

    @Test
    void a_cut_connection_fails_as_upstream_naming_the_backend() {
        assertThat(stream.onEnd(false))
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.UPSTREAM, "backend 'claude-api': the upstream broke off the stream before message_stop"));
    }

    @Test
    void data_that_is_not_json_fails_the_stream_instead_of_throwing() {
        stream.onEvent(new SseEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"), events::add);

        assertThat(events).containsExactly(ChatEvent.Failed.of(
                ErrorKind.UPSTREAM,
                "backend 'claude-api': the upstream sent a content_block_delta event whose data is not a JSON object"));
    }

    @Test
    void unknown_events_and_pings_are_ignored_whatever_their_data() {
        stream.onEvent(new SseEvent("ping", ""), events::add);
        stream.onEvent(new SseEvent("some_future_event", "not json"), events::add);
        stream.onEvent(new SseEvent(null, "{\"type\":\"another_future_event\"}"), events::add);

        assertThat(events).isEmpty();
    }

    @Test
    void an_unnamed_event_is_read_by_its_data_type() {
        stream.onEvent(new SseEvent(null, "{\"type\":\"message_stop\"}"), events::add);

        assertThat(events).containsExactly(ChatEvent.Finish.of(dev.junction.plugin.FinishReason.END_TURN));
    }

    @Test
    void an_error_without_a_type_is_an_upstream_failure() {
        stream.onEvent(new SseEvent("error", "{\"type\":\"error\",\"error\":{}}"), events::add);

        assertThat(events).containsExactly(ChatEvent.Failed.of(
                ErrorKind.UPSTREAM, "backend 'claude-api': the upstream failed mid-stream: no message"));
    }

    @ParameterizedTest
    @CsvSource({
        "invalid_request_error, INVALID_REQUEST",
        "authentication_error, AUTHENTICATION",
        "permission_error, AUTHENTICATION",
        "not_found_error, NOT_FOUND",
        "rate_limit_error, RATE_LIMITED",
        "api_error, UPSTREAM",
        "overloaded_error, OVERLOADED",
        "timeout_error, TIMEOUT"
    })
    void an_error_event_fails_with_the_kind_of_its_type(String type, ErrorKind kind) {
        stream.onEvent(
                new SseEvent("error", "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"m\"}}"),
                events::add);

        String message = kind == ErrorKind.INVALID_REQUEST || kind == ErrorKind.NOT_FOUND
                ? "m"
                : "backend 'claude-api': the upstream failed mid-stream (" + type + "): m";
        assertThat(events).containsExactly(ChatEvent.Failed.of(kind, message));
    }

    @Test
    void a_tool_use_block_that_starts_with_input_sends_it_as_the_first_arguments() {
        stream.onEvent(new SseEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"a\":1}}}"), events::add);

        assertThat(events).containsExactly(
                ChatEvent.BlockStart.toolCall(0, "toolu_1", "f"), new ChatEvent.ToolArgumentsDelta(0, "{\"a\":1}"));
    }

    @Test
    void deltas_of_a_block_that_never_started_are_ignored() {
        stream.onEvent(new SseEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":5,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}"), events::add);
        stream.onEvent(new SseEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":5}"), events::add);

        assertThat(events).isEmpty();
    }
}
