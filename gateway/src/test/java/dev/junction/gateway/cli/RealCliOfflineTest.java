package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each real CLI, run directly (no gateway), answers offline from its fake upstream. These document
 * the offline setup of {@link Offline} and catch a CLI version that sends or reads something else.
 */
@Timeout(120)
class RealCliOfflineTest {

    private static final String PROMPT = "Say hello to prompt-4711";
    private static final String SYSTEM = "You are the terse test bot system-0815.";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private static RealClis clis;
    private static Path codexHome;

    @BeforeAll
    @Timeout(900)
    static void install() {
        clis = RealClis.installed();
    }

    @AfterAll
    static void cleanUp() {
        Offline.deleteTree(codexHome);
    }

    @Test
    void claude_code_streams_text_deltas_from_the_fake_anthropic_api(@TempDir Path dir) {
        try (FakeAnthropic upstream = FakeAnthropic.start()) {
            CliProcess.Result run = CliProcess.run(
                    List.of(clis.claude().toString(), "-p", "--output-format", "stream-json", "--verbose",
                            "--include-partial-messages", "--no-session-persistence", "--system-prompt", SYSTEM,
                            "--tools", ""),
                    Offline.claudeEnv(upstream, dir.resolve("home")), dir.resolve("work"), PROMPT, RUN_TIMEOUT);

            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> deltas = run.ofType("stream_event").stream()
                    .map(line -> line.getJsonObject("event"))
                    .filter(event -> "content_block_delta".equals(event.getString("type")))
                    .map(event -> event.getJsonObject("delta").getString("text"))
                    .toList();
            assertThat(deltas).containsExactly("Hello", " from", " stub");
            JsonObject result = last(run.ofType("result"), run);
            assertThat(result.getBoolean("is_error")).isFalse();
            assertThat(result.getString("result")).isEqualTo("Hello from stub");
            assertThat(result.getJsonObject("usage").getInteger("input_tokens")).isEqualTo(12);
            assertThat(result.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(5);

            RecordedRequest call = single(upstream.modelCalls(), run);
            assertThat(call.uri()).isEqualTo("/v1/messages?beta=true");
            assertThat(call.headers()).containsEntry("x-api-key", Offline.ANTHROPIC_KEY);
            assertThat(call.json().getBoolean("stream")).isTrue();
            assertThat(upstream.userText(call)).contains(PROMPT);
            assertThat(upstream.systemText(call)).contains(SYSTEM);
        }
    }

    @Test
    void codex_answers_from_the_fake_responses_api(@TempDir Path dir) {
        codexHome = Offline.codexHome();
        try (FakeOpenAiResponses upstream = FakeOpenAiResponses.start()) {
            List<String> command = new ArrayList<>(List.of(clis.codex().toString(), "exec", "--json",
                    "--skip-git-repo-check", "--ephemeral", "--disable", "unbounded_connection_retries"));
            command.addAll(Offline.codexConfigArgs(Offline.codexConfig(upstream)
                    .put("model_providers.stub.request_max_retries", 0)
                    .put("model_providers.stub.stream_max_retries", 0)));
            command.addAll(List.of("-c", "developer_instructions=\"" + SYSTEM + "\"", PROMPT));
            CliProcess.Result run = CliProcess.run(command, Offline.codexEnv(dir.resolve("home"), codexHome),
                    dir.resolve("work"), "", RUN_TIMEOUT);

            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> messages = run.ofType("item.completed").stream()
                    .map(line -> line.getJsonObject("item"))
                    .filter(item -> "agent_message".equals(item.getString("type")))
                    .map(item -> item.getString("text"))
                    .toList();
            assertThat(messages).containsExactly("Hello from stub");
            JsonObject usage = last(run.ofType("turn.completed"), run).getJsonObject("usage");
            assertThat(usage.getInteger("input_tokens")).isEqualTo(12);
            assertThat(usage.getInteger("output_tokens")).isEqualTo(5);

            RecordedRequest call = single(upstream.modelCalls(), run);
            assertThat(call.uri()).isEqualTo("/v1/responses");
            assertThat(call.headers()).containsEntry("authorization", "Bearer " + Offline.OPENAI_KEY);
            assertThat(upstream.userText(call)).contains(PROMPT);
            assertThat(upstream.systemText(call)).contains(SYSTEM);
        }
    }

    @Test
    void gemini_cli_streams_text_deltas_from_the_fake_gemini_api(@TempDir Path dir) throws IOException {
        try (FakeGemini upstream = FakeGemini.start()) {
            Path systemFile = Files.createDirectories(dir.resolve("files")).resolve("system.md");
            Files.writeString(systemFile, SYSTEM);
            Map<String, String> env = new java.util.LinkedHashMap<>(Offline.geminiEnv(upstream, dir.resolve("home")));
            env.put("GEMINI_SYSTEM_MD", systemFile.toString());
            CliProcess.Result run = CliProcess.run(
                    List.of(clis.gemini().toString(), "-p", PROMPT, "--output-format", "stream-json", "--skip-trust",
                            "-m", Offline.GEMINI_MODEL),
                    env, dir.resolve("work"), "", RUN_TIMEOUT);

            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> deltas = run.ofType("message").stream()
                    .filter(line -> "assistant".equals(line.getString("role")))
                    .map(line -> line.getString("content"))
                    .toList();
            assertThat(deltas).containsExactly("Hello", " from", " stub");
            JsonObject result = last(run.ofType("result"), run);
            assertThat(result.getString("status")).isEqualTo("success");
            assertThat(result.getJsonObject("stats").getInteger("input_tokens")).isEqualTo(12);
            assertThat(result.getJsonObject("stats").getInteger("output_tokens")).isEqualTo(5);

            RecordedRequest call = single(upstream.modelCalls(), run);
            assertThat(call.uri())
                    .isEqualTo("/v1beta/models/" + Offline.GEMINI_MODEL + ":streamGenerateContent?alt=sse");
            assertThat(call.headers()).containsEntry("x-goog-api-key", Offline.GEMINI_KEY);
            assertThat(upstream.userText(call)).contains(PROMPT);
            assertThat(upstream.systemText(call)).contains(SYSTEM);
        }
    }

    private static JsonObject last(List<JsonObject> lines, CliProcess.Result run) {
        assertThat(lines).as(run.toString()).isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    private static RecordedRequest single(List<RecordedRequest> calls, CliProcess.Result run) {
        assertThat(calls).as(run.toString()).hasSize(1);
        return calls.get(0);
    }
}
