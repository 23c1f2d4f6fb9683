package dev.junction.plugin.testkit;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * The {@link BackendContractTest} of a backend that calls an HTTP API, with its scenarios played
 * by a {@link FakeUpstream}: a recorded stream replayed for {@link Kind#TEXT}; the plugin's failure
 * answer for {@link Kind#FAILURE}; for {@link Kind#SLOW}, the same stream held after its first
 * events, the backend seen stopped when the fake sees its connection closed. A plugin's test gives
 * the options, the request, the streaming call's path, the transcript and the failure.
 *
 * @since 1.0.0
 */
public abstract class HttpBackendContractTest extends BackendContractTest {

    /** An upstream's failure answer, and the kind the backend must make of it. */
    public record UpstreamFailure(FakeUpstream.Responder answer, ErrorKind kind) {}

    /** The backend's options with the upstream at {@code root} ({@code http://127.0.0.1:<port>}, no path). */
    protected abstract JsonObject options(String root);

    /** The request the scenarios send. */
    protected abstract ChatRequest request();

    /** The path the backend POSTs {@link #request()} to, such as {@code /v1/chat/completions}. */
    protected abstract String chatPath();

    /**
     * A recorded stream of a short text answer, as the upstream writes it: the golden file
     * {@code streams/text.sse} unless told.
     */
    protected String transcript() {
        return Golden.text("streams/text.sse");
    }

    /** How the upstream fails in the failure scenario. */
    protected abstract UpstreamFailure failure();

    /** How many events of {@link #transcript()} the slow scenario writes before it holds; 2 unless told. */
    protected int eventsBeforeHolding() {
        return 2;
    }

    @Override
    protected final Scenario prepare(Kind kind) {
        FakeUpstream upstream = FakeUpstream.start(vertx());
        Scenario scenario = Scenario.of(options(upstream.baseUrl()), request());
        SseReplay replay = SseReplay.of(transcript());
        return switch (kind) {
            case TEXT -> {
                upstream.route(HttpMethod.POST, chatPath(), replay);
                yield scenario;
            }
            case FAILURE -> {
                upstream.route(HttpMethod.POST, chatPath(), failure().answer());
                yield scenario.failingWith(failure().kind());
            }
            case SLOW -> {
                upstream.route(HttpMethod.POST, chatPath(), replay.holdingAfter(eventsBeforeHolding()));
                yield scenario.stoppedWhen(upstream::connectionClosedWithin);
            }
        };
    }
}
