package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex with Junction as its model provider (a custom {@code model_providers} entry on the
 * Responses API, WebSockets allowed), its model names routed by the gateway's configuration to the
 * anthropic plugin, whose upstream is a fake Anthropic Messages API streaming as the real one does.
 * Claude asks for a shell command ({@code exec_command}), a patch (Codex's freeform
 * {@code apply_patch}) or, with Codex's default model, JavaScript for its namespaced freeform
 * {@code exec} tool (declared in an {@code additional_tools} input item); Codex runs it and sends
 * its output back.
 *
 * <p>Codex runs {@code codex exec --json} in a throw-away home and working folder (read-only
 * sandbox, workspace-write for the patch), never asking for approval, no retries. It always sends
 * {@code store: false}, {@code reasoning}, {@code include}, {@code prompt_cache_key} and
 * {@code client_metadata}; for {@code gpt-5.5} and {@code gpt-5-codex} its {@code exec_command}
 * function tool and {@code web_search}, for {@code gpt-5.5} also the custom tool
 * {@code apply_patch} (a grammar) and {@code tool_search}, for {@code gpt-5-codex} the
 * {@code namespace} of its sub-agent tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class CodexToAnthropicTest {

    /** What the anthropic backend calls Codex's model names upstream ({@code modelMap}). */
    private static final String UPSTREAM_MODEL = "claude-sonnet-4-5-20250929";
    /** Codex's own default model: its tools come in an {@code additional_tools} item, its shell in JavaScript. */
    private static final String DEFAULT_MODEL = "gpt-6.1-sol";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /** How much longer a turn through Junction may take than the same turn straight to a fake Responses API. */
    private static final Duration OVERHEAD = Duration.ofMillis(500);
    private static final int TIMED_RUNS = 3;

    private final List<String> accessLog = new CopyOnWriteArrayList<>();
    private RealClis clis;
    private FakeAnthropic upstream;
    private TestGateway gateway;
    private Path codexHome;

    @BeforeAll
    @Timeout(900)
    void start(@TempDir Path dir) {
        clis = RealClis.installed();
        upstream = FakeAnthropic.start();
        codexHome = Offline.codexHome();
        gateway = TestGateway.builder(dir)
                .backends("  anthropic:\n    plugin: anthropic\n    models: [\"gpt-*\"]\n"
                        + "    options: {baseUrl: \"" + upstream.baseUrl() + "\", apiKey: " + Offline.ANTHROPIC_KEY
                        + ", maxTokens: 4096, modelMap: {gpt-5.5: " + UPSTREAM_MODEL + ", gpt-5-codex: " + UPSTREAM_MODEL
                        + ", " + DEFAULT_MODEL + ": " + UPSTREAM_MODEL + "}}\n    retries: {attempts: 0}\n")
                .accessLog(accessLog::add)
                .start();
    }

    @AfterAll
    void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
            Offline.deleteTree(codexHome);
        }
    }

    @Test
    void codex_runs_the_shell_command_claude_asks_for_and_claude_reads_its_output(@TempDir Path dir) {
        upstream.clearRequests();
        accessLog.clear();
        upstream.reply(new StubReply(List.of("The command printed ", "junction-42."), Duration.ZERO, 12, 5));
        upstream.nextToolUse("exec_command", new JsonObject().put("cmd", "echo junction-$((6*7))"));

        CliProcess.Result run = codex(gateway.url("/v1"), true, "gpt-5.5", "Run the check.", dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonObject command = completedItems(run, "command_execution").get(0);
        assertThat(command.getString("aggregated_output")).as(run.toString()).contains("junction-42");
        assertThat(command.getInteger("exit_code")).isZero();
        assertThat(completedItems(run, "agent_message")).extracting(item -> item.getString("text"))
                .containsExactly("The command printed junction-42.");
        assertThat(completedItems(run, "error")).extracting(item -> item.getString("message"))
                .noneMatch(message -> message.contains("WebSocket"));

        List<RecordedRequest> calls = upstream.modelCalls();
        assertThat(calls).as("upstream calls of %s", run).hasSize(2);
        JsonObject first = calls.get(0).json();
        assertThat(first.getString("model")).isEqualTo(UPSTREAM_MODEL);
        assertThat(first.getBoolean("stream")).isTrue();
        List<JsonObject> tools = objects(first.getJsonArray("tools", new JsonArray()));
        assertThat(tools).extracting(tool -> tool.getString("name")).contains("exec_command", "apply_patch");
        assertThat(tools).as("tools sent upstream: Codex's web_search and tool_search dropped")
                .allMatch(tool -> tool.getString("type") == null && tool.containsKey("input_schema"));
        assertThat(first.getJsonObject("thinking", new JsonObject()).getString("type"))
                .as("Codex's reasoning effort as extended thinking")
                .isEqualTo("enabled");
        assertThat(calls.get(1).json().containsKey("thinking"))
                .as("none for the follow-up of a tool call made without thinking, which the Messages API refuses")
                .isFalse();
        assertThat(upstream.toolResults(calls.get(1))).singleElement().asString().contains("junction-42");
        assertThat(toolUseIds(calls.get(1).json())).as("the call Codex sent back before its output")
                .singleElement().isEqualTo(toolResultIds(calls.get(1).json()).get(0));
        assertThat(handshakesRefused()).as("WebSocket handshakes answered 426 in %s", accessLog).isEqualTo(1);
    }

    @Test
    void codex_applies_the_patch_claude_writes_with_its_freeform_apply_patch_tool(@TempDir Path dir) throws IOException {
        upstream.clearRequests();
        upstream.reply(new StubReply(List.of("Added hello.txt."), Duration.ZERO, 12, 5));
        upstream.nextToolUse("apply_patch",
                new JsonObject().put("input", "*** Begin Patch\n*** Add File: hello.txt\n+junction-42\n*** End Patch\n"));

        CliProcess.Result run = codex(gateway.url("/v1"), false, "gpt-5.5", "Add the file.", dir, "workspace-write");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(dir.resolve("work/hello.txt")).as(run.toString()).hasContent("junction-42");
        assertThat(completedItems(run, "file_change")).as(run.toString()).singleElement()
                .satisfies(change -> assertThat(change.getString("status")).isEqualTo("completed"));
        assertThat(completedItems(run, "agent_message")).extracting(item -> item.getString("text"))
                .containsExactly("Added hello.txt.");
        List<RecordedRequest> calls = upstream.modelCalls();
        assertThat(calls).as("upstream calls of %s", run).hasSize(2);
        assertThat(upstream.toolResults(calls.get(1))).as(run.toString()).singleElement().asString().contains("hello.txt");
        assertThat(toolUseIds(calls.get(1).json())).singleElement().isEqualTo(toolResultIds(calls.get(1).json()).get(0));
    }

    @Test
    void codex_with_its_default_model_runs_the_javascript_claude_writes_for_its_namespaced_exec_tool(@TempDir Path dir) {
        upstream.clearRequests();
        upstream.reply(new StubReply(List.of("The script printed junction-42."), Duration.ZERO, 12, 5));
        upstream.nextToolUse("functions__exec", new JsonObject()
                .put("input", "text(await tools.exec_command({cmd: \"echo junction-$((6*7))\"}));"));

        CliProcess.Result run = codex(gateway.url("/v1"), true, null, "Run the check.", dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(completedItems(run, "agent_message")).extracting(item -> item.getString("text"))
                .as(run.toString())
                .containsExactly("The script printed junction-42.");
        List<RecordedRequest> calls = upstream.modelCalls();
        assertThat(calls).as("upstream calls of %s", run).hasSize(2);
        assertThat(calls.get(0).json().getString("model")).isEqualTo(UPSTREAM_MODEL);
        assertThat(upstream.toolResults(calls.get(1))).as(run.toString()).singleElement().asString().contains("junction-42");
        assertThat(toolUseIds(calls.get(1).json())).singleElement().isEqualTo(toolResultIds(calls.get(1).json()).get(0));
    }

    @Test
    void a_turn_through_junction_takes_at_most_half_a_second_more_than_straight_to_a_responses_api(@TempDir Path dir) {
        upstream.reply(StubReply.HELLO);
        List<Duration> direct = new ArrayList<>();
        List<Duration> throughJunction = new ArrayList<>();
        try (FakeOpenAiResponses responses = FakeOpenAiResponses.start()) {
            for (int i = 0; i < TIMED_RUNS; i++) {
                direct.add(turnTime(codex(responses.baseUrl() + "/v1", false, "gpt-5-codex", "Say hi", dir.resolve("direct-" + i))));
                throughJunction.add(turnTime(codex(gateway.url("/v1"), true, "gpt-5-codex", "Say hi", dir.resolve("junction-" + i))));
            }
        }

        Duration fastestDirect = direct.stream().min(Duration::compareTo).orElseThrow();
        Duration fastestThroughJunction = throughJunction.stream().min(Duration::compareTo).orElseThrow();
        assertThat(fastestThroughJunction)
                .as("turn times straight to the fake %s, through Junction %s", direct, throughJunction)
                .isLessThanOrEqualTo(fastestDirect.plus(OVERHEAD));
    }

    /** Runs {@code codex exec --json} with the provider at {@code baseUrl}, read-only sandbox, to its end. */
    private CliProcess.Result codex(String baseUrl, boolean webSockets, String model, String prompt, Path dir) {
        return codex(baseUrl, webSockets, model, prompt, dir, "read-only");
    }

    /**
     * Runs {@code codex exec --json} with the provider at {@code baseUrl} and {@code sandbox}, to its
     * end; {@code model} null for Codex's default.
     */
    private CliProcess.Result codex(String baseUrl, boolean webSockets, String model, String prompt, Path dir, String sandbox) {
        List<String> command = new ArrayList<>(List.of(clis.codex().toString(), "exec", "--json", "--skip-git-repo-check",
                "--ephemeral", "--disable", "unbounded_connection_retries", "-s", sandbox));
        if (model != null) {
            command.addAll(List.of("-m", model));
        }
        command.addAll(Offline.codexConfigArgs(Offline.codexConfig(baseUrl)
                .put("model_providers.stub.request_max_retries", 0)
                .put("model_providers.stub.stream_max_retries", 0)
                .put("model_providers.stub.supports_websockets", webSockets)));
        command.add(prompt);
        return CliProcess.run(command, Offline.codexEnv(dir.resolve("home"), codexHome), dir.resolve("work"), "", RUN_TIMEOUT);
    }

    /** When Codex printed {@code turn.completed}, after it answered "Hello from stub". */
    private static Duration turnTime(CliProcess.Result run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(completedItems(run, "agent_message")).extracting(item -> item.getString("text"))
                .as(run.toString())
                .containsExactly("Hello from stub");
        return run.printedAt("turn.completed").orElseThrow();
    }

    private static List<JsonObject> completedItems(CliProcess.Result run, String type) {
        return run.ofType("item.completed").stream()
                .map(line -> line.getJsonObject("item"))
                .filter(item -> type.equals(item.getString("type")))
                .toList();
    }

    private long handshakesRefused() {
        return accessLog.stream()
                .map(JsonObject::new)
                .filter(line -> "GET".equals(line.getString("method")) && line.getInteger("status") == 426)
                .count();
    }

    /** The ids of the tool_use blocks of the call's assistant messages. */
    private static List<String> toolUseIds(JsonObject call) {
        return blocks(call, "assistant", "tool_use").stream().map(block -> block.getString("id")).toList();
    }

    /** The tool_use_id of each tool_result block of the call's user messages. */
    private static List<String> toolResultIds(JsonObject call) {
        return blocks(call, "user", "tool_result").stream().map(block -> block.getString("tool_use_id")).toList();
    }

    private static List<JsonObject> blocks(JsonObject call, String role, String type) {
        return objects(call.getJsonArray("messages")).stream()
                .filter(message -> role.equals(message.getString("role")) && message.getValue("content") instanceof JsonArray)
                .flatMap(message -> objects(message.getJsonArray("content")).stream())
                .filter(block -> type.equals(block.getString("type")))
                .toList();
    }

    private static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> objects = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.getValue(i) instanceof JsonObject object) {
                objects.add(object);
            }
        }
        return objects;
    }
}
