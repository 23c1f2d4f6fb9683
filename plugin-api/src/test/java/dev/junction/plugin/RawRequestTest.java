package dev.junction.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a relay sends upstream: the client's bytes with only the asked splices. */
class RawRequestTest {

    private static final String BODY = "{\"model\": \"gpt-4o\", \"max_tokens\": 9, \"messages\": []}";

    private static RawRequest request(String body, boolean stream, int usageAt) {
        int model = body.indexOf("\"gpt-4o\"");
        int key = body.indexOf("\"max_tokens\"");
        return new RawRequest(
                ClientDialect.OPENAI,
                "gpt-4o",
                Buffer.buffer(body),
                stream,
                false,
                Map.of(),
                new RawRequest.Span(model, model + 8),
                key < 0 ? Map.of() : Map.of("max_tokens", new RawRequest.Span(key, key + 12)),
                usageAt);
    }

    @Test
    void the_same_model_and_no_renames_send_the_clients_very_bytes() {
        RawRequest request = request(BODY, false, -1);

        assertSame(request.body(), request.upstreamBody("gpt-4o", Map.of()));
    }

    @Test
    void another_model_a_renamed_key_and_the_usage_are_spliced_in_place() {
        RawRequest request = request(BODY, true, 1);

        assertEquals(
                "{\"stream_options\":{\"include_usage\":true},\"model\": \"gpt-\\\"4o\\\"-mapped\","
                        + " \"max_completion_tokens\": 9, \"messages\": []}",
                request.upstreamBody("gpt-\"4o\"-mapped", Map.of("max_tokens", "max_completion_tokens")).toString());
        assertEquals(BODY, request.body().toString());
    }

    @Test
    void a_key_is_not_renamed_onto_one_the_body_already_has_or_when_absent() {
        RawRequest request = request("{\"model\": \"gpt-4o\", \"messages\": []}", false, -1);

        assertSame(request.body(), request.upstreamBody("gpt-4o", Map.of("max_tokens", "max_completion_tokens")));
    }

    @Test
    void routing_to_another_model_keeps_the_bytes_and_what_was_read_of_them() {
        RawRequest request = request(BODY, true, 1).withModel("gpt-5");

        assertEquals("gpt-5", request.model());
        assertEquals(BODY, request.body().toString());
        assertEquals(
                "{\"stream_options\":{\"include_usage\":true},\"model\": \"gpt-5\", \"max_tokens\": 9, \"messages\": []}",
                request.upstreamBody("gpt-5", Map.of()).toString());
    }
}
