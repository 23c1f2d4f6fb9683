package dev.junction.gateway.reload;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.gateway.config.ReloadReport;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.event.Level;

/**
 * A test gateway that checks its configuration file every second, with the {@code echo} and
 * {@code reload-probe} ({@link ReloadBackendFactory}) plugins in its own plugin folder. Keeps the
 * lines its configuration watcher logs, and rewrites its file section by section.
 */
final class ReloadingGateway implements AutoCloseable {

    static final String PROBE_PLUGIN = "reload-probe";
    /** The {@code server:} line that makes the gateway check its file every second. */
    static final String EVERY_SECOND = "  reloadSeconds: 1\n";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Path dir;
    private final Path plugins;
    private final TestGateway gateway;
    private final BlockingQueue<ReloadReport> reports = new LinkedBlockingQueue<>();

    private ReloadingGateway(Path dir, Path plugins, TestGateway gateway) {
        this.dir = dir;
        this.plugins = plugins;
        this.gateway = gateway;
        gateway.onReload(reports::add);
    }

    /** A gateway whose file has these {@code server} lines, keys ({@code authYaml}) and backends. */
    static ReloadingGateway start(Path dir, String serverYaml, String authYaml, String backendsYaml) {
        ReloadProbe.reset();
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, PROBE_PLUGIN, ">=0.1.0", ReloadBackendFactory.class,
                ReloadBackendFactory.class, ReloadBackendFactory.LabelBackend.class);
        try {
            Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestGateway gateway = builder(dir, plugins, serverYaml, authYaml, backendsYaml).start();
        return new ReloadingGateway(dir, plugins, gateway);
    }

    /** A gateway that checks its file every second, with these backends. */
    static ReloadingGateway start(Path dir, String backendsYaml) {
        return start(dir, EVERY_SECOND, "", backendsYaml);
    }

    /** A backend of the probe plugin answering {@code "<label>-start <label>-end"}. */
    static String probe(String id, String models, String label) {
        return "  " + id + ":\n    plugin: " + PROBE_PLUGIN + "\n    models: " + models + "\n    options: {label: " + label + "}\n";
    }

    private static TestGateway.Builder builder(
            Path dir, Path plugins, String serverYaml, String authYaml, String backendsYaml) {
        return TestGateway.builder(dir)
                .plugins(plugins)
                .server(serverYaml)
                .auth(authYaml)
                .backends(backendsYaml);
    }

    /** Replaces the file at once (a temporary file moved over it) with these backends, checked every second. */
    void rewrite(String backendsYaml) {
        rewrite(EVERY_SECOND, "", backendsYaml);
    }

    /** Replaces the file at once (a temporary file moved over it). */
    void rewrite(String serverYaml, String authYaml, String backendsYaml) {
        replace(yaml(serverYaml, authYaml, backendsYaml));
    }

    /** The whole file with these sections, as {@link #rewrite} writes it. */
    String yaml(String serverYaml, String authYaml, String backendsYaml) {
        return builder(dir, plugins, serverYaml, authYaml, backendsYaml).yaml();
    }

    /** Replaces the file at once with {@code text}. */
    void replace(String text) {
        try {
            Path temporary = Files.writeString(dir.resolve("gateway.yaml.tmp"), text);
            Files.move(temporary, configFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line the watcher logs; fails when none comes within the deadline. */
    ReloadReport nextReport() throws InterruptedException {
        ReloadReport report = reports.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (report == null) {
            throw new AssertionError("the configuration watcher logged nothing within " + DEADLINE);
        }
        return report;
    }

    /** Waits for the INFO line of an applied reload; fails on any other line before it. */
    ReloadReport awaitApplied() throws InterruptedException {
        ReloadReport report = nextReport();
        if (report.level() != Level.INFO) {
            throw new AssertionError("expected a reload to apply, but the watcher logged " + report);
        }
        return report;
    }

    /** Whether the watcher logged anything else so far. */
    boolean quiet() {
        return reports.isEmpty();
    }

    /** Polls {@code condition} until it holds; fails after the deadline. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    OpenAIClient openAi() {
        return openAi("unused");
    }

    OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(key).maxRetries(0).build();
    }

    String url(String path) {
        return gateway.url(path);
    }

    Path configFile() {
        return gateway.configFile();
    }

    Path pluginsDir() {
        return plugins;
    }

    /** Stops the gateway (drains, undeploys, unloads) without closing Vert.x. */
    Future<Void> stop() {
        return gateway.stop();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
