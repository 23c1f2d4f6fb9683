package dev.junction.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ApiKeyConfig;
import dev.junction.gateway.config.AuthConfig;
import dev.junction.gateway.config.Digests;
import dev.junction.gateway.config.KeyLimits;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final ApiKeys KEYS = new ApiKeys(new AuthConfig(List.of(
            new ApiKeyConfig("team-a", Digests.sha256("sk-team-a"), null),
            // printf %s "sk-team-b" | sha256sum
            new ApiKeyConfig("team-b", HexFormat.of().parseHex(
                    HexFormat.of().formatHex(Digests.sha256("sk-team-b")).toUpperCase()), List.of("echo", "gpt-4?-*")))));

    @Test
    void finds_a_plain_key() {
        assertThat(KEYS.find("sk-team-a")).get().extracting(ApiKeys.Key::name).isEqualTo("team-a");
    }

    @Test
    void finds_a_key_given_by_its_sha256() {
        assertThat(KEYS.find("sk-team-b")).get().extracting(ApiKeys.Key::name).isEqualTo("team-b");
    }

    @Test
    void digest_matches_sha256sum() {
        assertThat(HexFormat.of().formatHex(Digests.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rejects_wrong_missing_and_near_keys() {
        assertThat(KEYS.find("sk-team-c")).isEmpty();
        assertThat(KEYS.find("sk-team-a ")).isEmpty();
        assertThat(KEYS.find("")).isEmpty();
        assertThat(KEYS.find(null)).isEmpty();
    }

    @Test
    void a_key_without_models_may_use_every_model() {
        assertThat(KEYS.find("sk-team-a").orElseThrow().allows("anything")).isTrue();
    }

    @Test
    void a_key_with_models_may_use_only_matching_ones() {
        ApiKeys.Key key = KEYS.find("sk-team-b").orElseThrow();
        assertThat(key.allows("echo")).isTrue();
        assertThat(key.allows("gpt-4o-mini")).isTrue();
        assertThat(key.allows("gpt-4-turbo")).isFalse();
        assertThat(key.allows("echo2")).isFalse();
        assertThat(key.allows(null)).isFalse();
    }

    @Test
    void a_key_carries_its_limits() {
        KeyLimits limits = new KeyLimits(60L, null, 4L);
        ApiKeys keys = new ApiKeys(new AuthConfig(List.of(
                new ApiKeyConfig("limited", Digests.sha256("sk-limited"), null, limits))));

        assertThat(keys.find("sk-limited").orElseThrow().limits()).isEqualTo(limits);
        assertThat(KEYS.find("sk-team-a").orElseThrow().limits()).isEqualTo(KeyLimits.NONE);
    }

    @Test
    void no_keys_means_none_required() {
        assertThat(new ApiKeys(AuthConfig.NONE).required()).isFalse();
        assertThat(KEYS.required()).isTrue();
    }

    @Test
    void never_prints_a_digest() {
        assertThat(KEYS.find("sk-team-a").orElseThrow().toString()).isEqualTo("Key[team-a]");
    }
}
