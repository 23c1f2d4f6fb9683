package dev.junction.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ResilienceConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void a_backend_without_fallbacks_is_a_chain_of_one() {
        assertThat(Target.chain("a", "m", Map.of("a", ResilienceConfig.DEFAULTS)))
                .containsExactly(new Target("a", "m", ResilienceConfig.DEFAULTS));
    }

    @Test
    void follows_fallbacks_breadth_first_and_overrides_the_model_where_asked() {
        Map<String, ResilienceConfig> configs = new LinkedHashMap<>();
        configs.put("a", withFallbacks("b", "c/small"));
        configs.put("b", withFallbacks("d"));
        configs.put("c", withFallbacks());
        configs.put("d", withFallbacks());

        assertThat(Target.chain("a", "big", configs))
                .extracting(target -> target.backendId() + ":" + target.model())
                .containsExactly("a:big", "b:big", "c:small", "d:big");
    }

    @Test
    void never_visits_a_backend_twice() {
        Map<String, ResilienceConfig> configs = Map.of(
                "a", withFallbacks("b"),
                "b", withFallbacks("a", "c"),
                "c", withFallbacks("b", "a"));

        assertThat(Target.chain("b", "m", configs)).extracting(Target::backendId).containsExactly("b", "a", "c");
    }

    private static ResilienceConfig withFallbacks(String... entries) {
        List<ResilienceConfig.Fallback> fallbacks =
                Arrays.stream(entries).map(ResilienceConfig.Fallback::parse).toList();
        return new ResilienceConfig(
                ResilienceConfig.Timeouts.DEFAULTS, ResilienceConfig.Retries.DEFAULTS, fallbacks, ResilienceConfig.Breaker.DEFAULTS);
    }
}
