package dev.junction.gateway.backend;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.junction.gateway.support.TestGateway;
import dev.junction.plugin.testkit.PluginRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled plugin JARs, as the build made them (support libraries shaded in), keep the kit's
 * {@link PluginRules}: no thread, pool, timer, static state or JVM-wide registration of theirs
 * outlives a backend or keeps a replaced plugin's class loader reachable.
 */
class BundledPluginRulesTest {

    @Test
    void no_bundled_plugin_starts_threads_keeps_static_state_or_registers_globally() throws IOException {
        List<JarFile> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestGateway.BUILT_PLUGINS)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(new JarFile(jar.toFile()));
            }
        }
        try {
            assertThat(jars)
                    .extracting(jar -> Path.of(jar.getName()).getFileName().toString())
                    .contains("anthropic.jar", "claude-code.jar", "codex.jar", "echo.jar", "gemini-cli.jar", "gemini.jar", "openai.jar");
            JavaClasses classes = new ClassFileImporter().importJars(jars).that(resideInAPackage("dev.junction.."));
            assertThat(classes.contain("dev.junction.cli.CliBackend")).as("cli-support, shaded in").isTrue();
            assertThat(classes.contain("dev.junction.http.VertxUpstreamClient")).as("http-support, shaded in").isTrue();

            PluginRules.check(classes);
        } finally {
            for (JarFile jar : jars) {
                jar.close();
            }
        }
    }
}
