package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.cli.TempFiles;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodexProtocolTest {

    private static final String PROMPT = "--help; rm -rf / \"quoted\" -c model=evil";

    private final TempFiles files = new TempFiles();

    @AfterEach
    void deleteFiles() {
        files.close();
    }

    @Test
    void runs_app_server_with_the_fixed_overrides_and_no_user_text() {
        CliRun run = prepare(Requests.user("codex", PROMPT), new JsonObject());

        assertThat(run.arguments()).containsExactly(
                "app-server",
                "-c", "check_for_update_on_startup=false",
                "-c", "analytics.enabled=false",
                "-c", "feedback.enabled=false",
                "-c", "features.plugins=false",
                "-c", "features.remote_plugin=false",
                "-c", "features.apps=false",
                "-c", "features.unbounded_connection_retries=false");
        assertThat(String.join(" ", run.arguments())).doesNotContain("rm -rf", "evil");
        assertThat(turnStart(run).getJsonArray("input").getJsonObject(0).getString("text")).isEqualTo(PROMPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/config language=X model=haiku", "/help", "/login", "@/etc/passwd", "!ls", "--flag"})
    void passes_prompts_that_a_terminal_would_run_as_plain_text(String prompt) {
        JsonArray input = turnStart(prepare(Requests.user("codex", prompt), new JsonObject())).getJsonArray("input");

        assertThat(input).containsExactly(new JsonObject().put("type", "text").put("text", prompt));
    }

    @Test
    void keeps_its_home_in_the_runs_home() {
        assertThat(new CodexProtocol().homeEnvironment(Path.of("/run/home")))
                .isEqualTo(java.util.Map.of("CODEX_HOME", "/run/home/.codex"));
    }

    @Test
    void config_option_becomes_toml_overrides_and_bounds_the_custom_provider_retries() {
        JsonObject options = new JsonObject()
                .put("maxRetries", 0)
                .put("config", new JsonObject()
                        .put("model_provider", "local")
                        .put("model_providers.local", new JsonObject()
                                .put("name", "Local")
                                .put("base_url", "http://127.0.0.1:8080/v1")
                                .put("env_key", "LOCAL_KEY")
                                .put("wire_api", "responses")
                                .put("http_headers", new JsonObject().put("X-Team", "a \"b\"")))
                        .put("model_reasoning_effort", "low")
                        .put("sandbox_workspace_write.writable_roots", new JsonArray().add("/srv/work")));

        List<String> overrides = overrides(prepare(Requests.user("codex", "hi"), options));

        assertThat(overrides.subList(AppServerArguments.FIXED.size(), overrides.size())).containsExactly(
                "model_provider=\"local\"",
                "model_providers.local={name = \"Local\", base_url = \"http://127.0.0.1:8080/v1\", env_key = \"LOCAL_KEY\", "
                        + "wire_api = \"responses\", http_headers = {X-Team = \"a \\\"b\\\"\"}}",
                "model_reasoning_effort=\"low\"",
                "sandbox_workspace_write.writable_roots=[\"/srv/work\"]",
                "model_providers.local.request_max_retries=0",
                "model_providers.local.stream_max_retries=0");
    }

    @Test
    void retries_of_a_provider_config_does_not_define_are_left_alone() {
        JsonObject options = new JsonObject().put("config", new JsonObject().put("model_provider", "openai"));

        assertThat(overrides(prepare(Requests.user("codex", "hi"), options)))
                .noneMatch(override -> override.contains("max_retries"));
    }

    @Test
    void provider_defined_field_by_field_gets_the_default_retry_bound() {
        JsonObject options = new JsonObject().put("config", new JsonObject()
                .put("model_provider", "stub")
                .put("model_providers.stub.base_url", "http://127.0.0.1:18082/v1"));

        assertThat(overrides(prepare(Requests.user("codex", "hi"), options)))
                .endsWith("model_providers.stub.request_max_retries=1", "model_providers.stub.stream_max_retries=1");
    }

    @Test
    void codex_model_is_the_cli_default_and_other_names_pass_verbatim() {
        assertThat(threadStart(prepare(Requests.user("codex", "hi"), new JsonObject())).containsKey("model")).isFalse();
        assertThat(threadStart(prepare(Requests.user("gpt-6-sol", "hi"), new JsonObject())).getString("model"))
                .isEqualTo("gpt-6-sol");
        JsonObject mapped = new JsonObject().put("modelMap", new JsonObject().put("fast", "gpt-6.1-sol"));
        assertThat(threadStart(prepare(Requests.user("fast", "hi"), mapped)).getString("model")).isEqualTo("gpt-6.1-sol");
    }

    @Test
    void thread_takes_the_sandbox_approval_policy_and_system_instructions() {
        ChatRequest request = Requests.request(
                "codex",
                List.of(new ContentPart.Text("You are terse."), new ContentPart.Text("Answer in French.")),
                List.of(Message.text(Message.Role.USER, "hi")));
        JsonObject options = new JsonObject().put("sandbox", "workspace-write").put("approvalPolicy", "on-request");

        assertThat(threadStart(prepare(request, options))).isEqualTo(new JsonObject()
                .put("ephemeral", true)
                .put("approvalPolicy", "on-request")
                .put("sandbox", "workspace-write")
                .put("developerInstructions", "You are terse.\n\nAnswer in French."));
    }

    @Test
    void refuses_client_tools() {
        ChatRequest request = ChatRequest.builder("codex")
                .messages(List.of(Message.text(Message.Role.USER, "hi")))
                .tools(List.of(new Tool("lookup", "Looks up", new JsonObject())))
                .build();

        assertThatThrownBy(() -> prepare(request, new JsonObject()))
                .isInstanceOf(BackendException.class)
                .hasMessage("codex does not take client tools")
                .extracting(e -> ((BackendException) e).kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void inline_images_go_to_files_and_web_images_by_url() throws Exception {
        ChatRequest request = Requests.request("codex", List.of(), List.of(new Message(Message.Role.USER, List.of(
                new ContentPart.Text("Compare"),
                new ContentPart.Image("image/png", "iVBORw0KGgo=", null),
                new ContentPart.Image(null, null, "https://example.com/cat.jpg")))));

        JsonArray input = turnStart(prepare(request, new JsonObject())).getJsonArray("input");

        assertThat(input.getJsonObject(0).getString("text")).isEqualTo("Compare\n[image 1]\n[image 2]");
        JsonObject local = input.getJsonObject(1);
        assertThat(local.getString("type")).isEqualTo("localImage");
        assertThat(local.getString("path")).endsWith(".png");
        assertThat(Files.readAllBytes(Path.of(local.getString("path"))))
                .containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(input.getJsonObject(2)).isEqualTo(new JsonObject().put("type", "image").put("url", "https://example.com/cat.jpg"));
    }

    @Test
    void refuses_image_urls_codex_cannot_fetch() {
        ChatRequest request = Requests.request("codex", List.of(), List.of(new Message(Message.Role.USER, List.of(
                new ContentPart.Text("Look"), new ContentPart.Image(null, null, "file:///etc/passwd")))));

        assertThatThrownBy(() -> prepare(request, new JsonObject()))
                .isInstanceOf(BackendException.class)
                .hasMessage("image 1: codex takes images as base64 data or http(s) URLs, not file: URLs");
    }

    private CliRun prepare(ChatRequest request, JsonObject options) {
        return Requests.PROTOCOL.prepare(request, Requests.options(options), files);
    }

    private static List<String> overrides(CliRun run) {
        List<String> arguments = run.arguments();
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i += 2) {
            assertThat(arguments.get(i)).isEqualTo("-c");
            overrides.add(arguments.get(i + 1));
        }
        return overrides;
    }

    /** The params of {@code thread/start}, after the recorded handshake. */
    private static JsonObject threadStart(CliRun run) {
        return sent(run, 0, "thread/start");
    }

    private static JsonObject turnStart(CliRun run) {
        return sent(run, 1, "turn/start");
    }

    private static JsonObject sent(CliRun run, int answered, String method) {
        RecordingInput stdin = new RecordingInput();
        run.start(stdin);
        run.onLine("{\"id\":0,\"result\":{}}", stdin, event -> {});
        if (answered > 0) {
            run.onLine("{\"id\":1,\"result\":{\"thread\":{\"id\":\"t1\"},\"model\":\"m\"}}", stdin, event -> {});
        }
        JsonObject last = stdin.last();
        assertThat(last.getString("method")).isEqualTo(method);
        return last.getJsonObject("params");
    }
}
