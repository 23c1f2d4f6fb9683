package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that abort streams leave no CLI process behind: 50 streams (or
 * {@code -Djunction.orphans.streams=N}) through the gateway to the three real CLIs (two in five
 * Claude Code, two in five Codex, one in five Gemini CLI, half through each SDK), five at a time,
 * each against a fake upstream that drips 100 deltas 200 ms apart; each client reads its first text
 * delta, so its CLI is mid-stream, and closes the stream. Only this test's CLI processes count
 * ({@link CliProcesses}), so other runs sharing the CLI install do not disturb it.
 */
class AbortedCliStreamsTest {

    private static final int STREAMS = Integer.getInteger("junction.orphans.streams", 50);
    private static final int PARALLEL = 5;
    private static final List<String> MODELS = List.of("claude", "codex", "gemini", "claude", "codex");
    private static final StubReply SLOW = StubReply.slow(100, Duration.ofMillis(200));
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    /** The whole run's budget: generous, as each stream starts a CLI on a possibly busy machine. */
    private static final Duration BUDGET = Duration.ofSeconds(120 + 3L * STREAMS);

    @Test
    void aborted_streams_leave_no_cli_process_alive(@TempDir Path dir) throws Exception {
        RealClis clis = RealClis.installed();
        Path codexHome = Offline.codexHome();
        Set<Long> before = CliProcesses.alive(clis.dir(), dir, Set.of()).stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        long started = System.nanoTime();
        long deadline = started + BUDGET.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
        try (FakeAnthropic anthropic = FakeAnthropic.start();
                FakeOpenAiResponses responses = FakeOpenAiResponses.start();
                FakeGemini gemini = FakeGemini.start();
                TestGateway gateway = TestGateway.start(dir,
                        RealCliBackends.claude(clis, anthropic, dir, PARALLEL)
                                + RealCliBackends.codex(clis, responses, dir, codexHome, PARALLEL)
                                + RealCliBackends.gemini(clis, gemini, dir, PARALLEL))) {
            List<FakeUpstream> upstreams = List.of(anthropic, responses, gemini);
            upstreams.forEach(upstream -> upstream.reply(SLOW));

            List<Future<String>> aborted = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String model = MODELS.get(i % MODELS.size());
                boolean openai = i % 2 == 0;
                aborted.add(clients.submit(() -> openai ? abortOpenAi(gateway, model) : abortAnthropic(gateway, model)));
            }
            for (Future<String> stream : aborted) {
                assertThat(stream.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
                        .as("first delta of an aborted stream")
                        .isEqualTo(" tick");
            }

            List<ProcessHandle> left = CliProcesses.awaitNone(clis.dir(), dir, before, EXIT_WAIT);
            System.out.printf("AbortedCliStreamsTest: %d aborted streams in %d s, %d CLI processes left%n",
                    STREAMS, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), left.size());
            assertThat(left).as("CLI processes alive %s after the last abort: %s", EXIT_WAIT,
                            left.stream().map(CliProcesses::describe).toList())
                    .isEmpty();
            CompletableFuture.allOf(upstreams.stream().map(FakeUpstream::noOpenStreams).toArray(CompletableFuture[]::new))
                    .get(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
            // Every stream's CLI reached its upstream; a CLI may retry a slow call by itself (one in
            // the 1,000-stream run did), which leaves no process behind either.
            assertThat(upstreams.stream().mapToInt(upstream -> upstream.modelCalls().size()).sum())
                    .as("model calls the CLIs made")
                    .isGreaterThanOrEqualTo(STREAMS);
        } finally {
            clients.shutdownNow();
            Offline.deleteTree(codexHome);
        }
    }

    @Test
    @Timeout(120)
    void a_cli_is_seen_alive_while_its_stream_is_open(@TempDir Path dir) {
        RealClis clis = RealClis.installed();
        try (FakeAnthropic anthropic = FakeAnthropic.start();
                TestGateway gateway = TestGateway.start(dir, RealCliBackends.claude(clis, anthropic, dir, 1))) {
            anthropic.reply(SLOW);
            OpenAIClient client = gateway.openAi("unused");
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(openaiParams("claude"))) {
                assertThat(firstText(stream.stream().iterator())).isEqualTo(" tick");
                assertThat(CliProcesses.alive(clis.dir(), dir, Set.of()))
                        .as("the scan finds the running CLI, so an empty scan means something")
                        .isNotEmpty();
            }
            assertThat(CliProcesses.awaitNone(clis.dir(), dir, Set.of(), EXIT_WAIT)).isEmpty();
        }
    }

    private static String abortOpenAi(TestGateway gateway, String model) {
        OpenAIClient client = gateway.openAi("unused");
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(openaiParams(model))) {
            return firstText(stream.stream().iterator());
        }
    }

    private static String abortAnthropic(TestGateway gateway, String model) {
        AnthropicClient client = gateway.anthropic("unused");
        MessageCreateParams params = MessageCreateParams.builder()
                .model(model)
                .maxTokens(1000)
                .addUserMessage("Count slowly")
                .build();
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            Iterator<RawMessageStreamEvent> events = stream.stream().iterator();
            while (events.hasNext()) {
                var text = events.next().contentBlockDelta().flatMap(delta -> delta.delta().text());
                if (text.isPresent()) {
                    return text.get().text();
                }
            }
            return null;
        }
    }

    private static ChatCompletionCreateParams openaiParams(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Count slowly").build();
    }

    private static String firstText(Iterator<ChatCompletionChunk> chunks) {
        while (chunks.hasNext()) {
            for (ChatCompletionChunk.Choice choice : chunks.next().choices()) {
                if (choice.delta().content().filter(text -> !text.isEmpty()).isPresent()) {
                    return choice.delta().content().get();
                }
            }
        }
        return null;
    }
}
