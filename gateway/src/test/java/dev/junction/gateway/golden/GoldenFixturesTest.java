package dev.junction.gateway.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.bus.EventWire;
import dev.junction.gateway.bus.RequestWire;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ChatResultCollector;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.gateway.dialect.anthropic.AnthropicDialect;
import dev.junction.gateway.dialect.openai.OpenAiDialect;
import dev.junction.gateway.dialect.responses.ResponsesDialect;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden fixtures for both translation directions of each client dialect (Chat Completions,
 * Anthropic Messages, Responses), in
 * {@code src/test/resources/golden}:
 *
 * <ul>
 *   <li>{@code requests/<dialect>/<case>.json}: a client's request body ({@code client}) and the
 *       canonical request it decodes to ({@code canonical}, in its bus wire form, with the client's
 *       dialect stamped as the front end does);
 *   <li>{@code answers/<case>.events.json}: a backend's canonical events; and per dialect
 *       {@code answers/<dialect>/<case>.json}: what the client receives, streamed ({@code stream}:
 *       one {@code {event, data}} per server-sent event, data parsed when it is JSON) and whole
 *       ({@code response}, or {@code error} with its status when the answer failed).
 * </ul>
 *
 * Run with {@code -Dgolden.update=true} to rewrite the expected sides from the code (then review
 * the diff). Timestamps ({@code created}, {@code created_at}) are zeroed before comparing.
 */
class GoldenFixturesTest {

    private static final Path ROOT = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Map<String, Dialect> DIALECTS =
            Map.of("openai", new OpenAiDialect(), "anthropic", new AnthropicDialect(), "responses", new ResponsesDialect());
    private static final List<String> DIALECT_NAMES = List.of("openai", "anthropic", "responses");

    /** The client request behind every answer fixture: streamed, usage asked for, model "golden". */
    private static final Map<String, JsonObject> ANSWER_REQUESTS = Map.of(
            "openai", new JsonObject("""
                    {"model": "golden", "stream": true, "stream_options": {"include_usage": true},
                     "messages": [{"role": "user", "content": "Go."}]}"""),
            "anthropic", new JsonObject("""
                    {"model": "golden", "max_tokens": 1024, "stream": true,
                     "messages": [{"role": "user", "content": "Go."}]}"""),
            "responses", new JsonObject("""
                    {"model": "golden", "stream": true, "input": "Go.",
                     "include": ["reasoning.encrypted_content"]}"""));

    static Stream<Arguments> requestCases() {
        return cases("requests", ".json");
    }

    static Stream<Arguments> answerCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Path events : files(ROOT.resolve("answers"), ".events.json")) {
            String name = events.getFileName().toString().replace(".events.json", "");
            for (String dialect : DIALECT_NAMES) {
                cases.add(Arguments.of(dialect, name));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requestCases")
    void client_request_decodes_to_the_golden_canonical_request(String dialectName, String name) {
        Path file = ROOT.resolve("requests").resolve(dialectName).resolve(name + ".json");
        JsonObject fixture = read(file);
        Dialect dialect = DIALECTS.get(dialectName);

        DecodedRequest decoded = dialect.decode(fixture.getJsonObject("client")).fromClient(dialect.name(), Map.of());
        JsonObject canonical = RequestWire.encode(decoded.request());

        if (UPDATE) {
            write(file, fixture.put("canonical", canonical));
        }
        assertThat(canonical).isEqualTo(fixture.getJsonObject("canonical"));
        assertThat(RequestWire.decode(canonical)).isEqualTo(decoded.request());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answerCases")
    void canonical_events_encode_to_the_golden_client_answer(String dialectName, String name) {
        List<ChatEvent> events = new ArrayList<>();
        for (Object event : new JsonArray(text(ROOT.resolve("answers").resolve(name + ".events.json")))) {
            events.add(EventWire.decode((JsonObject) event));
        }
        Dialect dialect = DIALECTS.get(dialectName);
        DecodedRequest request = dialect.decode(ANSWER_REQUESTS.get(dialectName));

        JsonObject actual = new JsonObject().put("stream", stream(dialect, request, events));
        ChatEvent last = events.get(events.size() - 1);
        if (last instanceof ChatEvent.Failed failed) {
            int status = dialect.status(failed.kind());
            actual.put("error", new JsonObject()
                    .put("status", status)
                    .put("body", dialect.errorBody(new ApiError(status, failed.message(), null, failed.retryAfterSeconds()))));
        } else {
            ChatResultCollector collector = new ChatResultCollector(request.request().model());
            events.subList(0, events.size() - 1).forEach(collector::accept);
            actual.put("response", normalize(dialect.encodeResponse(collector.finish((ChatEvent.Finish) last), request)));
        }

        Path file = ROOT.resolve("answers").resolve(dialectName).resolve(name + ".json");
        if (UPDATE) {
            write(file, actual);
        }
        assertThat(actual).isEqualTo(read(file));
    }

    private static JsonArray stream(Dialect dialect, DecodedRequest request, List<ChatEvent> events) {
        StreamEncoder encoder = dialect.streamEncoder(request);
        JsonArray frames = new JsonArray();
        for (ChatEvent event : events) {
            for (SseFrame frame : encoder.encode(event)) {
                JsonObject json = new JsonObject();
                if (frame.event() != null) {
                    json.put("event", frame.event());
                }
                frames.add(json.put("data", frame.data().startsWith("{") ? normalize(new JsonObject(frame.data())) : frame.data()));
            }
        }
        return frames;
    }

    /** Zeroes the only values that change from run to run: the time of creation, also of a streamed response. */
    private static JsonObject normalize(JsonObject json) {
        for (String key : List.of("created", "created_at")) {
            if (json.containsKey(key)) {
                json.put(key, 0);
            }
        }
        if (json.getValue("response") instanceof JsonObject response) {
            normalize(response);
        }
        return json;
    }

    private static Stream<Arguments> cases(String folder, String suffix) {
        List<Arguments> cases = new ArrayList<>();
        for (String dialect : DIALECT_NAMES) {
            for (Path file : files(ROOT.resolve(folder).resolve(dialect), suffix)) {
                cases.add(Arguments.of(dialect, file.getFileName().toString().replace(suffix, "")));
            }
        }
        return cases.stream();
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject read(Path file) {
        return Files.exists(file) ? new JsonObject(text(file)) : new JsonObject();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, JsonObject json) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.encodePrettily(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
