package dev.junction.plugins.geminicli;

import dev.junction.cli.CliOptions;
import dev.junction.cli.CliProtocol;
import dev.junction.cli.CliRun;
import dev.junction.cli.TempFiles;
import dev.junction.cli.Transcript;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini CLI (tested with 0.61.0) as a backend. Each request is one headless run:
 *
 * <pre>
 * gemini --output-format=stream-json --approval-mode=MODE [--skip-trust] [--model=MODEL] [--include-directories=IMAGES]
 * </pre>
 *
 * with the prompt on stdin and no {@code -p}: a piped stdin alone runs headless, so no user text is
 * ever an argument. The environment adds {@code GEMINI_CLI_NO_RELAUNCH=true} (no self-relaunch,
 * ~1 s faster) and {@code GEMINI_SYSTEM_MD} (a file with the request's
 * system text, which replaces the CLI's built-in system prompt); {@code GEMINI_CLI_HOME} is the
 * run's sealed home, where the generated settings go unless {@code options.isolatedHome} is false
 * (then the settings copied from {@code options.configFrom} are used). A system settings file
 * ({@code GEMINI_CLI_SYSTEM_SETTINGS_PATH}) is no way to pass settings: 0.61.0 skips one unless it
 * and every folder above it is owned by root and writable by nobody else.
 *
 * <p>The model alias {@code gemini} means {@code gemini-2.5-flash}: without {@code --model} the CLI
 * uses {@code auto}, which makes an extra routing call before each answer. Map an alias to
 * {@code ""} in {@code options.modelMap} to get that default. Plugin options: {@link GeminiOptions}.
 */
public final class GeminiCliProtocol implements CliProtocol {

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp");

    @Override
    public String displayName() {
        return "Gemini CLI";
    }

    @Override
    public String defaultCommand() {
        return "gemini";
    }

    @Override
    public String installHint() {
        return "npm install -g @google/gemini-cli";
    }

    @Override
    public Map<String, String> defaultModelMap() {
        return Map.of("gemini", "gemini-2.5-flash");
    }

    @Override
    public String configFolder() {
        return ".gemini";
    }

    /** {@code GEMINI_CLI_HOME}: the CLI keeps its {@code .gemini} folder there. */
    @Override
    public Map<String, String> homeEnvironment(Path home) {
        return Map.of("GEMINI_CLI_HOME", home.toString());
    }

    @Override
    public Set<String> pluginOptionKeys() {
        return GeminiOptions.KEYS;
    }

    @Override
    public CliRun prepare(ChatRequest request, CliOptions options, TempFiles files) {
        GeminiOptions gemini = GeminiOptions.parse(options.raw());
        if (!request.tools().isEmpty()) {
            throw new BackendException(ErrorKind.INVALID_REQUEST, "gemini-cli does not take client tools");
        }
        List<ContentPart.Image> images = Transcript.images(request);
        checkImages(images);

        List<String> arguments = new ArrayList<>(List.of("--output-format=stream-json", "--approval-mode=" + gemini.approvalMode()));
        if (gemini.skipTrust()) {
            arguments.add("--skip-trust");
        }
        Optional<String> model = options.cliModel(request.model());
        model.ifPresent(name -> arguments.add("--model=" + name));

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("GEMINI_CLI_NO_RELAUNCH", "true");
        if (gemini.isolatedHome()) {
            // The CLI sees the gateway's environment with options.env over it: a key from either counts.
            Map<String, String> cliEnvironment = new LinkedHashMap<>(System.getenv());
            cliEnvironment.putAll(options.env());
            GeminiFiles.settings(files, GeminiSettings.of(gemini, cliEnvironment));
        }
        String system = Transcript.system(request);
        if (!system.isEmpty()) {
            environment.put("GEMINI_SYSTEM_MD", GeminiFiles.text(files, system, ".md").toString());
        }
        List<Path> imageFiles = GeminiFiles.images(files, images);
        if (!imageFiles.isEmpty()) {
            arguments.add("--include-directories=" + imageFiles.get(0).getParent());
        }
        String prompt = GeminiPrompt.of(Transcript.prompt(request), imageFiles);
        return new GeminiRun(arguments, environment, prompt, model.orElse(request.model()));
    }

    private static void checkImages(List<ContentPart.Image> images) {
        for (int i = 0; i < images.size(); i++) {
            ContentPart.Image image = images.get(i);
            if (image.url() != null) {
                throw new BackendException(ErrorKind.INVALID_REQUEST,
                        "gemini-cli takes images as data, not URLs: image " + (i + 1) + " is " + image.url());
            }
            if (!IMAGE_TYPES.contains(image.mediaType())) {
                throw new BackendException(ErrorKind.INVALID_REQUEST,
                        "gemini-cli takes PNG, JPEG, GIF and WebP images: image " + (i + 1) + " is " + image.mediaType());
            }
        }
    }
}
