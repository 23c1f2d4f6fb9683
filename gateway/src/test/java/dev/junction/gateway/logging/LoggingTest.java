package dev.junction.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import dev.junction.gateway.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled logback.xml, in a logging context of the test's own: the access log line is the JSON
 * object alone, the rest is plain, lines from many threads never mix, and stopping writes every
 * queued line; a user's file replaces it, and a file that cannot be used is refused by name.
 */
@Timeout(60)
class LoggingTest {

    private static final String PLAIN =
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} (INFO|WARN|ERROR) [\\w.]+ - .*";

    private final LoggerContext context = FreshContexts.started();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStandardError() {
        original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        context.stop();
        System.setErr(original);
    }

    @Test
    void an_access_line_is_the_json_object_alone_and_the_rest_is_plain() throws Exception {
        Logging.configure(context, bundled());
        String line = "{\"ts\":\"2026-11-21T16:51:43.320Z\",\"requestId\":\"3f9c\",\"status\":200,\"outcome\":\"ok\"}";

        context.getLogger("junction.access").info(line);
        context.getLogger("dev.junction.gateway.Main").info("Junction listens on {}", "http://127.0.0.1:8080");
        context.getLogger("org.pf4j.PluginManager").info("not shown below WARN");
        context.getLogger("dev.junction.gateway.http.ChatHandler").error("failed", new IllegalStateException("boom"));
        context.stop();

        List<String> lines = lines();
        assertThat(lines).contains(line);
        assertThat(lines)
                .filteredOn(text -> text.contains("Junction listens"))
                .singleElement()
                .matches(text -> text.matches(PLAIN))
                .matches(text -> text.endsWith(" INFO dev.junction.gateway.Main - Junction listens on http://127.0.0.1:8080"));
        assertThat(lines).noneMatch(text -> text.contains("not shown"));
        assertThat(String.join("\n", lines))
                .contains(" ERROR dev.junction.gateway.http.ChatHandler - failed\njava.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void lines_from_many_threads_stay_whole_and_in_order_and_stopping_writes_them_all() throws Exception {
        Logging.configure(context, bundled());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = IntStream.range(0, 4)
                    .<Future<?>>mapToObj(thread -> threads.submit(() -> IntStream.range(0, 1_000).forEach(i -> {
                        context.getLogger("junction.access").info("{\"thread\":" + thread + ",\"line\":" + i + "}");
                        if (i % 10 == 0) {
                            context.getLogger("dev.junction.gateway.Gateway").info("thread {} at {}", thread, i);
                        }
                    })))
                    .toList();
            for (Future<?> each : done) {
                each.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdown();
        }
        context.stop();

        List<String> lines = lines();
        assertThat(lines).allMatch(text -> text.matches("\\{\"thread\":\\d,\"line\":\\d+}") || text.matches(PLAIN));
        for (int thread = 0; thread < 4; thread++) {
            String prefix = "{\"thread\":" + thread + ",";
            int each = thread;
            assertThat(lines.stream().filter(text -> text.startsWith(prefix)).toList())
                    .containsExactlyElementsOf(IntStream.range(0, 1_000)
                            .mapToObj(i -> "{\"thread\":" + each + ",\"line\":" + i + "}")
                            .toList());
        }
        assertThat(lines).filteredOn(text -> text.contains(" - thread ")).hasSize(400);
    }

    @Test
    void a_users_file_replaces_the_bundled_configuration(@TempDir Path dir) throws IOException {
        Path accessLog = dir.resolve("access.log");
        Path file = write(dir, """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>ACCESS %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="junction.access" level="INFO" additivity="false"><appender-ref ref="FILE"/></logger>
                </configuration>
                """.formatted(accessLog));

        Logging.configure(context, file);
        context.getLogger("junction.access").info("{\"status\":200}");
        context.stop();

        assertThat(Files.readString(accessLog)).isEqualTo("ACCESS {\"status\":200}\n");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("status");
    }

    @Test
    void a_file_that_cannot_be_used_is_refused_with_its_name(@TempDir Path dir) throws IOException {
        Path unknownClass = write(dir, """
                <configuration>
                  <appender name="X" class="com.example.NoSuchAppender"/>
                  <root level="INFO"><appender-ref ref="X"/></root>
                </configuration>
                """);
        assertThatThrownBy(() -> Logging.configure(context, unknownClass))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid logging configuration " + unknownClass + ":")
                .hasMessageContaining("com.example.NoSuchAppender");

        Path malformed = write(dir, "<configuration><root level=\"INFO\">");
        assertThatThrownBy(() -> Logging.configure(context, malformed))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid logging configuration " + malformed + ":");
    }

    @Test
    void a_configuration_folder_without_logback_xml_leaves_the_logging_as_it_is(@TempDir Path dir) {
        assertThat(Logging.configureFrom(dir.resolve("gateway.yaml"))).isEmpty();
    }

    private static Path bundled() throws Exception {
        return Path.of(Logging.class.getResource("/logback.xml").toURI());
    }

    private List<String> lines() {
        return stderr.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Path write(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve(Logging.FILE_NAME), text);
    }
}
