package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code server.allowedHosts}, {@code server.cors} and {@code server.limits}: checked with paths, bound with defaults. */
class NetworkConfigTest {

    private static final String MINIMAL = """
            {"plugins": {"dir": "plugins"}, "backends": {"echo": {"plugin": "echo", "models": ["echo"]}}}
            """;

    @Test
    void defaults_are_loopback_only_no_origin_and_the_documented_limits() {
        ServerConfig server = bind(new JsonObject(MINIMAL)).server();

        assertThat(server.allowedHosts()).isEmpty();
        assertThat(server.corsAllowedOrigins()).isEmpty();
        assertThat(server.limits()).isEqualTo(new ConnectionLimits(10, 30, 60, 1024, 256, 16384, 100));
    }

    @Test
    void binds_hosts_and_origins_in_the_form_requests_are_compared_in() {
        JsonObject root = new JsonObject(MINIMAL).put("server", new JsonObject("""
                {"allowedHosts": ["Gateway.Internal", "[FD00::1]", "10.0.0.5"],
                 "cors": {"allowedOrigins": ["HTTPS://App.Example.com:443", "http://localhost:5173"]},
                 "limits": {"headerTimeoutSeconds": 5, "maxInFlightRequests": "64"}}
                """));

        ServerConfig server = bind(root).server();

        assertThat(server.allowedHosts()).containsExactly("gateway.internal", "fd00::1", "10.0.0.5");
        assertThat(server.corsAllowedOrigins()).containsExactly("https://app.example.com", "http://localhost:5173");
        assertThat(server.limits().headerTimeoutSeconds()).isEqualTo(5);
        assertThat(server.limits().maxInFlightRequests()).isEqualTo(64);
        assertThat(server.limits().bodyTimeoutSeconds()).isEqualTo(ConnectionLimits.DEFAULTS.bodyTimeoutSeconds());
    }

    @Test
    void reports_each_problem_with_its_path() {
        JsonObject root = new JsonObject(MINIMAL).put("server", new JsonObject("""
                {"allowedHosts": ["ok.example", "evil.example:8080", "http://x", 7],
                 "cors": {"allowedOrigins": ["*", "https://app.example.com/path", "null", "https://ok.example"],
                          "allowCredentials": true},
                 "limits": {"headerTimeoutSeconds": 0, "maxConnections": "lots", "maxHeaders": 20000,
                            "idleTimeoutSeconds": 3600, "readTimeoutSeconds": 5}}
                """));

        assertThat(ConfigValidator.validate(root)).containsExactlyInAnyOrder(
                "server.allowedHosts[1]: must be a host name or IP address without a port, e.g. gateway.internal or 10.0.0.5",
                "server.allowedHosts[2]: must be a host name or IP address without a port, e.g. gateway.internal or 10.0.0.5",
                "server.allowedHosts[3]: must be a host name or IP address without a port, e.g. gateway.internal or 10.0.0.5",
                "server.cors.allowCredentials: unknown key",
                "server.cors.allowedOrigins[0]: must be an origin such as https://app.example.com (scheme, host and port only; no '*')",
                "server.cors.allowedOrigins[1]: must be an origin such as https://app.example.com (scheme, host and port only; no '*')",
                "server.cors.allowedOrigins[2]: must be an origin such as https://app.example.com (scheme, host and port only; no '*')",
                "server.limits.readTimeoutSeconds: unknown key",
                "server.limits.headerTimeoutSeconds: must be an integer from 1 to 3600",
                "server.limits.maxConnections: must be an integer from 1 to 1000000",
                "server.limits.maxHeaders: must be an integer from 1 to 10000");
    }

    @Test
    void reports_sections_of_the_wrong_shape() {
        JsonObject root = new JsonObject(MINIMAL)
                .put("server", new JsonObject().put("allowedHosts", "localhost").put("cors", List.of()).put("limits", 5));

        assertThat(ConfigValidator.validate(root)).containsExactlyInAnyOrder(
                "server.allowedHosts: must be a list", "server.cors: must be an object", "server.limits: must be an object");
    }

    @Test
    void changed_limits_need_a_restart() {
        GatewayConfig started = bind(new JsonObject(MINIMAL));
        GatewayConfig next = bind(new JsonObject(MINIMAL)
                .put("server", new JsonObject().put("limits", new JsonObject().put("maxConnections", 10))
                        .put("allowedHosts", List.of("gateway.internal"))));

        assertThat(ConfigDiff.needingRestart(started, next)).containsExactly("server.limits");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", textBlock = """
        localhost,            localhost,   true
        LOCALHOST:8080,       localhost,   true
        app.localhost:1,      app.localhost, true
        127.0.0.1,            127.0.0.1,   true
        127.255.0.9:80,       127.255.0.9, true
        [::1]:8080,           ::1,         true
        [0:0:0:0:0:0:0:1],    0:0:0:0:0:0:0:1, true
        localhost.evil.example, localhost.evil.example, false
        127.0.0.1.nip.io,     127.0.0.1.nip.io, false
        128.0.0.1,            128.0.0.1,   false
        127.0.0.256,          127.0.0.256, false
        0.0.0.0:8080,         0.0.0.0,     false
        [::2],                ::2,         false
        evil.example:99999999, NULL,       false
        ::1,                  NULL,        false
        'a b',                NULL,        false
        """)
    void reads_the_host_of_a_host_header_and_knows_loopback(String header, String host, boolean loopback) {
        assertThat(WebNames.hostOfAuthority(header)).isEqualTo(host);
        assertThat(host != null && WebNames.isLoopback(host)).isEqualTo(loopback);
    }

    private static GatewayConfig bind(JsonObject root) {
        assertThat(ConfigValidator.validate(root)).isEmpty();
        return ConfigBinder.bind(root, new ConfigSource(Path.of("gateway.yaml"), Map.of(), null), "r");
    }
}
