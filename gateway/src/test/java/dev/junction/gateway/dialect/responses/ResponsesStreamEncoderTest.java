package dev.junction.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edges of a Responses stream: failures, deltas without their block, nothing after the end. */
class ResponsesStreamEncoderTest {

    private static final ResponsesDialect DIALECT = new ResponsesDialect();

    private static List<JsonObject> encode(ChatEvent... events) {
        StreamEncoder encoder = DIALECT.streamEncoder(DIALECT.decode(new JsonObject("{\"model\": \"m\", \"input\": \"go\"}")));
        List<JsonObject> data = new ArrayList<>();
        for (ChatEvent event : events) {
            for (SseFrame frame : encoder.encode(event)) {
                JsonObject json = new JsonObject(frame.data());
                assertThat(frame.event()).isEqualTo(json.getString("type"));
                data.add(json);
            }
        }
        return data;
    }

    @Test
    void a_failure_before_anything_started_is_an_error_event() {
        List<JsonObject> events = encode(ChatEvent.Failed.of(ErrorKind.RATE_LIMITED, "Slow down."));

        assertThat(events).containsExactly(new JsonObject()
                .put("type", "error").put("sequence_number", 0)
                .put("code", "rate_limit_exceeded").put("message", "Slow down.").put("param", null));
    }

    @Test
    void a_failure_mid_stream_is_a_failed_response_and_the_end() {
        List<JsonObject> events = encode(
                new ChatEvent.MessageStart("resp_9", "m"),
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hel"),
                ChatEvent.Failed.of(ErrorKind.TIMEOUT, "The backend timed out."),
                ChatEvent.Finish.of(FinishReason.END_TURN));

        JsonObject failed = events.get(events.size() - 1);
        assertThat(failed.getString("type")).isEqualTo("response.failed");
        assertThat(failed.getInteger("sequence_number")).isEqualTo(events.size() - 1);
        assertThat(failed.getJsonObject("response").getString("status")).isEqualTo("failed");
        assertThat(failed.getJsonObject("response").getJsonObject("error"))
                .isEqualTo(new JsonObject().put("code", "server_error").put("message", "The backend timed out."));
    }

    @Test
    void text_without_its_block_start_still_becomes_a_message_and_open_blocks_close_at_the_end() {
        List<JsonObject> events = encode(new ChatEvent.TextDelta(3, "Hi"), ChatEvent.Finish.of(FinishReason.MAX_TOKENS));

        assertThat(events).extracting(event -> event.getString("type")).containsExactly(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.content_part.added",
                "response.output_text.delta",
                "response.output_text.done",
                "response.content_part.done",
                "response.output_item.done",
                "response.incomplete");
        JsonObject response = events.get(8).getJsonObject("response");
        assertThat(response.getJsonObject("incomplete_details").getString("reason")).isEqualTo("max_output_tokens");
        assertThat(response.getJsonArray("output").getJsonObject(0).getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("Hi");
    }
}
