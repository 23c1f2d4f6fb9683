package dev.junction.cli;

import dev.junction.plugin.BackendContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The two time limits of one run: in all, and without output. {@link #touch} records output;
 * between {@link #hold} and {@link #release} (the run waits for the client) no output is expected;
 * when a limit is reached the expiry callback runs once, on the backend's timer thread
 * ({@link BackendContext#timers()}), and must not block. Thread-safe.
 */
final class Watchdog {

    /** Which limit was reached. */
    enum Limit {
        TOTAL,
        IDLE
    }

    private final BackendContext context;
    private final long idleNanos;
    private final Consumer<Limit> onExpiry;
    private final AtomicBoolean done = new AtomicBoolean();
    private final ScheduledFuture<?> total;
    private volatile ScheduledFuture<?> idle;
    private volatile long lastOutput = System.nanoTime();
    private volatile boolean held;

    private Watchdog(BackendContext context, Duration total, Duration idle, Consumer<Limit> onExpiry) {
        this.context = context;
        this.idleNanos = idle.toNanos();
        this.onExpiry = onExpiry;
        this.total = context.timers().schedule(() -> expire(Limit.TOTAL), total.toNanos(), TimeUnit.NANOSECONDS);
        this.idle = context.timers().schedule(this::checkIdle, idleNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Starts timing a run on the timer thread of {@code context}; {@code onExpiry} runs at most once,
     * unless {@link #stop} came first.
     */
    static Watchdog start(BackendContext context, Duration total, Duration idle, Consumer<Limit> onExpiry) {
        return new Watchdog(context, total, idle, onExpiry);
    }

    /** The run printed something: the idle limit counts from now. */
    void touch() {
        lastOutput = System.nanoTime();
    }

    /** The run waits for the client: silence does not count until {@link #release}. */
    void hold() {
        held = true;
    }

    /** The client took more: the idle limit counts from now. */
    void release() {
        touch();
        held = false;
    }

    /** The run is over: no expiry from now on. */
    void stop() {
        done.set(true);
        total.cancel(false);
        idle.cancel(false);
    }

    private void checkIdle() {
        long silent = held ? 0 : System.nanoTime() - lastOutput;
        if (silent >= idleNanos) {
            expire(Limit.IDLE);
        } else if (!done.get()) {
            idle = context.timers().schedule(this::checkIdle, idleNanos - silent, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(Limit limit) {
        if (done.compareAndSet(false, true)) {
            total.cancel(false);
            onExpiry.accept(limit);
        }
    }
}
