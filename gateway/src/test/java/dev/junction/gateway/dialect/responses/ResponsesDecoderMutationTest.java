package dev.junction.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value of every golden Responses request replaced by a value of each other JSON type: the
 * decoder either accepts the body, and the encoders then answer it, or rejects it with an
 * {@link InvalidRequestException}; never another exception (which would be a 500).
 */
class ResponsesDecoderMutationTest {

    private static final Path REQUESTS = Path.of("src/test/resources/golden/requests/responses");
    private static final List<Object> WRONG_VALUES =
            List.of("x", "", 7, 1.5, true, new JsonObject(), new JsonArray(), new JsonArray().add(3), new JsonObject().put("type", "x"));

    private static final ResponsesDialect DIALECT = new ResponsesDialect();
    private static final ChatResult ANSWER = new ChatResult(null, null, List.of(
                    new ContentPart.Thinking("t", "sig"), new ContentPart.Text("a"), new ContentPart.ToolCall("c", "apply_patch", "{}")),
            FinishReason.TOOL_USE, null, ChatEvent.Usage.of(1, 1));
    private static final List<ChatEvent> EVENTS = List.of(
            ChatEvent.BlockStart.toolCall(0, "c", "exec_command"),
            new ChatEvent.ToolArgumentsDelta(0, "{}"),
            ChatEvent.Finish.of(FinishReason.TOOL_USE));

    static Stream<String> requests() throws IOException {
        try (Stream<Path> files = Files.list(REQUESTS)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("requests")
    void every_mutation_is_accepted_or_refused_as_an_invalid_request(String name) throws IOException {
        JsonObject client = new JsonObject(Files.readString(REQUESTS.resolve(name))).getJsonObject("client");
        List<String> crashes = new ArrayList<>();
        int[] tried = {0};
        walk(client, client, mutated -> {
            tried[0]++;
            try {
                DecodedRequest decoded = DIALECT.decode(mutated.copy());
                DIALECT.encodeResponse(ANSWER, decoded);
                StreamEncoder encoder = DIALECT.streamEncoder(decoded);
                EVENTS.forEach(encoder::encode);
            } catch (InvalidRequestException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                crashes.add(e + " <- " + mutated.encode());
            }
        });

        assertThat(tried[0]).isGreaterThan(100);
        assertThat(crashes).isEmpty();
    }

    /** Gives {@code body} each copy of {@code root} with one value under {@code node} replaced, nulled or left out. */
    private static void walk(Object node, JsonObject root, Consumer<JsonObject> body) {
        if (node instanceof JsonObject object) {
            for (String key : new ArrayList<>(object.fieldNames())) {
                Object original = object.getValue(key);
                for (Object wrong : WRONG_VALUES) {
                    object.put(key, wrong);
                    body.accept(root);
                }
                object.putNull(key);
                body.accept(root);
                object.remove(key);
                body.accept(root);
                object.put(key, original);
                walk(original, root, body);
            }
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                Object original = array.getValue(i);
                for (Object wrong : WRONG_VALUES) {
                    array.set(i, wrong);
                    body.accept(root);
                }
                array.set(i, original);
                walk(original, root, body);
            }
        }
    }
}
