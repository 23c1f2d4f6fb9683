package dev.junction.cli;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The two time limits of one run: in all, and without output. {@link #touch} records output;
 * between {@link #hold} and {@link #release} (the run waits for the client) no output is expected;
 * when a limit is reached the expiry callback runs once, on the shared timer thread, and must not
 * block. Thread-safe. All runs share one daemon timer thread ({@link #SCHEDULER}), which also
 * times the kill of process trees.
 */
final class Watchdog {

    /** Which limit was reached. */
    enum Limit {
        TOTAL,
        IDLE
    }

    /** The timer thread of every run. */
    static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

    private final long idleNanos;
    private final Consumer<Limit> onExpiry;
    private final AtomicBoolean done = new AtomicBoolean();
    private final ScheduledFuture<?> total;
    private volatile ScheduledFuture<?> idle;
    private volatile long lastOutput = System.nanoTime();
    private volatile boolean held;

    private Watchdog(Duration total, Duration idle, Consumer<Limit> onExpiry) {
        this.idleNanos = idle.toNanos();
        this.onExpiry = onExpiry;
        this.total = SCHEDULER.schedule(() -> expire(Limit.TOTAL), total.toNanos(), TimeUnit.NANOSECONDS);
        this.idle = SCHEDULER.schedule(this::checkIdle, idleNanos, TimeUnit.NANOSECONDS);
    }

    /** Starts timing a run; {@code onExpiry} runs at most once, unless {@link #stop} came first. */
    static Watchdog start(Duration total, Duration idle, Consumer<Limit> onExpiry) {
        return new Watchdog(total, idle, onExpiry);
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
            idle = SCHEDULER.schedule(this::checkIdle, idleNanos - silent, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(Limit limit) {
        if (done.compareAndSet(false, true)) {
            total.cancel(false);
            onExpiry.accept(limit);
        }
    }

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "junction-cli-timers");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
