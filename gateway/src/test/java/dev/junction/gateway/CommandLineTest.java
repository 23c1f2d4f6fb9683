package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.Main.CommandLine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void defaults_to_config_gateway_yaml_and_the_files_port() {
        CommandLine line = CommandLine.parse(new String[0], Map.of());
        assertThat(line.config()).isEqualTo(Path.of("config", "gateway.yaml"));
        assertThat(line.port()).isNull();
        assertThat(line.cluster()).isFalse();
    }

    @Test
    void junction_config_names_the_file_and_config_flag_wins_over_it() {
        Map<String, String> env = Map.of("JUNCTION_CONFIG", "/etc/junction.yaml");
        assertThat(CommandLine.parse(new String[0], env).config()).isEqualTo(Path.of("/etc/junction.yaml"));
        assertThat(CommandLine.parse(new String[] {"--config", "mine.yaml", "--port", "9090"}, env))
                .isEqualTo(new CommandLine(Path.of("mine.yaml"), 9090, false));
    }

    @Test
    void cluster_flag_starts_clustered() {
        assertThat(CommandLine.parse(new String[] {"--cluster", "--port", "8082"}, Map.of()))
                .isEqualTo(new CommandLine(Path.of("config", "gateway.yaml"), 8082, true));
        assertThat(CommandLine.USAGE).contains("[--cluster]");
    }

    @Test
    void rejects_unknown_arguments_and_bad_ports() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--verbose"}, Map.of())).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "http"}, Map.of())).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port"}, Map.of())).hasMessageContaining("needs a value");
    }
}
