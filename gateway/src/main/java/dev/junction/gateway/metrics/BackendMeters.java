package dev.junction.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gauges of one backend on this node: whether this node runs it, the requests it accepted that
 * wait for a worker thread, and those running until their terminal event or cancel. Thread-safe.
 */
public final class BackendMeters {

    private final AtomicInteger up = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    BackendMeters(MeterRegistry registry, String backend) {
        gauge(registry, backend, "junction.backend.up", "1 while this node runs the backend, else 0", up);
        gauge(registry, backend, "junction.backend.queued", "Requests accepted, waiting for a worker thread", queued);
        gauge(registry, backend, "junction.backend.in.flight", "Requests the backend is running", inFlight);
    }

    /** This node runs the backend ({@code true}) or could not start it. */
    public void up(boolean running) {
        up.set(running ? 1 : 0);
    }

    /** A request the backend accepted: queued until {@link Request#started()}. */
    public Request accepted() {
        queued.incrementAndGet();
        return new Request();
    }

    /** One accepted request: queued, then in flight, then done; each step counts once. */
    public final class Request {

        private boolean started;
        private boolean ended;

        private Request() {}

        /** A worker took the request up. */
        public synchronized void started() {
            if (started || ended) {
                return;
            }
            started = true;
            queued.decrementAndGet();
            inFlight.incrementAndGet();
        }

        /** The request ended or was cancelled, whether or not it had started. */
        public synchronized void ended() {
            if (ended) {
                return;
            }
            ended = true;
            (started ? inFlight : queued).decrementAndGet();
        }
    }

    private static void gauge(
            MeterRegistry registry, String backend, String name, String description, AtomicInteger value) {
        Gauge.builder(name, value, AtomicInteger::get)
                .description(description)
                .tag("backend", backend)
                .strongReference(true)
                .register(registry);
    }
}
