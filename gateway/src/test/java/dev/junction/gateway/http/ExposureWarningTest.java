package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ApiKeyConfig;
import dev.junction.gateway.config.AuthConfig;
import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.ConfigSource;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.PluginsConfig;
import dev.junction.gateway.config.ResponsesConfig;
import dev.junction.gateway.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WARN at start when the gateway listens beyond this machine with no API keys. */
class ExposureWarningTest {

    @ParameterizedTest(name = "{0} with {1} keys -> warns: {2}")
    @CsvSource({
        "127.0.0.1, 0, false",
        "localhost, 0, false",
        "::1,       0, false",
        "0.0.0.0,   0, true",
        "::,        0, true",
        "10.0.0.5,  0, true",
        "0.0.0.0,   1, false"
    })
    void warns_when_listening_beyond_loopback_without_keys(String host, int keys, boolean warns) {
        List<ApiKeyConfig> apiKeys = keys == 0 ? List.of() : List.of(new ApiKeyConfig("team", new byte[32], null));
        GatewayConfig config = new GatewayConfig(
                new ServerConfig(host, 8080, 1024, 15, 30, 2),
                new PluginsConfig(Path.of("/opt/plugins")),
                Map.of(),
                new AuthConfig(apiKeys),
                ClusterConfig.DEFAULTS,
                ResponsesConfig.DEFAULTS,
                new ConfigSource(Path.of("/etc/junction/gateway.yaml"), Map.of(), null),
                "rev");

        Optional<String> warning = HttpServerVerticle.exposure(config);

        assertThat(warning.isPresent()).isEqualTo(warns);
        warning.ifPresent(text -> assertThat(text).contains("server.host " + host).contains("auth.keys is empty"));
    }
}
