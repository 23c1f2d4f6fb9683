package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.MessageCreateParams;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.ForkedCluster;
import dev.junction.gateway.support.ForkedNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A key's limits hold across gateway JVMs ({@link ThreeJvms}): every node admits against the same
 * counts, kept in the cluster, and refuses in the caller's dialect with 429 and {@code Retry-After}.
 */
@Timeout(180)
class ThreeJvmLimitsTest {

    private static ForkedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ThreeJvms.cluster();
    }

    @Test
    void a_key_with_3_requests_a_minute_gets_its_4th_refused_on_every_node() {
        String key = ThreeJvms.THREE_A_MINUTE;
        var first = cluster.node(1).openAi(key).chat().completions().withRawResponse().create(openAi("one"));
        var second = cluster.node(2).anthropic(key).messages().withRawResponse().create(anthropic("two"));
        var third = cluster.node(3).openAi(key).chat().completions().withRawResponse().create(openAi("three"));

        // One count for the three nodes: each reports what the others admitted.
        assertThat(first.headers().values("x-ratelimit-remaining-requests")).containsExactly("2");
        assertThat(second.headers().values("anthropic-ratelimit-requests-remaining")).containsExactly("1");
        assertThat(third.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
        assertThat(third.parse().choices().get(0).message().content()).hasValue("three");
        for (ForkedNode node : cluster.nodes()) {
            assertThatThrownBy(() -> node.openAi(key).chat().completions().create(openAi("four")))
                    .as("an OpenAI caller of %s", node)
                    .hasMessageContaining("three-a-minute")
                    .isInstanceOfSatisfying(RateLimitException.class, e -> assertRetryAfter(e.headers().values("Retry-After"), 60));
            assertThatThrownBy(() -> node.anthropic(key).messages().create(anthropic("four")))
                    .as("an Anthropic caller of %s", node)
                    .hasMessageContaining("three-a-minute")
                    .isInstanceOfSatisfying(com.anthropic.errors.RateLimitException.class,
                            e -> assertRetryAfter(e.headers().values("Retry-After"), 60));
        }
    }

    @Test
    void two_streams_on_two_nodes_hold_a_limit_of_2_and_a_third_node_admits_a_third_once_one_ends() throws Exception {
        String key = ThreeJvms.TWO_AT_ONCE;
        try (ThreeJvms.HeldStream ending = ThreeJvms.hold(cluster.node(1).openAi(key));
                ThreeJvms.HeldStream holding = ThreeJvms.hold(cluster.node(2).openAi(key))) {
            assertThatThrownBy(() -> ThreeJvms.hold(cluster.node(3).openAi(key)))
                    .hasMessageContaining("two-at-once")
                    .isInstanceOfSatisfying(RateLimitException.class, e -> assertRetryAfter(e.headers().values("Retry-After"), 1));
            assertThatThrownBy(() -> cluster.node(3).anthropic(key).messages().create(anthropic("three")))
                    .hasMessageContaining("two-at-once")
                    .isInstanceOfSatisfying(com.anthropic.errors.RateLimitException.class,
                            e -> assertRetryAfter(e.headers().values("Retry-After"), 1));

            ending.close();
            try (ThreeJvms.HeldStream admitted = awaitAdmitted(cluster.node(3), key)) {
                // Two again: the place that came back is taken.
                assertThatThrownBy(() -> ThreeJvms.hold(cluster.node(1).openAi(key)))
                        .isInstanceOf(RateLimitException.class);
            }
        }
    }

    /** A stream of {@code key} opened on {@code node}, trying again while the place is not back yet. */
    private static ThreeJvms.HeldStream awaitAdmitted(ForkedNode node, String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return ThreeJvms.hold(node.openAi(key));
            } catch (RateLimitException e) {
                assertThat(System.nanoTime()).as("a place back within 10 s").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void assertRetryAfter(java.util.List<String> values, int atMost) {
        assertThat(values).singleElement().satisfies(value -> assertThat(Integer.parseInt(value)).isBetween(1, atMost));
    }

    private static ChatCompletionCreateParams openAi(String text) {
        return ChatCompletionCreateParams.builder().model("echo").addUserMessage(text).build();
    }

    private static MessageCreateParams anthropic(String text) {
        return MessageCreateParams.builder().model("echo").maxTokens(100).addUserMessage(text).build();
    }
}
