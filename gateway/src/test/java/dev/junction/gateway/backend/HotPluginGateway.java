package dev.junction.gateway.backend;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A test gateway whose plugin folder is scanned every 100 ms, with the echo plugin in it and these
 * backends (each serving the model of its id): {@code echo}, and {@code hot}, {@code lab},
 * {@code gone}, {@code half} of the plugins of the same ids, whose JARs the tests drop in
 * ({@link #hotJar}), and {@code hello} of the author's guide's example plugin (a word every 100 ms).
 */
final class HotPluginGateway implements AutoCloseable {

    /** How long a change of the folder may take to show. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Path plugins;
    private final TestGateway gateway;
    private final OpenAIClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    private HotPluginGateway(Path plugins, TestGateway gateway) {
        this.plugins = plugins;
        this.gateway = gateway;
        this.client = gateway.openAi("unused");
    }

    static HotPluginGateway start(Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        String backends = TestGateway.echoBackend() + backend("hot") + backend("lab") + backend("gone")
                + backend("half") + backend("hello") + "    options: {delayMillis: 100}\n";
        return new HotPluginGateway(plugins, TestGateway.builder(dir)
                .plugins(plugins)
                .pluginOptions("  scanIntervalMillis: 100\n")
                .backends(backends)
                .start());
    }

    private static String backend(String id) {
        return "  " + id + ":\n    plugin: " + id + "\n    models: [" + id + "]\n";
    }

    /** A JAR of plugin {@code pluginId}, version {@code version}, whose backend answers {@code label}. */
    static PluginJar.Builder hotJar(String pluginId, String version, String label) {
        return PluginJar.plugin(pluginId)
                .version(version)
                .extension(HotBackendFactory.class.getName())
                .classes(HotBackendFactory.class, HotBackendFactory.HotBackend.class)
                .resource(HotBackendFactory.LABEL_RESOURCE, label);
    }

    Path plugins() {
        return plugins;
    }

    TestGateway gateway() {
        return gateway;
    }

    OpenAIClient openAi() {
        return client;
    }

    /** The text of the answer of {@code model} to {@code prompt}, through the OpenAI SDK. */
    String reply(String model, String prompt) {
        return client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build())
                .choices().get(0).message().content().orElse("");
    }

    /** Waits until {@code model} answers {@code prompt} with {@code expected}; fails after the deadline. */
    void awaitReply(String model, String prompt, String expected) {
        awaitTrue(model + " answers " + expected, () -> {
            try {
                return expected.equals(reply(model, prompt));
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** An answer streamed through the OpenAI SDK: the text received so far, and the whole text once it ends. */
    record Streaming(StringBuffer received, CompletableFuture<String> text) {}

    /** Streams the answer of {@code model} to {@code prompt} on a thread of its own. */
    Streaming stream(String model, String prompt) {
        ChatCompletionCreateParams params =
                ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build();
        StringBuffer received = new StringBuffer();
        return new Streaming(received, CompletableFuture.supplyAsync(() -> {
            try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions().createStreaming(params)) {
                chunks.stream()
                        .flatMap(chunk -> chunk.choices().stream())
                        .flatMap(choice -> choice.delta().content().stream())
                        .forEach(received::append);
                return received.toString();
            }
        }));
    }

    /** A raw POST of {@code json} to {@code path}. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url(path)))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The body of {@code GET /health}. */
    JsonObject health() {
        try {
            return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(gateway.url("/health"))).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The entries of {@code /health}'s {@code plugins} for JAR {@code file} in state {@code state}. */
    Optional<JsonObject> plugin(String file, String state) {
        return health().getJsonArray("plugins").stream()
                .map(JsonObject.class::cast)
                .filter(entry -> entry.getString("file").equals(file) && entry.getString("state").equals(state))
                .findFirst();
    }

    /** Whether {@code /health} lists JAR {@code file} at all. */
    boolean lists(String file) {
        return health().getJsonArray("plugins").stream()
                .map(JsonObject.class::cast)
                .anyMatch(entry -> entry.getString("file").equals(file));
    }

    /** Waits until {@code condition} holds, looking every 50 ms; fails after the deadline, naming {@code what}. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
