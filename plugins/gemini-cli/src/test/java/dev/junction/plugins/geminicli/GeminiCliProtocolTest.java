package dev.junction.plugins.geminicli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.CliOptions;
import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.cli.TempFiles;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.Tool;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiCliProtocolTest {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private final GeminiCliProtocol protocol = new GeminiCliProtocol();
    private final List<TempFiles> runFiles = new ArrayList<>();

    @AfterEach
    void deleteFiles() {
        runFiles.forEach(TempFiles::close);
    }

    @Test
    void runs_headless_with_stream_json_and_the_prompt_only_on_stdin() {
        CliRun run = prepare(request("gemini", "Say hello --yolo"), new JsonObject());

        assertThat(run.arguments()).containsExactly(
                "--output-format=stream-json", "--approval-mode=default", "--skip-trust", "--model=gemini-2.5-flash");
        assertThat(run.arguments()).noneMatch(argument -> argument.contains("Say hello"));
        assertThat(stdinOf(run)).isEqualTo("Say hello --yolo");
        assertThat(run.environment()).containsEntry("GEMINI_CLI_NO_RELAUNCH", "true");
    }

    @Test
    void passes_other_models_verbatim_and_no_model_for_an_alias_mapped_to_empty() {
        JsonObject options = new JsonObject().put("modelMap", new JsonObject().put("gemini-auto", ""));

        assertThat(prepare(request("gemini-2.5-pro", "hi"), options).arguments()).contains("--model=gemini-2.5-pro");
        assertThat(prepare(request("gemini-auto", "hi"), options).arguments()).noneMatch(argument -> argument.startsWith("--model"));
    }

    @Test
    void takes_the_approval_mode_and_can_leave_trust_to_the_cli() {
        CliRun run = prepare(request("gemini", "hi"), new JsonObject().put("approvalMode", "yolo").put("skipTrust", false));

        assertThat(run.arguments()).contains("--approval-mode=yolo").doesNotContain("--skip-trust");
    }

    @Test
    void writes_settings_into_the_runs_home_that_bound_retries_and_select_api_key_auth() throws IOException {
        JsonObject options = new JsonObject()
                .put("env", new JsonObject().put("GEMINI_API_KEY", "k").put("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:1"))
                .put("settings", new JsonObject().put("general", new JsonObject().put("vimMode", true)));

        CliRun run = prepare(request("gemini", "hi"), options);

        assertThat(run.environment()).doesNotContainKey("GEMINI_CLI_HOME"); // the sealed run's, from homeEnvironment
        assertThat(new JsonObject(Files.readString(settingsFile()))).isEqualTo(new JsonObject("""
                {"general": {"maxAttempts": 1, "enableAutoUpdate": false, "enableAutoUpdateNotification": false, "vimMode": true},
                 "privacy": {"usageStatisticsEnabled": false},
                 "telemetry": {"enabled": false},
                 "security": {"auth": {"selectedType": "gemini-api-key"}}}
                """));
        assertThat(run.environment()).doesNotContainKey("GEMINI_CLI_SYSTEM_SETTINGS_PATH");
    }

    @Test
    void selects_no_auth_type_without_an_api_key() throws IOException {
        CliRun run = prepare(request("gemini", "hi"), new JsonObject().put("maxAttempts", 3));

        JsonObject settings = new JsonObject(Files.readString(settingsFile()));
        assertThat(settings.containsKey("security")).isFalse();
        assertThat(settings.getJsonObject("general").getInteger("maxAttempts")).isEqualTo(3);
    }

    @Test
    void writes_no_settings_when_not_isolated_so_those_copied_from_config_from_apply() {
        CliRun run = prepare(request("gemini", "hi"), new JsonObject().put("isolatedHome", false).put("configFrom", System.getProperty("java.io.tmpdir")));

        assertThat(run.environment()).doesNotContainKey("GEMINI_CLI_HOME");
        assertThat(settingsFile()).doesNotExist();
    }

    @Test
    void keeps_its_gemini_folder_in_the_runs_home() {
        assertThat(protocol.homeEnvironment(Path.of("/run/home"))).isEqualTo(Map.of("GEMINI_CLI_HOME", "/run/home"));
        assertThat(protocol.configFolder()).isEqualTo(".gemini");
    }

    @Test
    void replaces_the_clis_system_prompt_with_the_requests_system_text() throws IOException {
        ChatRequest request = ChatRequest.builder("gemini")
                .system(List.of(new ContentPart.Text("Be terse.")))
                .messages(List.of(Message.text(Message.Role.USER, "hi")))
                .build();

        CliRun run = prepare(request, new JsonObject());

        assertThat(Files.readString(Path.of(run.environment().get("GEMINI_SYSTEM_MD")))).isEqualTo("Be terse.");
        assertThat(stdinOf(run)).isEqualTo("hi");
        assertThat(prepare(request("gemini", "hi"), new JsonObject()).environment()).doesNotContainKey("GEMINI_SYSTEM_MD");
    }

    @Test
    void refuses_client_tools() {
        ChatRequest request = ChatRequest.builder("gemini")
                .messages(List.of(Message.text(Message.Role.USER, "hi")))
                .tools(List.of(new Tool("lookup", null, null)))
                .build();

        assertThatThrownBy(() -> prepare(request, new JsonObject()))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessage("gemini-cli does not take client tools");
    }

    @Test
    void refuses_image_urls_and_unknown_image_types_naming_them() {
        assertThatThrownBy(() -> prepare(withImage(new ContentPart.Image(null, null, "https://example.com/cat.png")), new JsonObject()))
                .isInstanceOf(BackendException.class)
                .hasMessage("gemini-cli takes images as data, not URLs: image 1 is https://example.com/cat.png");
        assertThatThrownBy(() -> prepare(withImage(new ContentPart.Image("image/tiff", PNG, null)), new JsonObject()))
                .isInstanceOf(BackendException.class)
                .hasMessage("gemini-cli takes PNG, JPEG, GIF and WebP images: image 1 is image/tiff");
    }

    @Test
    void writes_images_to_files_and_references_them_with_at_paths_in_an_included_directory() throws IOException {
        CliRun run = prepare(withImage(new ContentPart.Image("image/png", PNG, null)), new JsonObject());

        String stdin = stdinOf(run);
        Path image = Path.of(stdin.substring(stdin.indexOf("[image 1] @") + "[image 1] @".length()));
        assertThat(stdin).startsWith("What is this?\n[image 1]\n\n[image 1] @");
        assertThat(Files.readAllBytes(image)).isEqualTo(Base64.getDecoder().decode(PNG));
        assertThat(image.getFileName().toString()).endsWith(".png");
        assertThat(run.arguments()).contains("--include-directories=" + image.getParent());
    }

    @Test
    void makes_at_signs_and_a_leading_slash_of_client_text_inert() {
        assertThat(stdinOf(prepare(request("gemini", "/init @Override me@example.com"), new JsonObject())))
                .isEqualTo(" /init \\@Override me\\@example.com");
    }

    /** {@code .gemini/settings.json} in the sealed home of the last run prepared. */
    private Path settingsFile() {
        return runFiles.get(runFiles.size() - 1).folder("home").resolve(".gemini").resolve("settings.json");
    }

    /** Prepares a run with its own temporary folder, as each run has. */
    private CliRun prepare(ChatRequest request, JsonObject options) {
        TempFiles files = new TempFiles();
        runFiles.add(files);
        return protocol.prepare(request, CliOptions.parse(options, protocol), files);
    }

    private static ChatRequest request(String model, String text) {
        return ChatRequest.builder(model)
                .messages(List.of(Message.text(Message.Role.USER, text)))
                .build();
    }

    private static ChatRequest withImage(ContentPart.Image image) {
        Message message = new Message(Message.Role.USER, List.of(new ContentPart.Text("What is this?"), image));
        return ChatRequest.builder("gemini")
                .messages(List.of(message))
                .build();
    }

    private static String stdinOf(CliRun run) {
        RecordingInput stdin = new RecordingInput();
        run.start(stdin);
        return stdin.written();
    }
}
