package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestFactsTest {

    @Test
    void clean_ups_run_once_and_one_added_after_the_end_runs_at_once() {
        RequestFacts facts = new RequestFacts("id");
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        facts.onEnd(before::incrementAndGet);

        assertThat(facts.end()).isTrue();
        assertThat(facts.end()).isFalse();
        facts.onEnd(after::incrementAndGet);
        facts.end();

        assertThat(before.get()).isEqualTo(1);
        assertThat(after.get()).isEqualTo(1);
    }
}
