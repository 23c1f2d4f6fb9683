package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code, with its default tools and {@code ANTHROPIC_BASE_URL} set to the gateway,
 * whose configuration routes Claude's model names to the openai plugin in front of a fake OpenAI
 * Chat Completions API. The model asks for Claude Code's {@code Bash} tool; Claude Code runs the
 * command and sends its output back; the model then answers with text. Everything Claude Code sends
 * (the {@code HEAD /} probe, {@code ?beta=true}, its betas, a system message among the messages,
 * adaptive thinking, {@code context_management}, {@code metadata.user_id}) must pass on the way.
 */
@Timeout(120)
class ClaudeCodeAsClientTest {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final String ANSWER = "The command printed junction-42.";

    @Test
    void claude_code_runs_a_bash_tool_call_that_an_openai_model_asked_for(@TempDir Path dir) {
        RealClis clis = RealClis.installed();
        try (FakeOpenAiChat upstream = FakeOpenAiChat.start();
                TestGateway gateway = TestGateway.start(dir, """
                          gpt:
                            plugin: openai
                            models: ["claude-*"]
                            options:
                              baseUrl: %s/v1
                              apiKey: sk-upstream
                              modelMap: {claude-opus-4-8: gpt-4.1, claude-haiku-4-5: gpt-4.1-mini}
                        """.formatted(upstream.baseUrl()))) {
            upstream.callTool(new FakeOpenAiChat.ToolCall("Bash", new JsonObject()
                    .put("command", "echo junction-$((6*7))")
                    .put("description", "Print the magic word")
                    .encode()));
            upstream.reply(new StubReply(List.of("The command printed ", "junction-42."), Duration.ZERO, 30, 8));

            CliProcess.Result run = CliProcess.run(
                    List.of(clis.claude().toString(), "-p", "--output-format", "stream-json", "--verbose",
                            "--allowedTools", "Bash"),
                    Offline.claudeEnv(gateway.url(""), dir.resolve("home")),
                    dir.resolve("work"),
                    "Run `echo junction-$((6*7))` with Bash and tell me what it printed.",
                    RUN_TIMEOUT);

            List<RecordedRequest> calls = upstream.modelCalls();
            assertThat(calls).as("%s", run).hasSizeGreaterThanOrEqualTo(2);
            List<String> roles = calls.get(0).json().getJsonArray("messages").stream()
                    .map(message -> ((JsonObject) message).getString("role"))
                    .toList();
            assertThat(roles.subList(1, roles.size()))
                    .as("Claude Code's mid-conversation system message, in place after the user's")
                    .contains("system");
            RecordedRequest followUp = calls.get(calls.size() - 1);
            assertThat(followUp.json().getString("model")).isEqualTo("gpt-4.1");
            assertThat(upstream.toolResults(followUp)).as("the tool output came back to the model").contains("junction-42");
            assertThat(run.exitCode()).as("%s", run).isZero();
            JsonObject result = run.ofType("result").get(0);
            assertThat(result.getBoolean("is_error")).as("%s", result).isFalse();
            assertThat(result.getString("result")).isEqualTo(ANSWER);
        }
    }
}
