package dev.junction.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets at most {@code maxRunning} runs go at once and up to {@code maxWaiting} more wait for a
 * turn, first come first served; {@link #tryEnter} refuses the rest at once. Thread-safe: a
 * {@link Pass} is awaited on the request's thread and may be left from any other (a cancel).
 */
final class ConcurrencyGate {

    private enum State {
        WAITING,
        ADMITTED,
        LEFT
    }

    private final int maxRunning;
    private final int maxWaiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Pass> queue = new ArrayDeque<>();
    private int running;
    private boolean closed;

    ConcurrencyGate(int maxRunning, int maxWaiting) {
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
    }

    /** A pass that runs at once or waits in the queue, or empty when the queue is full too. */
    Optional<Pass> tryEnter() {
        lock.lock();
        try {
            Pass pass = new Pass();
            if (running < maxRunning && queue.isEmpty()) {
                pass.state = State.ADMITTED;
                running++;
            } else if (queue.size() < maxWaiting) {
                queue.add(pass);
            } else {
                return Optional.empty();
            }
            return Optional.of(pass);
        } finally {
            lock.unlock();
        }
    }

    /** How many runs hold a pass now. */
    int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** How many requests wait for a turn now. */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Admits no one from now on: every waiting {@link Pass#await} returns {@code false}. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void admitWaiting() {
        while (running < maxRunning && !queue.isEmpty() && !closed) {
            queue.poll().state = State.ADMITTED;
            running++;
        }
        changed.signalAll();
    }

    /** One request's place: admitted, or waiting for its turn. Close it when the run is over. */
    final class Pass implements AutoCloseable {

        private State state = State.WAITING;

        /**
         * Waits for this request's turn.
         *
         * @return {@code true} when admitted; {@code false} when it left the queue, the gate closed,
         *     or the thread was interrupted
         */
        boolean await() {
            lock.lock();
            try {
                awaitTurn();
                leave();
                return state == State.ADMITTED;
            } finally {
                lock.unlock();
            }
        }

        /** Leaves the queue if still waiting, so the request never runs; harmless once admitted. */
        void leave() {
            lock.lock();
            try {
                if (state == State.WAITING) {
                    queue.remove(this);
                    state = State.LEFT;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        /** Frees the place: the next waiting request runs. */
        @Override
        public void close() {
            lock.lock();
            try {
                if (state == State.ADMITTED) {
                    state = State.LEFT;
                    running--;
                    admitWaiting();
                } else {
                    leave();
                }
            } finally {
                lock.unlock();
            }
        }

        private void awaitTurn() {
            try {
                while (state == State.WAITING && !closed) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
