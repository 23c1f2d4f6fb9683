package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.TestGateway;
import dev.junction.plugin.Backend;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.FakeCliScript;
import dev.junction.plugin.testkit.RecordingSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundled CLI plugin that ran a request (its time limits on its context's timer thread, its
 * process' input and error output on its context's workers) leaves nothing that keeps its classes
 * loaded once a new version replaced it: its class loader is collected. A static thread pool in the
 * plugin, or a thread of its own still alive, would keep it.
 */
@Timeout(60)
class ReplacedPluginUnloadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String RESULT = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,"
            + "\"result\":\"Hello\",\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";

    @Test
    void the_class_loader_of_a_replaced_cli_plugin_that_ran_a_request_is_collected(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = plugins.resolve("claude-code.jar");
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("claude-code.jar"), jar);
        FakeCliScript claude = FakeCliScript.write(
                Files.createDirectories(dir.resolve("cli")), "claude", "cat > /dev/null\necho '" + RESULT + "'");
        PluginHost host = new PluginHost(plugins, "1.0.0");
        Vertx vertx = Vertx.vertx();
        try {
            host.start();
            WeakReference<ClassLoader> first = runOnce(host, vertx, claude);

            Files.copy(TestGateway.BUILT_PLUGINS.resolve("claude-code.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(host.refresh(false)).as("the new version loaded").isTrue();
            host.refresh(false);
            assertThat(host.plugins()).extracting(PluginInfo::state).containsExactly("started");

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (first.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(first.get()).as("the replaced version's class loader, after GC").isNull();
        } finally {
            host.stop();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Runs one request through the plugin's backend as the host does, retires it; its class loader. */
    private static WeakReference<ClassLoader> runOnce(PluginHost host, Vertx vertx, FakeCliScript claude)
            throws Exception {
        LoadedPlugin plugin = host.current("claude-code").orElseThrow();
        JsonObject options = new JsonObject().put("command", claude.command().toString()).put("timeoutSeconds", 30);
        try (HostedContext context = HostedContext.of("claude", options, vertx)) {
            Backend backend = plugin.factory().create(context);
            RecordingSink sink = new RecordingSink();
            backend.chat(ChatRequest.builder("claude").messages(Message.text(Message.Role.USER, "Hi")).build(), sink);
            assertThat(sink.awaitEnd()).last().isInstanceOf(ChatEvent.Finish.class);
            backend.close().await(10, TimeUnit.SECONDS);
        }
        return new WeakReference<>(plugin.factory().getClass().getClassLoader());
    }
}
