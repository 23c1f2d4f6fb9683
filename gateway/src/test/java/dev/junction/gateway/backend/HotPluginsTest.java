package dev.junction.gateway.backend;

import static dev.junction.gateway.backend.HotPluginGateway.DEADLINE;
import static dev.junction.gateway.backend.HotPluginGateway.awaitTrue;
import static dev.junction.gateway.backend.HotPluginGateway.hotJar;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.errors.OpenAIServiceException;
import dev.junction.gateway.support.ErrorShapes;
import dev.junction.gateway.support.SourcePlugin;
import io.vertx.core.json.JsonObject;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin JARs dropped into, replaced in and removed from a running gateway's folder, called through
 * the official OpenAI SDK: no restart, no answer in flight lost, the old version unloaded.
 */
@Timeout(120)
class HotPluginsTest {

    @TempDir
    static Path dir;

    private static HotPluginGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = HotPluginGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void closeGate() {
        HotProbe.reset();
    }

    @Test
    void a_jar_dropped_in_serves_and_a_new_version_takes_new_requests_while_the_old_finishes_its_stream()
            throws Exception {
        Path jar = gateway.plugins().resolve("hot.jar");
        hotJar("hot", "1.0.0", "v1").write(jar);
        gateway.awaitReply("hot", "hi", "v1");

        CompletableFuture<String> stream = gateway.stream("hot", HotBackendFactory.WAIT).text();
        assertThat(HotProbe.awaitWaiting(DEADLINE)).as("the v1 stream reached its gate").isTrue();

        hotJar("hot", "2.0.0", "v2").write(jar);
        gateway.awaitReply("hot", "hi", "v2");
        assertThat(stream).as("the v1 stream still waits").isNotDone();
        assertThat(gateway.plugin("hot.jar", "stopping").orElseThrow().getString("version")).isEqualTo("1.0.0");

        HotProbe.openGate();
        assertThat(stream.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("v1-start v1-end");
        assertThat(gateway.reply("hot", "hi")).isEqualTo("v2");
        JsonObject serving = gateway.plugin("hot.jar", "started").orElseThrow();
        assertThat(serving.getString("id")).isEqualTo("hot");
        assertThat(serving.getString("version")).isEqualTo("2.0.0");
    }

    @Test
    void the_class_loader_of_a_replaced_version_is_collected() {
        Path jar = gateway.plugins().resolve("lab.jar");
        hotJar("lab", "1.0.0", "lab1").write(jar);
        gateway.awaitReply("lab", "hi", "lab1");
        WeakReference<ClassLoader> first = HotProbe.loader("lab1");
        assertThat(first.get()).isNotNull();

        hotJar("lab", "2.0.0", "lab2").write(jar);
        gateway.awaitReply("lab", "hi", "lab2");
        awaitTrue("version 1.0.0 unloaded", () -> gateway.plugin("lab.jar", "stopping").isEmpty());

        awaitTrue("the class loader of version 1.0.0 collected", () -> {
            System.gc();
            return first.get() == null;
        });
    }

    @Test
    void a_removed_jar_lets_its_stream_finish_then_its_backend_answers_503_and_health_says_why() throws Exception {
        hotJar("gone", "1.0.0", "g1").write(gateway.plugins().resolve("gone-1.jar"));
        gateway.awaitReply("gone", "hi", "g1");
        hotJar("gone", "2.0.0", "g2").write(gateway.plugins().resolve("gone-2.jar"));
        gateway.awaitReply("gone", "hi", "g2");
        Files.delete(gateway.plugins().resolve("gone-1.jar"));
        awaitTrue("gone-1.jar forgotten", () -> !gateway.lists("gone-1.jar"));
        assertThat(gateway.reply("gone", "hi")).as("the version serving is another file's").isEqualTo("g2");

        CompletableFuture<String> stream = gateway.stream("gone", HotBackendFactory.WAIT).text();
        assertThat(HotProbe.awaitWaiting(DEADLINE)).isTrue();
        Files.delete(gateway.plugins().resolve("gone-2.jar"));

        String chat = "{\"model\":\"gone\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        awaitTrue("503 once removed", () -> status("/v1/chat/completions", chat) == 503);
        HttpResponse<String> openAi = gateway.post("/v1/chat/completions", chat);
        assertThat(ErrorShapes.assertErrorShape("/v1/chat/completions", openAi.body())).contains("gone");
        String message = "{\"model\":\"gone\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> anthropic = gateway.post("/anthropic/v1/messages", message);
        assertThat(anthropic.statusCode()).isEqualTo(503);
        ErrorShapes.assertErrorShape("/anthropic/v1/messages", anthropic.body());
        JsonObject backend = gateway.health().getJsonObject("backends").getJsonObject("gone");
        assertThat(backend.getString("status")).isEqualTo("unavailable");
        assertThat(backend.getString("reason"))
                .isEqualTo("plugin 'gone' was removed from " + gateway.plugins().toAbsolutePath());

        assertThat(stream).as("the answer in flight still runs").isNotDone();
        HotProbe.openGate();
        assertThat(stream.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("g2-start g2-end");
        assertThat(gateway.reply("echo", "still here")).isEqualTo("still here");
    }

    @Test
    void a_half_copied_jar_loads_once_complete() throws Exception {
        byte[] whole = Files.readAllBytes(hotJar("half", "1.0.0", "whole").write(dir.resolve("half.jar")));
        Path jar = gateway.plugins().resolve("half.jar");
        Files.write(jar, Arrays.copyOf(whole, whole.length / 2));

        awaitTrue("the half JAR seen", () -> gateway.plugin("half.jar", "failed").isPresent());
        assertThat(gateway.plugin("half.jar", "failed").orElseThrow().getString("error")).contains("not a readable JAR");
        assertThat(gateway.health().getJsonObject("backends").getJsonObject("half").getString("status"))
                .isEqualTo("unavailable");

        Files.write(jar, whole);
        gateway.awaitReply("half", "hi", "whole");
        assertThat(gateway.plugin("half.jar", "started")).isPresent();
        assertThat(gateway.plugin("half.jar", "failed")).as("no longer reported broken").isEmpty();
    }

    @Test
    void the_guides_plugin_built_from_its_sources_is_dropped_in_replaced_mid_stream_and_removed() throws Exception {
        SourcePlugin hello = new SourcePlugin(SourcePlugin.EXAMPLE, "hello");
        Path jar = gateway.plugins().resolve("hello.jar");
        hello.build(dir.resolve("build"), "1.0.0", Map.of(), jar);
        gateway.awaitReply("hello", "world", "Hello, world!");
        Path second = hello.build(
                dir.resolve("build"), "2.0.0", Map.of("\"Hello, \"", "\"Hi, \""), dir.resolve("staged/hello.jar"));

        String words = String.join(" ", Collections.nCopies(60, "word"));
        HotPluginGateway.Streaming streaming = gateway.stream("hello", words);
        awaitTrue("the stream started", () -> streaming.received().length() > 0);
        Files.move(second, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        gateway.awaitReply("hello", "there", "Hi, there!");
        assertThat(streaming.text()).as("the stream of version 1.0.0 still runs").isNotDone();

        assertThat(streaming.text().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("Hello, " + words + "!");
        Files.delete(jar);
        awaitTrue("503 once removed", () -> {
            try {
                gateway.reply("hello", "anyone");
                return false;
            } catch (OpenAIServiceException e) {
                return e.statusCode() == 503;
            }
        });
        assertThat(gateway.health().getJsonObject("backends").getJsonObject("hello").getString("reason"))
                .isEqualTo("plugin 'hello' was removed from " + gateway.plugins().toAbsolutePath());
    }

    private int status(String path, String json) {
        try {
            return gateway.post(path, json).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

}
