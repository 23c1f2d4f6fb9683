package dev.junction.gateway.resilience;

import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@link ScriptedBackendFactory} plugin does and saw: the failures its flaky models still
 * have to give, and every chat it received ({@code "<backend id> <model>"}) or was told to cancel.
 * Stays on the gateway's class path (not in the plugin JAR), so tests and plugin share it.
 */
public final class ScriptProbe {

    /** How many more times the flaky models fail before they answer. */
    public static final AtomicInteger failuresLeft = new AtomicInteger();
    /** How the flaky models fail. */
    public static volatile ChatEvent.Failed failure = ChatEvent.Failed.of(ErrorKind.OVERLOADED, "scripted overload");

    public static final List<String> chats = new CopyOnWriteArrayList<>();
    public static final List<String> cancels = new CopyOnWriteArrayList<>();
    private static final Semaphore chatPermits = new Semaphore(0);
    private static final Semaphore cancelPermits = new Semaphore(0);

    private ScriptProbe() {}

    /**
     * Writes the scripted plugin's JAR (plugin id {@code scripted}) into {@code dir/plugins}, beside a
     * copy of the built echo plugin; returns that folder.
     */
    public static Path writePlugins(Path dir) {
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, "scripted", ">=0.1.0", ScriptedBackendFactory.class,
                ScriptedBackendFactory.class, ScriptedBackendFactory.ScriptedBackend.class);
        try {
            Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return plugins;
    }

    public static void reset() {
        failuresLeft.set(0);
        failure = ChatEvent.Failed.of(ErrorKind.OVERLOADED, "scripted overload");
        chats.clear();
        cancels.clear();
        chatPermits.drainPermits();
        cancelPermits.drainPermits();
    }

    /** Fails the next {@code times} chats of the flaky models with {@code failed}. */
    public static void failNext(int times, ChatEvent.Failed failed) {
        failure = failed;
        failuresLeft.set(times);
    }

    public static void chat(String backendId, String model) {
        chats.add(backendId + " " + model);
        chatPermits.release();
    }

    public static void cancelled(String backendId, String model) {
        cancels.add(backendId + " " + model);
        cancelPermits.release();
    }

    /** Waits until {@code count} more chats arrived; false on timeout. */
    public static boolean awaitChats(int count, long timeoutMillis) throws InterruptedException {
        return chatPermits.tryAcquire(count, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code count} more cancels arrived; false on timeout. */
    public static boolean awaitCancels(int count, long timeoutMillis) throws InterruptedException {
        return cancelPermits.tryAcquire(count, timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
