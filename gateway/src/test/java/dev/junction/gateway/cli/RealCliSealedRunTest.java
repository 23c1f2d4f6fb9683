package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prompts are text and runs are sealed, with the real Claude Code, Codex and Gemini CLIs behind
 * one gateway. The backends are configured as an operator might: {@code env.HOME} names a folder
 * of the operator's, and no {@code workingDirectory}. Prompts that the CLIs would read as a slash
 * command, a file reference, a shell escape or a flag must reach the fake upstream as the user's
 * text (unchanged for Claude Code and Codex; for Gemini CLI, which reads its stdin like typed input,
 * with a backslash before each {@code @} and a space before a leading {@code /}); a {@code /config}
 * prompt must not change the next run; and no run may write into that home or the gateway's own
 * working folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class RealCliSealedRunTest {

    static final String CONFIG = "/config language=X model=haiku";
    static final List<String> PROMPTS = List.of(CONFIG, "/help", "/login", "@/etc/passwd", "!ls", "--flag");
    static final List<String> MODELS = List.of("claude", "codex", "gemini");

    private FakeAnthropic anthropic;
    private FakeOpenAiResponses openai;
    private FakeGemini gemini;
    private TestGateway gateway;
    private Path operatorHome;
    private final Path gatewayFolder = Path.of("").toAbsolutePath();
    private Set<String> gatewayFolderBefore;

    @BeforeAll
    @Timeout(900)
    void start(@TempDir Path dir) {
        RealClis clis = RealClis.installed();
        anthropic = FakeAnthropic.start();
        openai = FakeOpenAiResponses.start();
        gemini = FakeGemini.start();
        operatorHome = Offline.directory(dir.resolve("operator-home"));
        gatewayFolderBefore = names(gatewayFolder);
        gateway = TestGateway.start(dir,
                RealCliBackends.allAsOperator(clis, anthropic, openai, gemini, operatorHome, dir.resolve("scratch")));
    }

    @AfterAll
    void stop() {
        Stream.of(gateway, anthropic, openai, gemini).filter(Objects::nonNull).forEach(closeable -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static Stream<Arguments> promptsPerCli() {
        return MODELS.stream().flatMap(model -> PROMPTS.stream().map(prompt -> Arguments.of(model, prompt)));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("promptsPerCli")
    void a_prompt_reaches_the_upstream_unchanged_as_the_users_text(String model, String prompt) {
        FakeUpstream upstream = upstream(model);
        upstream.clearRequests();

        assertThat(answer(model, prompt)).as("the upstream's answer, not the CLI's own").isEqualTo("Hello from stub");

        List<RecordedRequest> calls = upstream.modelCalls();
        assertThat(calls).as("upstream calls").isNotEmpty();
        assertThat(calls).as("a call whose user text has the prompt as one line")
                .anySatisfy(call -> assertThat(upstream.userText(call).lines()).contains(upstreamForm(model, prompt)));
        assertThat(calls).as("no file read into the prompt")
                .noneSatisfy(call -> assertThat(call.body()).contains("root:x:0:0"));
        // The CLIs may name their own install folder (Gemini lists its bundled skills), which the
        // default realClisDir puts inside the gateway's folder: only other mentions count.
        assertThat(calls).as("the gateway's folder named as the CLI's working directory")
                .noneSatisfy(call -> assertThat(call.body().replace(RealClis.installed().dir().toString(), ""))
                        .contains(gatewayFolder.toString()));
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void a_config_prompt_changes_nothing_for_the_next_run(String model) {
        FakeUpstream upstream = upstream(model);
        answer(model, CONFIG);
        upstream.clearRequests();
        String next = "Say hello to next-run-4711";

        assertThat(answer(model, next)).isEqualTo("Hello from stub");

        List<RecordedRequest> calls = upstream.modelCalls().stream()
                .filter(call -> upstream.userText(call).contains(next))
                .toList();
        assertThat(calls).as("upstream calls carrying the next prompt").hasSize(1);
        RecordedRequest call = calls.get(0);
        assertThat(call.uri() + " " + call.json().getString("model", "")).doesNotContainIgnoringCase("haiku");
        assertThat(upstream.systemText(call)).doesNotContain("Always respond in X");
    }

    @Order(3)
    @Test
    void no_run_wrote_into_the_operators_home_or_the_gateways_folder() {
        assertThat(names(operatorHome)).as("files in the HOME given in options.env").isEmpty();
        assertThat(names(gatewayFolder)).as("the gateway's working folder").isEqualTo(gatewayFolderBefore);
    }

    /** The prompt as the upstream gets it: Gemini CLI's stdin must be made inert (see GeminiPrompt). */
    private static String upstreamForm(String model, String prompt) {
        if (!model.equals("gemini")) {
            return prompt;
        }
        String escaped = prompt.replace("@", "\\@");
        return escaped.startsWith("/") ? " " + escaped : escaped;
    }

    static List<String> models() {
        return MODELS;
    }

    private String answer(String model, String prompt) {
        ChatCompletion completion = gateway.openAi("unused").chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage(prompt)
                .build());
        return completion.choices().get(0).message().content().orElse("");
    }

    private FakeUpstream upstream(String model) {
        return Map.<String, FakeUpstream>of("claude", anthropic, "codex", openai, "gemini", gemini).get(model);
    }

    private static Set<String> names(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
