package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.ForkedGateway;
import dev.junction.gateway.support.TestGateway;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the README's run command starts ({@code src/main/dist/junction}, which
 * {@code mvn package} puts beside the jar), run as a user runs it, from a folder whose name has a
 * space: it starts the gateway with the recommended JVM flags and its arguments untouched,
 * {@code JUNCTION_JVM_FLAGS} replaces the flags and {@code JAVA_OPTS} comes after them, and an
 * unusable class-data archive beside it does not stop the start. The jar beside it here is a thin
 * one whose manifest names this build's classes and libraries: the tests run before the shaded jar
 * is made.
 */
@Timeout(180)
class LauncherTest {

    private static final Path LAUNCHER = Path.of("src/main/dist/junction");

    @TempDir
    Path dir;

    private Path folder;
    private Path config;

    @BeforeEach
    void install() throws IOException {
        folder = Files.createDirectories(dir.resolve("junction dist"));
        Path launcher = Files.copy(LAUNCHER, folder.resolve("junction"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        thinJar(folder.resolve("junction-gateway.jar"));
        config = Files.writeString(folder.resolve("gateway.yaml"), TestGateway.builder(dir).yaml());
    }

    @Test
    void starts_the_gateway_with_the_recommended_flags_and_its_arguments() throws Exception {
        try (ForkedGateway gateway = launch(Map.of())) {
            assertThat(chat(gateway)).isEqualTo("Hello there");
            assertThat(arguments(gateway))
                    .startsWith("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m")
                    .contains("-XX:+ExitOnOutOfMemoryError")
                    .endsWith("-jar", folder.resolve("junction-gateway.jar").toString(), "--config", config.toString());
        }
    }

    @Test
    void junction_jvm_flags_replace_the_recommended_flags_and_java_opts_come_after_them() throws Exception {
        try (ForkedGateway gateway = launch(Map.of("JUNCTION_JVM_FLAGS", "-Xmx200m -XX:+UseSerialGC", "JAVA_OPTS", "-Xss1m"))) {
            assertThat(chat(gateway)).isEqualTo("Hello there");
            assertThat(arguments(gateway))
                    .containsExactly("-Xmx200m", "-XX:+UseSerialGC", "-Xss1m",
                            "-jar", folder.resolve("junction-gateway.jar").toString(), "--config", config.toString());
        }
    }

    @Test
    void starts_when_the_class_data_archive_beside_it_is_unusable() throws Exception {
        Path archive = Files.write(folder.resolve("junction.jsa"), "not an archive".getBytes());

        try (ForkedGateway gateway = launch(Map.of())) {
            assertThat(chat(gateway)).isEqualTo("Hello there");
            assertThat(arguments(gateway)).startsWith("-XX:SharedArchiveFile=" + archive);
        }
    }

    private ForkedGateway launch(Map<String, String> env) throws Exception {
        ProcessBuilder command = new ProcessBuilder(folder.resolve("junction").toString(), "--config", config.toString());
        command.environment().keySet().removeAll(List.of("JAVA_OPTS", "JUNCTION_JVM_FLAGS", "JUNCTION_CONFIG"));
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        command.environment().putAll(env);
        return ForkedGateway.start(command, line -> {});
    }

    /** The JVM's arguments: the launcher execs it, so the process is the JVM. */
    private static List<String> arguments(ForkedGateway gateway) {
        return Arrays.asList(ProcessHandle.of(gateway.pid()).orElseThrow().info().arguments().orElseThrow());
    }

    private static String chat(ForkedGateway gateway) {
        OpenAIClient client = gateway.openAi();
        try {
            return client.chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("echo")
                            .addUserMessage("Hello there")
                            .build())
                    .choices().get(0).message().content().orElseThrow();
        } finally {
            client.close();
        }
    }

    /** A jar with the shaded jar's main class whose class path is this test's. */
    private static void thinJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream unused = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
    }
}
