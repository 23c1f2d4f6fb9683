package dev.junction.plugin.testkit;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How a plugin's test makes its backend play one {@link BackendContractTest.Kind}: the backend's
 * options (pointing at the fake upstream the test set up) and the request to send, with what the
 * contract may check beyond the events.
 *
 * @param options the backend's options
 * @param request the request to send
 * @param failure the kind a failure scenario must fail with; {@code null} for any kind
 * @param stopProbe how to see that a cancelled backend stopped its work (its upstream connection
 *     closed, its process gone); {@code null} to judge by the events and the chat call alone
 * @param pausedClient whether the client reads nothing (the sink is never ready), so that a
 *     backend that keeps flow control waits: a slow answer for a backend that has no slow upstream
 * @since 1.0.0
 */
public record Scenario(
        JsonObject options, ChatRequest request, ErrorKind failure, StopProbe stopProbe, boolean pausedClient) {

    /** Tells whether a cancelled backend stopped its work. */
    @FunctionalInterface
    public interface StopProbe {
        /** Whether the backend has stopped, or stops within {@code window}. */
        boolean stoppedWithin(Duration window);
    }

    /** Sending {@code request} to a backend made with {@code options}. */
    public static Scenario of(JsonObject options, ChatRequest request) {
        return new Scenario(options, request, null, null, false);
    }

    /** This scenario, which must fail with {@code kind}. */
    public Scenario failingWith(ErrorKind kind) {
        return new Scenario(options, request, kind, stopProbe, pausedClient);
    }

    /** This scenario, whose backend must be seen stopped by {@code probe} once cancelled. */
    public Scenario stoppedWhen(StopProbe probe) {
        return new Scenario(options, request, failure, probe, pausedClient);
    }

    /** This scenario with a client that does not read. */
    public Scenario withPausedClient() {
        return new Scenario(options, request, failure, stopProbe, true);
    }
}
