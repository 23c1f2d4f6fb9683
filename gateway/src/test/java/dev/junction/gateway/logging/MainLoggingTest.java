package dev.junction.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.Main;
import dev.junction.gateway.support.ForkedGateway;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's logging as a user runs it ({@link Main} in a JVM of its own, stopped with SIGTERM):
 * the bundled configuration's access line is the README's JSON object alone, a logback.xml beside
 * the configuration file takes over, the lines still queued at shutdown are written, and a
 * logback.xml that cannot be used stops the start with a clear message.
 */
@Timeout(180)
class MainLoggingTest {

    private static final List<String> JVM_FLAGS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final String PROMPT = "prompt-6d1f0e-never-logged";

    @TempDir
    Path dir;

    private final List<String> output = new CopyOnWriteArrayList<>();

    @Test
    void the_access_line_is_the_documented_json_object_alone_on_its_line() throws Exception {
        try (ForkedGateway gateway = start()) {
            chat(gateway, 1);
        }

        List<String> json = output.stream().filter(line -> line.startsWith("{")).toList();
        assertThat(json).hasSize(1);
        JsonObject line = new JsonObject(json.get(0));
        assertThat(line.fieldNames())
                .containsExactly("ts", "requestId", "key", "dialect", "method", "path", "model", "backend", "retries",
                        "fallbackFrom", "status", "ttftMs", "durationMs", "inputTokens", "outputTokens", "outcome");
        assertThat(line.getString("path")).isEqualTo("/v1/chat/completions");
        assertThat(line.getInteger("status")).isEqualTo(200);
        assertThat(line.getString("outcome")).isEqualTo("ok");
        assertThat(output).anyMatch(text -> text.matches(
                "\\d{4}-\\d\\d-\\d\\dT[\\d:.]+[+-]\\d{4} INFO dev\\.junction\\.gateway\\.Main - Junction listens on .*"));
        assertThat(String.join("\n", output)).doesNotContain(PROMPT);
    }

    @Test
    void a_logback_xml_beside_the_configuration_takes_over_and_what_it_queued_is_written_at_shutdown()
            throws Exception {
        Path file = Files.writeString(dir.resolve(Logging.FILE_NAME), """
                <configuration>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>mine %%level %%logger - %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="SLOW" class="%s">
                    <millis>50</millis>
                  </appender>
                  <appender name="ACCESS" class="ch.qos.logback.classic.AsyncAppender">
                    <queueSize>1000</queueSize>
                    <discardingThreshold>0</discardingThreshold>
                    <neverBlock>true</neverBlock>
                    <maxFlushTime>60000</maxFlushTime>
                    <appender-ref ref="SLOW"/>
                  </appender>
                  <logger name="junction.access" level="INFO" additivity="false"><appender-ref ref="ACCESS"/></logger>
                  <root level="INFO"><appender-ref ref="CONSOLE"/></root>
                </configuration>
                """.formatted(SlowAppender.class.getName()));

        try (ForkedGateway gateway = start()) {
            chat(gateway, 60);
        }

        assertThat(output).contains("mine INFO dev.junction.gateway.Main - Logging configured by " + file);
        assertThat(output.stream().filter(line -> line.startsWith("{")))
                .as("60 lines at 50 ms each: most were still queued at SIGTERM")
                .hasSize(60)
                .allMatch(line -> new JsonObject(line).getString("outcome").equals("ok"));
    }

    @Test
    void a_logback_xml_that_cannot_be_used_stops_the_start_naming_it() throws Exception {
        Path file = Files.writeString(dir.resolve(Logging.FILE_NAME), "<configuration><appender name=\"X\" class=\"com.example.Missing\"/>");
        Path config = Files.writeString(dir.resolve("gateway.yaml"), TestGateway.builder(dir).yaml());

        ForkedGateway.Ended ended =
                ForkedGateway.run(JVM_FLAGS, Main.class, List.of("--config", config.toString()), Duration.ofSeconds(90));

        assertThat(ended.exitCode()).isEqualTo(1);
        assertThat(ended.output())
                .contains("Invalid logging configuration " + file + ":")
                .doesNotContain("\tat ")
                .doesNotContain("listens");
    }

    private ForkedGateway start() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), TestGateway.builder(dir).yaml());
        return ForkedGateway.start(JVM_FLAGS, Main.class, List.of("--config", config.toString()), output::add);
    }

    private static void chat(ForkedGateway gateway, int times) {
        OpenAIClient client = gateway.openAi();
        try {
            for (int i = 0; i < times; i++) {
                client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("echo")
                        .addUserMessage(PROMPT)
                        .build());
            }
        } finally {
            client.close();
        }
    }
}
