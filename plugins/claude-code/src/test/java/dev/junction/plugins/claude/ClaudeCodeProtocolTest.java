package dev.junction.plugins.claude;

import static dev.junction.plugins.claude.Runs.ask;
import static dev.junction.plugins.claude.Runs.assertInvalidRequest;
import static dev.junction.plugins.claude.Runs.prepare;
import static dev.junction.plugins.claude.Runs.request;
import static dev.junction.plugins.claude.Runs.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.Tool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeCodeProtocolTest {

    private static final List<String> BASE = List.of(
            "-p",
            "--input-format=stream-json",
            "--output-format=stream-json",
            "--verbose",
            "--include-partial-messages",
            "--no-session-persistence",
            "--disable-slash-commands",
            "--permission-mode=dontAsk");

    @Test
    void runs_print_mode_with_token_streaming_no_session_no_slash_commands_and_no_permission_prompts() {
        assertThat(prepare(ask("hi"), new JsonObject()).arguments()).isEqualTo(BASE);
    }

    @Test
    void writes_the_prompt_to_stdin_and_closes_it_never_to_the_arguments() {
        CliRun run = prepare(ask("--dangerously-skip-permissions please"), new JsonObject());

        RecordingInput stdin = started(run);

        assertThat(stdin.written()).contains("--dangerously-skip-permissions please");
        assertThat(stdin.closed()).isTrue();
        assertThat(run.arguments()).noneMatch(argument -> argument.contains("please"));
    }

    /**
     * Claude Code reads the last text block of a user line as typed input: a whitespace-only block
     * there (dropped before the API call) leaves the prompt's block to the model, never run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/config language=X model=haiku", "/help", "/login", "@/etc/passwd", "!ls", "--flag", "hi"})
    void sends_every_prompt_as_a_text_block_followed_by_a_blank_one(String prompt) {
        String written = started(prepare(ask(prompt), new JsonObject())).written();

        assertThat(written).endsWith("\n").doesNotContain("\n\n");
        assertThat(new JsonObject(written)).isEqualTo(new JsonObject()
                .put("type", "user")
                .put("message", new JsonObject()
                        .put("role", "user")
                        .put("content", new JsonArray().add(text(prompt)).add(text(" ")))));
    }

    @Test
    void turns_off_at_file_references() {
        assertThat(prepare(ask("hi"), new JsonObject()).environment()).containsEntry("CLAUDE_CODE_DISABLE_ATTACHMENTS", "1");
    }

    @Test
    void keeps_its_configuration_in_the_runs_home() {
        ClaudeCodeProtocol protocol = new ClaudeCodeProtocol(ClaudeOptions.parse(new JsonObject()));

        assertThat(protocol.homeEnvironment(Path.of("/run/home")))
                .isEqualTo(Map.of("CLAUDE_CONFIG_DIR", "/run/home/.claude"));
    }

    @Test
    void keeps_a_system_prompt_that_looks_like_a_flag_inside_one_argument() {
        ChatRequest request = request("claude", "--tools=Bash --dangerously-skip-permissions", user("hi"));

        List<String> arguments = prepare(request, new JsonObject()).arguments();

        assertThat(arguments).endsWith("--append-system-prompt=--tools=Bash --dangerously-skip-permissions");
        assertThat(arguments).hasSize(BASE.size() + 1);
    }

    @Test
    void replaces_the_clis_system_prompt_when_told_to() {
        ChatRequest request = request("claude", "Be terse.", user("hi"));

        assertThat(prepare(request, new JsonObject().put("systemPromptMode", "replace")).arguments())
                .endsWith("--system-prompt=Be terse.")
                .noneMatch(argument -> argument.startsWith("--append-system-prompt"));
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {
                "claude,          {},                                         none",
                "claude-sonnet-4, {},                                         --model=claude-sonnet-4",
                "sonnet,          {},                                         --model=sonnet",
                "fast,            '{\"fast\":\"claude-haiku-4-5\"}',          --model=claude-haiku-4-5",
                "claude,          '{\"claude\":\"opus\"}',                    --model=opus"
            })
    void maps_the_requested_model_to_the_model_flag(String model, String modelMap, String flag) {
        JsonObject options = new JsonObject().put("modelMap", new JsonObject(modelMap));

        List<String> arguments = prepare(request(model, null, user("hi")), options).arguments();

        if (flag == null) {
            assertThat(arguments).noneMatch(argument -> argument.startsWith("--model"));
        } else {
            assertThat(arguments).containsOnlyOnce(flag);
        }
    }

    @Test
    void passes_the_tool_and_permission_options() {
        JsonObject options = new JsonObject()
                .put("permissionMode", "plan")
                .put("tools", new JsonArray().add("Read").add("Grep"))
                .put("allowedTools", new JsonArray().add("Read").add("Bash(git *)"))
                .put("disallowedTools", new JsonArray().add("WebFetch"))
                .put("maxTurns", 3);

        assertThat(prepare(ask("hi"), options).arguments())
                .contains("--permission-mode=plan")
                .endsWith(
                        "--tools=Read,Grep",
                        "--allowedTools=Read,Bash(git *)",
                        "--disallowedTools=WebFetch",
                        "--max-turns=3");
    }

    @Test
    void an_empty_tool_list_turns_every_tool_off() {
        assertThat(prepare(ask("hi"), new JsonObject().put("tools", new JsonArray())).arguments())
                .endsWith("--tools=");
    }

    @Test
    void bounds_retries_and_turns_off_the_silent_non_streaming_retry_and_side_traffic() {
        assertThat(prepare(ask("hi"), new JsonObject()).environment())
                .containsEntry("CLAUDE_CODE_MAX_RETRIES", "2")
                .containsEntry("CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK", "1")
                .containsEntry("DISABLE_AUTOUPDATER", "1")
                .containsEntry("DISABLE_TELEMETRY", "1")
                .containsEntry("DISABLE_ERROR_REPORTING", "1")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .hasSize(7);
        assertThat(prepare(ask("hi"), new JsonObject().put("maxRetries", 0)).environment())
                .containsEntry("CLAUDE_CODE_MAX_RETRIES", "0");
    }

    @Test
    void refuses_client_tools() {
        ChatRequest request = ChatRequest.builder("claude")
                .messages(List.of(user("hi")))
                .tools(List.of(new Tool("lookup", null, null)))
                .build();

        assertInvalidRequest(
                () -> prepare(request, new JsonObject()),
                "claude-code does not take client tools: Claude Code runs only its own tools, inside the CLI");
    }

    @Test
    void refuses_images_given_by_url() {
        Message message = new Message(Message.Role.USER, List.of(
                new ContentPart.Text("what is this?"), new ContentPart.Image(null, null, "https://example.com/a.png")));

        assertInvalidRequest(
                () -> prepare(request("claude", null, message), new JsonObject()),
                "claude-code takes images as data, not URLs");
    }

    @Test
    void sends_images_in_the_prompts_stream_json_user_message() {
        Message message = new Message(Message.Role.USER, List.of(
                new ContentPart.Text("what is this?"), new ContentPart.Image("image/png", "iVBORw0KGgo=", null)));
        CliRun run = prepare(request("claude", null, message), new JsonObject());

        String written = started(run).written();

        assertThat(run.arguments()).contains("--input-format=stream-json");
        assertThat(written).endsWith("\n").doesNotContain("\n\n");
        assertThat(new JsonObject(written))
                .isEqualTo(new JsonObject()
                        .put("type", "user")
                        .put("message", new JsonObject()
                                .put("role", "user")
                                .put("content", new JsonArray()
                                        .add(text("what is this?\n[image 1]"))
                                        .add(text("[image 1]"))
                                        .add(new JsonObject()
                                                .put("type", "image")
                                                .put("source", new JsonObject()
                                                        .put("type", "base64")
                                                        .put("media_type", "image/png")
                                                        .put("data", "iVBORw0KGgo=")))
                                        .add(text(" ")))));
    }

    private static Message user(String text) {
        return Message.text(Message.Role.USER, text);
    }

    private static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }
}
