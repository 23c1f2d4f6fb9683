package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.Main;
import dev.junction.gateway.support.ForkedGateway;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code Main}, in a JVM of its own, refuses a bad {@code cluster:} section before joining anything. */
@Timeout(120)
class ClusterStartRefusalTest {

    private static final List<String> JVM_FLAGS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path dir;

    @Test
    void a_bad_cluster_key_is_refused_with_its_path_and_exit_code_1() throws Exception {
        ForkedGateway.Ended ended = start("""
                cluster:
                  port: 70000
                  multicst: true
                """);

        assertThat(ended.exitCode()).isEqualTo(1);
        assertThat(ended.output())
                .contains("cluster.port: must be an integer from 1 to 65535")
                .contains("cluster.multicst: unknown key")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("listens");
    }

    @Test
    void a_missing_key_store_is_refused_naming_it_and_never_showing_a_password() throws Exception {
        Files.createFile(dir.resolve("trust.jks"));
        ForkedGateway.Ended ended = start("""
                cluster:
                  tls:
                    keyStore: node.p12
                    keyStorePassword: key-pass-do-not-show
                    trustStore: trust.jks
                    trustStorePassword: trust-pass-do-not-show
                """);

        assertThat(ended.exitCode()).isEqualTo(1);
        assertThat(ended.output())
                .contains("cluster.tls.keyStore: no such file: " + dir.resolve("node.p12"))
                .doesNotContain("pass-do-not-show")
                .doesNotContain("\tat ")
                .doesNotContain("listens");
    }

    private ForkedGateway.Ended start(String clusterYaml) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, TestGateway.builder(dir).yaml() + clusterYaml);
        return ForkedGateway.run(JVM_FLAGS, Main.class, List.of("--cluster", "--config", file.toString()), Duration.ofSeconds(90));
    }
}
