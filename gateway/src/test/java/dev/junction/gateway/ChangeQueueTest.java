package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway's changes run one at a time, in order, on its own context, a failure stopping none. */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ChangeQueueTest {

    @Test
    void runs_changes_one_after_another_on_its_context_even_after_a_failure(Vertx vertx, VertxTestContext test) {
        Context context = vertx.getOrCreateContext();
        ChangeQueue changes = new ChangeQueue(context);
        List<String> steps = new CopyOnWriteArrayList<>();
        Promise<Void> slow = Promise.promise();

        Future<String> first = changes.run(() -> {
            steps.add("first starts");
            vertx.setTimer(300, fired -> {
                steps.add("first ends");
                slow.complete();
            });
            return slow.future().map("first");
        });
        Future<String> failing = changes.run(() -> {
            steps.add("second");
            return Future.failedFuture("refused");
        });
        Future<String> third = changes.run(() -> {
            steps.add("third on its context: " + (Vertx.currentContext() == context));
            return Future.succeededFuture("third");
        });

        Future.join(first, failing, third).onComplete(done -> test.verify(() -> {
            assertThat(first.result()).isEqualTo("first");
            assertThat(failing.cause()).hasMessage("refused");
            assertThat(third.result()).isEqualTo("third");
            assertThat(steps).containsExactly("first starts", "first ends", "second", "third on its context: true");
            test.completeNow();
        }));
    }
}
