package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps taking turns: each starts once the one before has ended, whether it failed or not. */
class OneAtATimeTest {

    @Test
    void a_step_waits_for_the_one_before_to_end() {
        OneAtATime turns = new OneAtATime();
        List<String> started = new ArrayList<>();
        Promise<String> first = Promise.promise();

        Future<String> one = turns.run(() -> {
            started.add("one");
            return first.future();
        });
        Future<String> two = turns.run(() -> {
            started.add("two");
            return Future.succeededFuture("second");
        });

        assertThat(started).containsExactly("one");
        assertThat(two.isComplete()).isFalse();
        first.complete("first");
        assertThat(started).containsExactly("one", "two");
        assertThat(one.result()).isEqualTo("first");
        assertThat(two.result()).isEqualTo("second");
    }

    @Test
    void a_failed_or_throwing_step_does_not_stop_the_next() {
        OneAtATime turns = new OneAtATime();

        Future<Void> failed = turns.run(() -> Future.failedFuture("refused"));
        Future<Void> thrown = turns.run(() -> {
            throw new IllegalStateException("broken step");
        });
        Future<String> next = turns.run(() -> Future.succeededFuture("ran"));

        assertThat(failed.failed()).isTrue();
        assertThat(thrown.cause()).hasMessage("broken step");
        assertThat(next.result()).isEqualTo("ran");
    }
}
