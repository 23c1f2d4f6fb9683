package dev.junction.gateway.bench;

import dev.junction.gateway.support.ForkedGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the AppCDS archive of the gateway's start-up, {@code junction.jsa} beside the launcher, at
 * package time ({@code gateway/pom.xml} runs it after the shaded jar and the launcher): runs the
 * launcher as the README does, with {@code JAVA_OPTS=-XX:ArchiveClassesAtExit=...}, on a
 * configuration with the echo backend and an openai backend to an in-process {@link MockUpstream};
 * sends what clients send (chat completions and messages, whole and streamed, through both dialects
 * and both backends, a malformed body, the model list, health); then stops it with SIGTERM, and the
 * JVM writes the classes it loaded into the archive on its way out. The archive is written under a
 * temporary name and takes its place only when the JVM ended by that SIGTERM; the old one goes
 * first, so that a failed training leaves none (the launcher starts without it). The archive holds
 * the classes the built-in class loaders loaded (not the plugins'), for the exact JVM and jar.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.ArchiveTraining GATEWAY_TARGET_DIR PLUGINS_DIR
 * </pre>
 */
public final class ArchiveTraining {

    static final String ARCHIVE = "junction.jsa";
    private static final String TRAINING_CONFIG = "archive-training.yaml";
    private static final int SIGTERM_EXIT = 143;

    private ArchiveTraining() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Path archive = target.resolve(ARCHIVE);
        Path partial = target.resolve(ARCHIVE + ".partial");
        Files.deleteIfExists(archive);
        Files.deleteIfExists(partial);
        MockUpstream.Running upstream = MockUpstream.start("127.0.0.1", 0, 1, new MockProfile(10, 0, 0))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            Path config = Files.writeString(target.resolve(TRAINING_CONFIG), """
                    server: {host: 127.0.0.1, port: 0, reloadSeconds: 0}
                    plugins: {dir: "%s", scanIntervalMillis: 0}
                    backends:
                      echo: {plugin: echo, models: [echo]}
                      mock: {plugin: openai, models: [mock-model], options: {baseUrl: "http://127.0.0.1:%d/v1"}}
                    """.formatted(Path.of(args[1]).toAbsolutePath(), upstream.port()));
            ProcessBuilder launcher =
                    new ProcessBuilder(target.resolve("junction").toString(), "--config", config.toString());
            launcher.environment().remove("JUNCTION_JVM_FLAGS");
            launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
            launcher.environment().put("JAVA_OPTS", "-XX:ArchiveClassesAtExit=" + partial);
            // Stopped by the build's timeout, this JVM takes the gateway with it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                    .forEach(ProcessHandle::destroyForcibly)));
            ForkedGateway gateway = ForkedGateway.start(launcher, line -> {});
            try {
                train("http://127.0.0.1:" + gateway.port());
            } finally {
                gateway.close();
            }
            if (gateway.exitCode() != SIGTERM_EXIT || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
                throw new IllegalStateException("the training JVM ended with " + gateway.exitCode() + " and no archive");
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("AppCDS archive %s: %d MiB%n", archive, Files.size(archive) >> 20);
        } finally {
            upstream.vertx().close();
            Files.deleteIfExists(target.resolve(TRAINING_CONFIG));
        }
    }

    private static void train(String base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        for (int round = 0; round < 3; round++) {
            for (String model : List.of("echo", "mock-model")) {
                for (boolean stream : List.of(false, true)) {
                    post(client, base + "/v1/chat/completions", """
                            {"model":"%s","stream":%b,"messages":[{"role":"user","content":"Say hello."}]}"""
                            .formatted(model, stream), 200);
                    post(client, base + "/v1/messages", """
                            {"model":"%s","stream":%b,"max_tokens":50,"messages":[{"role":"user","content":"Say hello."}]}"""
                            .formatted(model, stream), 200);
                }
            }
            post(client, base + "/v1/chat/completions", "{\"model\":", 400);
            get(client, base + "/v1/models");
            get(client, base + "/health");
        }
    }

    private static void post(HttpClient client, String url, String body, int status)
            throws IOException, InterruptedException {
        expect(status, client.send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static void get(HttpClient client, String url) throws IOException, InterruptedException {
        expect(200, client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                    + " instead of " + status + ": " + response.body());
        }
    }
}
