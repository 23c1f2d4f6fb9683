package dev.junction.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One timer per context checks many deadlines: each fires within a tick after it passed, and only
 * then, on the context that watched it, whichever of the node's event loops that is.
 */
@ExtendWith(VertxExtension.class)
@Timeout(10)
class DeadlineSweeperTest {

    private static final long TICK_MILLIS = 20;

    /** A deadline set by the test, noting when it expired. */
    private static final class Item implements DeadlineSweeper.Watched {

        private final Runnable onExpiry;
        long deadline;
        long expiredAt = -1;

        Item(long deadline, Runnable onExpiry) {
            this.deadline = deadline;
            this.onExpiry = onExpiry;
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public void expired() {
            expiredAt = System.nanoTime();
            onExpiry.run();
        }
    }

    private static long inMillis(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** Runs {@code test} on a context of its own, as the HTTP server's requests run. */
    private static void onContext(Vertx vertx, VertxTestContext testContext, Runnable test) {
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> testContext.verify(test::run));
    }

    @Test
    void expires_each_deadline_within_a_tick_after_it_passed(Vertx vertx, VertxTestContext testContext) {
        DeadlineSweeper sweeper = new DeadlineSweeper(TICK_MILLIS);
        onContext(vertx, testContext, () -> {
            long start = System.nanoTime();
            Item[] items = new Item[3];
            Runnable check = () -> {
                if (items[0].expiredAt >= 0 && items[1].expiredAt >= 0 && items[2].expiredAt >= 0) {
                    testContext.verify(() -> {
                        for (int i = 0; i < 3; i++) {
                            long after = TimeUnit.NANOSECONDS.toMillis(items[i].expiredAt - start);
                            assertThat(after).as("item %d", i).isBetween(100L * (i + 1), 100L * (i + 1) + 250);
                        }
                        testContext.completeNow();
                    });
                }
            };
            for (int i = 0; i < 3; i++) {
                items[i] = new Item(inMillis(100L * (i + 1)), check);
                sweeper.watch(items[i]);
            }
        });
    }

    @Test
    void a_deadline_moved_later_is_not_expired_at_the_old_one(Vertx vertx, VertxTestContext testContext) {
        DeadlineSweeper sweeper = new DeadlineSweeper(TICK_MILLIS);
        onContext(vertx, testContext, () -> {
            long start = System.nanoTime();
            Item item = new Item(inMillis(60), () -> testContext.verify(() -> {
                assertThat(millisSince(start)).isGreaterThanOrEqualTo(250);
                testContext.completeNow();
            }));
            sweeper.watch(item);
            vertx.setTimer(30, id -> item.deadline = inMillis(220)); // an event pushes the idle deadline
        });
    }

    @Test
    void an_unwatched_item_never_expires_and_the_timer_stops_when_nothing_is_watched(
            Vertx vertx, VertxTestContext testContext) {
        DeadlineSweeper sweeper = new DeadlineSweeper(TICK_MILLIS);
        onContext(vertx, testContext, () -> {
            Item item = new Item(inMillis(40), () -> testContext.failNow("expired after it was unwatched"));
            Item none = new Item(Long.MAX_VALUE, () -> testContext.failNow("expired without a deadline"));
            sweeper.watch(item);
            sweeper.watch(none);
            assertThat(sweeper.ticking()).isTrue();
            sweeper.unwatch(item);
            vertx.setTimer(10 * TICK_MILLIS, id -> testContext.verify(() -> {
                assertThat(sweeper.ticking()).as("still watching the item without a deadline").isTrue();
                sweeper.unwatch(none);
                vertx.setTimer(3 * TICK_MILLIS, later -> testContext.verify(() -> {
                    assertThat(sweeper.ticking()).isFalse();
                    testContext.completeNow();
                }));
            }));
        });
    }

    @Test
    void an_expiry_may_watch_a_new_deadline(Vertx vertx, VertxTestContext testContext) {
        DeadlineSweeper sweeper = new DeadlineSweeper(TICK_MILLIS);
        onContext(vertx, testContext, () -> {
            Item retry = new Item(0, testContext::completeNow);
            Item first = new Item(inMillis(30), () -> {
                retry.deadline = inMillis(30); // a retry's attempt, started by the timeout of the first
                sweeper.watch(retry);
            });
            sweeper.watch(first);
        });
    }

    @Test
    void items_watched_from_several_event_loops_expire_each_on_the_context_that_watched_it(
            Vertx vertx, VertxTestContext testContext) {
        DeadlineSweeper sweeper = new DeadlineSweeper(TICK_MILLIS);
        int contexts = 4;
        int itemsEach = 50;
        Checkpoint expired = testContext.checkpoint(contexts * itemsEach);
        for (int c = 0; c < contexts; c++) {
            // A context of its own per HTTP server instance; each request runs on a duplicate of it.
            ContextInternal context = ((VertxInternal) vertx).createEventLoopContext();
            for (int i = 0; i < itemsEach; i++) {
                long deadline = inMillis(50 + i);
                context.duplicate().runOnContext(v -> sweeper.watch(new Item(deadline, () -> testContext.verify(() -> {
                    assertThat(((ContextInternal) Vertx.currentContext()).unwrap())
                            .as("the context that watched it")
                            .isSameAs(context);
                    expired.flag();
                }))));
            }
        }
    }
}
